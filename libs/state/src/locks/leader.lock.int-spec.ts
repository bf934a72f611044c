import { readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { LeaderLock } from './leader.lock';

describe('LeaderLock (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const key = `${env.namespace}-lock-${randomUUID().slice(0, 8)}:supervisor:lock`;

  afterAll(async () => {
    await redis.del(key);
    redis.disconnect();
  });

  it('lets one owner lead, renews it, and hands over only after a release or a lapse', async () => {
    const a = new LeaderLock(redis, key, 300);
    const b = new LeaderLock(redis, key, 300);
    expect(await a.hold()).toBe(true);
    expect(await b.hold()).toBe(false);
    expect(await a.hold()).toBe(true);
    await b.release();
    expect(await b.hold()).toBe(false);
    await a.release();
    expect(await b.hold()).toBe(true);
    await new Promise((r) => setTimeout(r, 400));
    expect(await a.hold()).toBe(true);
  });

  it('rejects a non-positive lease by name', () => {
    expect(() => new LeaderLock(redis, key, 0)).toThrow('leaseMs must be a number greater than 0');
  });
});
