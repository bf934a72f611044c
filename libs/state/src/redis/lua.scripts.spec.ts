import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LUA_SCRIPTS, runScript, scriptSource } from './lua.scripts';
import type { RedisClient } from './redis.connection';

const LUA_DIR = join(__dirname, '..', 'lua');

describe('Lua scripts', () => {
  it('lists every script of the folder, and only those (fragments start with _)', () => {
    const files = readdirSync(LUA_DIR).filter((f) => f.endsWith('.lua'));
    expect(files.filter((f) => !f.startsWith('_')).map((f) => f.slice(0, -4)).sort()).toEqual([...LUA_SCRIPTS].sort());
  });

  it('resolves every include: no script reaches Redis with an include line or a fragment missing', () => {
    for (const name of LUA_SCRIPTS) expect(scriptSource(name)).not.toMatch(/^-- #include /m);
    const pinned = scriptSource('enqueue-pinned-job-7');
    expect(pinned).toContain("redis.call('HSET', KEYS[1], unpack(args))");
    expect(pinned.indexOf("redis.call('HSET', KEYS[1]")).toBeLessThan(pinned.indexOf("redis.call('RPUSH', KEYS[6]"));
    expect(scriptSource('enqueue-job-4')).toContain("redis.call('ZADD', KEYS[4], ms, ARGV[1])");
  });
});

describe('runScript with commands that follow the script', () => {
  /** A single-server client that records what is sent, in order; `evalsha` answers NOSCRIPT when told. */
  function recorder(noScript: boolean): { redis: RedisClient; sent: string[] } {
    const sent: string[] = [];
    const redis = {
      evalsha: (): Promise<unknown> => {
        sent.push('evalsha');
        return noScript ? Promise.reject(new Error('NOSCRIPT No matching script')) : Promise.resolve(1);
      },
      eval: (): Promise<unknown> => {
        sent.push('eval');
        return Promise.resolve(1);
      },
    };
    return { redis: redis as unknown as RedisClient, sent };
  }

  it('sends them right behind the script, before its reply is awaited', async () => {
    const { redis, sent } = recorder(false);
    const pending = runScript(redis, 'release-lock-1', ['k'], ['t'], null, () => sent.push('follow'));
    expect(sent).toEqual(['evalsha', 'follow']);
    await expect(pending).resolves.toBe(1);
    expect(sent).toEqual(['evalsha', 'follow']);
  });

  it('sends them again behind the script text when Redis did not have the script', async () => {
    const { redis, sent } = recorder(true);
    await expect(runScript(redis, 'release-lock-1', ['k'], ['t'], null, () => sent.push('follow'))).resolves.toBe(1);
    expect(sent).toEqual(['evalsha', 'follow', 'eval', 'follow']);
  });
});
