import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Redis from 'ioredis';

/**
 * Our Lua scripts: `<operation>-<numKeys>.lua` in `../lua` (the compiled lib and the sources), or in
 * `./lua` beside an app bundle (the app `build` copies them there); `-n`: the number of keys varies
 * per call.
 */
export const LUA_SCRIPTS = [
  'acquire-device-slot-1',
  'claim-host-5',
  'claim-hosts-n',
  'end-queued-job-2',
  'enqueue-job-4',
  'enqueue-pinned-job-9',
  'finish-job-3',
  'hold-lock-1',
  'patch-detached-task-1',
  'push-host-job-3',
  'record-late-result-1',
  'release-host-3',
  'release-lock-1',
  'renew-node-lease-2',
  'start-job-3',
  'take-host-job-7',
] as const;
export type LuaScriptName = (typeof LUA_SCRIPTS)[number];

interface Loaded {
  sha: string;
  text: string;
  numKeys: number;
}

const loaded = new Map<LuaScriptName, Loaded>();
const LUA_DIR = [join(__dirname, '..', 'lua'), join(__dirname, 'lua')].find((d) => existsSync(d)) ?? join(__dirname, '..', 'lua');

function script(name: LuaScriptName): Loaded {
  let s = loaded.get(name);
  if (!s) {
    const text = readFileSync(join(LUA_DIR, `${name}.lua`), 'utf8');
    const suffix = name.slice(name.lastIndexOf('-') + 1);
    s = { text, sha: createHash('sha1').update(text).digest('hex'), numKeys: suffix === 'n' ? -1 : Number(suffix) };
    loaded.set(name, s);
  }
  return s;
}

/** Runs one script by its SHA, sending the text only when Redis does not have it (first use, restart). */
export async function runScript(redis: Redis, name: LuaScriptName, keys: string[], args: (string | number)[]): Promise<unknown> {
  const s = script(name);
  if (s.numKeys >= 0 && s.numKeys !== keys.length) throw new Error(`${name} takes ${s.numKeys} keys, got ${keys.length}`);
  const strArgs = args.map(String);
  try {
    return await redis.evalsha(s.sha, keys.length, ...keys, ...strArgs);
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('NOSCRIPT')) return redis.eval(s.text, keys.length, ...keys, ...strArgs);
    throw err;
  }
}

/** One call of a script in a batch. */
export interface ScriptCall {
  keys: string[];
  args: (string | number)[];
}

/**
 * Runs many calls of one script in one pipeline (one round trip; each call is still atomic on its
 * own). The script is loaded first when Redis does not have it. Results are in call order; a call
 * that failed yields its Error.
 */
export async function runScriptMany(redis: Redis, name: LuaScriptName, calls: ScriptCall[]): Promise<unknown[]> {
  if (calls.length === 0) return [];
  const s = script(name);
  for (const c of calls) if (s.numKeys >= 0 && s.numKeys !== c.keys.length) throw new Error(`${name} takes ${s.numKeys} keys, got ${c.keys.length}`);
  const run = async (): Promise<[Error | null, unknown][]> => {
    const pipe = redis.pipeline();
    for (const c of calls) pipe.evalsha(s.sha, c.keys.length, ...c.keys, ...c.args.map(String));
    return (await pipe.exec()) ?? [];
  };
  let res = await run();
  if (res.some(([err]) => err?.message.startsWith('NOSCRIPT'))) {
    await redis.script('LOAD', s.text);
    res = await run();
  }
  return res.map(([err, v]) => err ?? v);
}
