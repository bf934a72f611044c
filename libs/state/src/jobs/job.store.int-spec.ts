import { ResultType } from '@netpulse/contracts';
import { readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { StateKeys } from '../state.keys';
import { JobStore, NewJob } from './job.store';

describe('JobStore (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = new StateKeys(`${env.namespace}-jobstore-${randomUUID().slice(0, 8)}`);
  const sut = new JobStore(redis, keys);
  const job = (over: Partial<NewJob> = {}): NewJob => ({
    id: randomUUID(), queue: 'FifoQ', ttl: 300, resultTtl: 60, timeout: 30, deviceName: '127.0.0.1', command: ['uname'], host: '127.0.0.1', payload: 'sealed', ...over,
  });

  afterAll(() => redis.disconnect());

  it('creates a queued record with timestamps', async () => {
    const rec = await sut.create(job());
    expect(rec.status).toBe('queued');
    expect(rec.createdAt).toBe(rec.enqueuedAt);
    expect(rec.createdAt).toBeGreaterThan(1.7e15);
  });

  it('runs start → finish and expires the record after result_ttl', async () => {
    const j = job();
    await sut.create(j);
    expect(await sut.start(j.id, 'w1')).toEqual({ state: 'started', payload: 'sealed', enqueuedAt: expect.any(Number) });
    expect(await sut.runningOn('w1')).toContain(j.id);
    expect(await sut.start(j.id, 'w2')).toEqual({ state: 'skipped', status: 'started' });
    expect(await sut.finish(j.id, 'w1', 'finished', { type: ResultType.Successful, retval: [], error: null })).toBe(true);
    const rec = await sut.get(j.id);
    expect(rec?.status).toBe('finished');
    expect(rec?.result?.type).toBe(1);
    expect(await redis.ttl(keys.job(j.id))).toBeGreaterThan(50);
    expect(await redis.hexists(keys.job(j.id), 'payload')).toBe(0);
    expect(await sut.runningOn('w1')).not.toContain(j.id);
  });

  it('cancels only queued jobs', async () => {
    const j = job();
    await sut.create(j);
    expect(await sut.cancel(j.id)).toBe(true);
    expect((await sut.get(j.id))?.status).toBe('canceled');
    expect(await sut.cancel(j.id)).toBe(false);
    expect(await sut.start(j.id, 'w1')).toEqual({ state: 'skipped', status: 'canceled' });
  });

  it('expires a job whose queue TTL passed, at start and by the sweeper', async () => {
    const a = job({ ttl: 1 });
    const b = job({ ttl: 1 });
    await sut.create(a);
    await sut.create(b);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await sut.start(a.id, 'w1')).toEqual({ state: 'expired', payload: 'sealed' });
    expect(await sut.expireDue()).toEqual([{ id: b.id, payload: 'sealed' }]);
    for (const id of [a.id, b.id]) {
      const rec = await sut.get(id);
      expect(rec?.status).toBe('failed');
      expect(rec?.result?.error?.type).toBe('JobExpired');
    }
  });

  it('lists a queue across states and filters by status', async () => {
    const q = `HostQ_127.0.30.${Math.floor(Math.random() * 200)}`;
    const a = job({ queue: q });
    const b = job({ queue: q });
    await sut.create(a);
    await sut.create(b);
    await sut.cancel(b.id);
    expect((await sut.list({ queue: q })).map((r) => r.id)).toEqual([a.id, b.id]);
    expect((await sut.list({ queue: q, status: 'queued' })).map((r) => r.id)).toEqual([a.id]);
  });
});
