import { readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { LeaderLockFactory } from './leader-lock.factory';
import { LeaderLock } from './leader.lock';
import { setTimeout as sleep } from 'node:timers/promises';

describe('LeaderLock (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const key = `${env.namespace}-lock-${randomUUID().slice(0, 8)}:supervisor:lock`;
  const factoryKey = `${key}:factory`;

  afterAll(async () => {
    await redis.del(key, factoryKey);
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
    await sleep(400);
    expect(await a.hold()).toBe(true);
  });

  it('a factory makes locks on one key that exclude each other like hand-made ones', async () => {
    const locks = new LeaderLockFactory(redis);
    const a = locks.create(factoryKey, 5000);
    expect(await a.hold()).toBe(true);
    expect(await locks.create(factoryKey, 5000).hold()).toBe(false);
    expect(await new LeaderLock(redis, factoryKey, 5000).hold()).toBe(false);
    await a.release();
    expect(await redis.exists(factoryKey)).toBe(0);
    expect(() => locks.create(factoryKey, -1)).toThrow('leaseMs must be a number greater than 0');
  });

  it('rejects a non-positive lease by name', () => {
    expect(() => new LeaderLock(redis, key, 0)).toThrow('leaseMs must be a number greater than 0');
  });
});
