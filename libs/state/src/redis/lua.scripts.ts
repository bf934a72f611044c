import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipelineBySlot } from './slot.pipeline';
import { RedisClient, isCluster } from './redis.connection';
import type { ReplicaWait } from './replica.wait';

/**
 * Our Lua scripts: `<operation>-<numKeys>.lua` in `../lua` (the compiled lib and the sources), or in
 * `./lua` beside an app bundle (the app `build` copies them there); `-n`: the number of keys varies
 * per call. Every call's keys share one hash slot (see StateKeys), so each runs on a Redis Cluster.
 * A line `-- #include _<fragment>` is replaced by `_<fragment>.lua` of the same folder (lines two
 * scripts share; a fragment is never run on its own).
 */
export const LUA_SCRIPTS = [
  'acquire-device-slot-1',
  'claim-host-6',
  'claim-hosts-n',
  'end-queued-job-2',
  'enqueue-job-4',
  'enqueue-pinned-job-7',
  'finish-job-4',
  'hold-lock-1',
  'patch-detached-task-1',
  'pin-device-2',
  'push-host-job-2',
  'record-late-result-1',
  'release-host-2',
  'release-lock-1',
  'renew-node-lease-2',
  'start-job-3',
  'take-host-job-7',
  'unpin-device-2',
] as const;
export type LuaScriptName = (typeof LUA_SCRIPTS)[number];

interface Loaded {
  sha: string;
  text: string;
  numKeys: number;
}

const loaded = new Map<LuaScriptName, Loaded>();
const LUA_DIR = [join(__dirname, '..', 'lua'), join(__dirname, 'lua')].find((d) => existsSync(d)) ?? join(__dirname, '..', 'lua');

const INCLUDE = /^-- #include (_[a-z0-9-]+)$/gm;

function withIncludes(text: string): string {
  return text.replace(INCLUDE, (_line, fragment: string) => readFileSync(join(LUA_DIR, `${fragment}.lua`), 'utf8').trimEnd());
}

function script(name: LuaScriptName): Loaded {
  let s = loaded.get(name);
  if (!s) {
    const text = withIncludes(readFileSync(join(LUA_DIR, `${name}.lua`), 'utf8'));
    const suffix = name.slice(name.lastIndexOf('-') + 1);
    s = { text, sha: createHash('sha1').update(text).digest('hex'), numKeys: suffix === 'n' ? -1 : Number(suffix) };
    loaded.set(name, s);
  }
  return s;
}

/** A script's text as Redis receives it (its includes resolved). */
export function scriptSource(name: LuaScriptName): string {
  return script(name).text;
}

/**
 * Runs one script by its SHA, sending the text only when Redis does not have it (first use, restart).
 * With `wait`, a Redis `WAIT` follows in the same pipeline (the same server or cluster master).
 * `follow` sends commands right behind the script on the same connection, so Redis runs them after
 * it without waiting for its reply (and sends them again behind the text when Redis lacked the
 * script): only on a single server without `wait`, the one case where the order is kept; elsewhere
 * it is called after the reply.
 */
export async function runScript(
  redis: RedisClient,
  name: LuaScriptName,
  keys: string[],
  args: (string | number | Buffer)[],
  wait: ReplicaWait | null = null,
  follow?: () => void,
): Promise<unknown> {
  const s = script(name);
  if (s.numKeys >= 0 && s.numKeys !== keys.length) throw new Error(`${name} takes ${s.numKeys} keys, got ${keys.length}`);
  // A Buffer goes out as its bytes (a result's JSON, never copied into a string first).
  const strArgs = args.map((a) => (Buffer.isBuffer(a) ? a : String(a)));
  if (wait?.active && keys.length > 0) {
    // The WAIT rides in a pipeline with the script, so it reaches the server that ran it.
    const send = async (text: boolean): Promise<unknown> =>
      (await pipelineBySlot(redis, [{ key: keys[0], add: (p) => void (text ? p.eval(s.text, keys.length, ...keys, ...strArgs) : p.evalsha(s.sha, keys.length, ...keys, ...strArgs)) }], wait))[0];
    let value = await send(false);
    if (value instanceof Error && value.message.startsWith('NOSCRIPT')) value = await send(true);
    if (value instanceof Error) throw value;
    follow?.();
    return value;
  }
  if (follow && isCluster(redis)) {
    const value = await runScript(redis, name, keys, args);
    follow();
    return value;
  }
  // Both sent before the first reply is awaited: on one connection, in this order.
  const first = redis.evalsha(s.sha, keys.length, ...keys, ...strArgs);
  follow?.();
  try {
    return await first;
  } catch (err) {
    if (!(err instanceof Error && err.message.startsWith('NOSCRIPT'))) throw err;
    const value = redis.eval(s.text, keys.length, ...keys, ...strArgs);
    follow?.();
    return value;
  }
}

/** One call of a script in a batch. */
export interface ScriptCall {
  keys: string[];
  args: (string | number)[];
}

/**
 * Runs many calls of one script in one pipeline (one round trip; each call is still atomic on its
 * own; on a cluster one pipeline per slot, sent together). A call that meets a server without the
 * script is sent again with its text. Results are in call order; a call that failed yields its Error.
 */
export async function runScriptMany(redis: RedisClient, name: LuaScriptName, calls: ScriptCall[], wait: ReplicaWait | null = null): Promise<unknown[]> {
  if (calls.length === 0) return [];
  const s = script(name);
  for (const c of calls) {
    if (s.numKeys >= 0 && s.numKeys !== c.keys.length) throw new Error(`${name} takes ${s.numKeys} keys, got ${c.keys.length}`);
    if (c.keys.length === 0) throw new Error(`${name} needs at least one key`);
  }
  const res = await pipelineBySlot(
    redis,
    calls.map((c) => ({ key: c.keys[0], add: (p) => void p.evalsha(s.sha, c.keys.length, ...c.keys, ...c.args.map(String)) })),
    wait,
  );
  const missing = res.flatMap((r, i) => (r instanceof Error && r.message.startsWith('NOSCRIPT') ? [i] : []));
  if (missing.length > 0) {
    const again = await pipelineBySlot(
      redis,
      missing.map((i) => ({ key: calls[i].keys[0], add: (p) => void p.eval(s.text, calls[i].keys.length, ...calls[i].keys, ...calls[i].args.map(String)) })),
      wait,
    );
    missing.forEach((i, n) => (res[i] = again[n]));
  }
  return res;
}
