import { deleteNamespace, readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { StateKeys } from '../state.keys';
import { IdempotencyStore } from './idempotency.store';

describe('IdempotencyStore (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = new StateKeys(`${env.namespace}-idem-${randomUUID().slice(0, 8)}`);
  const sut = new IdempotencyStore(redis, keys);

  afterAll(async () => {
    await deleteNamespace(env.redisHost, env.redisPort, keys.namespace);
    redis.disconnect();
  });

  it('lets exactly one of two concurrent claims of a key win, and shows the key pending meanwhile', async () => {
    const claims = await Promise.all([sut.claim('exec', 'k1', 60), sut.claim('exec', 'k1', 60)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await sut.get('exec', 'k1')).toEqual({ state: 'pending' });
    expect(await redis.ttl(keys.idempotency('exec', 'k1'))).toBeGreaterThan(50);
  });

  it('keeps the same key apart per route', async () => {
    expect(await sut.claim('exec', 'shared', 60)).toBe(true);
    expect(await sut.claim('bulk', 'shared', 60)).toBe(true);
  });

  it('stores the answer with its body hash in place of the claim, for the given time', async () => {
    expect(await sut.claim('exec', 'k2', 60)).toBe(true);
    await sut.complete('exec', 'k2', 'hash-1', { id: 'job-1' }, 3600);
    expect(await sut.get<{ id: string }>('exec', 'k2')).toEqual({ state: 'done', bodyHash: 'hash-1', response: { id: 'job-1' } });
    const ttl = await redis.ttl(keys.idempotency('exec', 'k2'));
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
    expect(await sut.claim('exec', 'k2', 60)).toBe(false);
  });

  it('frees a dropped key for the next claim, and reads an unknown key as null', async () => {
    expect(await sut.claim('exec', 'k3', 60)).toBe(true);
    await sut.drop('exec', 'k3');
    expect(await sut.get('exec', 'k3')).toBeNull();
    expect(await sut.claim('exec', 'k3', 60)).toBe(true);
  });

  it('lets a claim lapse after its pending time', async () => {
    expect(await sut.claim('exec', 'k4', 1)).toBe(true);
    await redis.pexpire(keys.idempotency('exec', 'k4'), 1);
    await sleep(10);
    expect(await sut.claim('exec', 'k4', 60)).toBe(true);
  });
});
