import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { LUA_SCRIPTS, scriptSource } from './lua.scripts';

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
