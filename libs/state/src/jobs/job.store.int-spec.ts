import { ResultType } from '@netpulse/contracts';
import { readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { PinStore } from '../pinning/pin.store';
import { StateKeys } from '../state.keys';
import { JobEndWatcher } from './job-end.watcher';
import { JobStore, NewJob } from './job.store';
import { setTimeout as sleep } from 'node:timers/promises';

describe('JobStore (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = new StateKeys(`${env.namespace}-jobstore-${randomUUID().slice(0, 8)}`);
  const sut = new JobStore(redis, keys);
  const job = (over: Partial<NewJob> = {}): NewJob => ({
    id: randomUUID(), queue: 'FifoQ', ttl: 300, resultTtl: 60, timeout: 30, deviceName: '127.0.0.1', command: ['uname'], host: '127.0.0.1', payload: 'sealed', ...over,
  });

  afterAll(() => redis.disconnect());
  const collect = async (parts: AsyncIterable<Buffer> | undefined): Promise<Buffer> => {
    const out: Buffer[] = [];
    for await (const p of parts ?? []) out.push(p);
    return Buffer.concat(out);
  };

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

  it('writes a large result in parts and answers it as the stored bytes', async () => {
    const j = job();
    await sut.create(j);
    await sut.start(j.id, 'w1');
    const stdout = `${'x'.repeat(3 * 1024 * 1024)}\n"quoted" é 😀`;
    const result = { type: ResultType.Successful, retval: [{ command: 'big', stdout, stderr: '', exit_status: 0, download_url: null, metadata: { host: 'h' }, parsed: null }], error: null };
    expect(await sut.finish(j.id, 'w1', 'finished', result)).toBe(true);
    expect(await redis.exists(keys.jobResultPart(j.id))).toBe(0);
    // The parts became the job's result key (renamed, not copied into the hash); it expires with the record.
    expect(await redis.hexists(keys.job(j.id), 'result')).toBe(0);
    expect(await redis.get(keys.jobResult(j.id))).toBe(JSON.stringify(result));
    expect(Math.abs((await redis.ttl(keys.jobResult(j.id))) - (await redis.ttl(keys.job(j.id))))).toBeLessThanOrEqual(1);
    expect((await sut.get(j.id))?.result).toEqual(result);
    expect((await sut.getMany([j.id]))[0]?.result).toEqual(result);
    const answer = await sut.getForAnswer(j.id);
    expect(answer?.record).toMatchObject({ id: j.id, status: 'finished', result: null });
    expect(answer?.rawResult?.length).toBe(Buffer.byteLength(JSON.stringify(result)));
    expect((await collect(answer?.rawResult?.parts())).toString('utf8')).toBe(JSON.stringify(result));
    // A job that was no longer running keeps what it had; the parts are dropped.
    expect(await sut.finish(j.id, 'w1', 'failed', result)).toBe(false);
    expect(await redis.exists(keys.jobResultPart(j.id))).toBe(0);
    expect(await sut.getForAnswer('nope')).toBeNull();
  });

  it('stores structured outputs (an eAPI object, parsed rows) through the part encoder: a small one in the finishing step, a large one in parts', async () => {
    const small = job();
    await sut.create(small);
    await sut.start(small.id, 'w1');
    const obj = { type: ResultType.Successful, retval: [{ command: 'show version', stdout: { version: '4.30', 'weird "key"': [1, null, true] }, stderr: '', exit_status: 0, download_url: null, metadata: { host: 'h' }, parsed: null }], error: null };
    // Each part goes out in one MULTI (append + expiry): count them.
    const spy = jest.spyOn(redis, 'multi');
    try {
      expect(await sut.finish(small.id, 'w1', 'finished', obj)).toBe(true);
      expect(spy).not.toHaveBeenCalled();
      expect((await sut.get(small.id))?.result).toEqual(obj);

      const large = job();
      await sut.create(large);
      await sut.start(large.id, 'w1');
      const rows = Array.from({ length: 40_000 }, (_, i) => ({ interface: `Ethernet${i}`, description: 'd'.repeat(40), counters: { in: i, out: i * 2 } }));
      const big = { type: ResultType.Successful, retval: [{ command: 'show interfaces', stdout: { interfaces: rows }, stderr: '', exit_status: 0, download_url: null, metadata: { host: 'h' }, parsed: rows }], error: null };
      expect(await sut.finish(large.id, 'w1', 'finished', big)).toBe(true);
      expect(spy.mock.calls.length).toBeGreaterThan(3);
      expect(await redis.exists(keys.jobResultPart(large.id))).toBe(0);
      expect((await collect((await sut.getForAnswer(large.id))?.rawResult?.parts())).toString('utf8')).toBe(JSON.stringify(big));
    } finally {
      spy.mockRestore();
    }
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
    await sleep(1100);
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
    // The index orders by creation millisecond (ties by id): let the second job be a millisecond younger.
    await sleep(3);
    await sut.create(b);
    await sut.cancel(b.id);
    expect((await sut.list({ queue: q })).map((r) => r.id)).toEqual([a.id, b.id]);
    expect((await sut.list({ queue: q, status: 'queued' })).map((r) => r.id)).toEqual([a.id]);
  });

  it('answers create from the record it wrote, equal to a read back', async () => {
    const j = job({ ttl: 120 });
    const rec = await sut.create(j);
    expect(await sut.get(j.id)).toEqual(rec);
  });

  it('creates a pinned job and queues it in one step, only on the node that serves the device', async () => {
    const host = '127.15.9.1';
    const pins = new PinStore(redis, keys);
    await pins.registerNode('n1', 10, 10_000);
    expect(await pins.claim(host, 'n1', null)).toEqual({ ok: true, node: 'n1' });
    const j = job({ id: sut.newId(host), queue: `HostQ_${host}`, host });
    const rec = await sut.createPinned(j, host, 'n1');
    expect(rec).toEqual(await sut.get(j.id));
    expect(rec?.status).toBe('queued');
    expect(await redis.lrange(keys.hostJobs(host), 0, -1)).toEqual([j.id]);
    expect(await redis.lrange(keys.nodeControl('n1'), 0, -1)).toEqual([`wake ${host}`]);
    expect(await pins.activeHosts()).toContain(host);
    expect(await sut.list({ queue: `HostQ_${host}` })).toEqual([rec]);
    // Another node, or a device released from this one: nothing is written.
    const k = job({ id: sut.newId(host), queue: `HostQ_${host}`, host });
    expect(await sut.createPinned(k, host, 'n2')).toBeNull();
    expect(await pins.release(host, 'n1', true)).toBe(1);
    expect(await sut.createPinned(k, host, 'n1')).toBeNull();
    expect(await redis.exists(keys.job(k.id))).toBe(0);
    expect(await redis.llen(keys.hostJobs(host))).toBe(1);
  });

  it('publishes every end (finish, cancel, expiry) to waiting clients', async () => {
    const watcher = new JobEndWatcher(() => new Redis({ host: env.redisHost, port: env.redisPort }), keys.jobEnded);
    try {
      await watcher.ready();
      const [a, b, c] = [job(), job(), job({ ttl: 1 })];
      for (const x of [a, b, c]) await sut.create(x);
      const watches = [a, b, c].map((x) => watcher.watch(x.id));
      expect(watcher.waiting).toBe(3);
      await sut.start(a.id, 'w1');
      await sut.finish(a.id, 'w1', 'finished', { type: ResultType.Successful, retval: [], error: null });
      await sut.cancel(b.id);
      await sleep(1100);
      expect(await sut.start(c.id, 'w1')).toMatchObject({ state: 'expired' });
      const t0 = Date.now();
      await Promise.all(watches.map((w) => w.until(5000)));
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(watcher.waiting).toBe(0);
      // An end already seen resolves a late watch at once; an unrelated id waits out its time.
      const t1 = Date.now();
      await watcher.watch(a.id).until(5000);
      expect(Date.now() - t1).toBeLessThan(100);
      const other = watcher.watch(randomUUID());
      await other.until(200);
      other.cancel();
      expect(Date.now() - t1).toBeGreaterThanOrEqual(190);
      expect((await sut.get(c.id))?.result?.error).toEqual({ type: 'JobExpired', message: 'Job waited longer than its queue TTL (1s) before a worker took it' });
    } finally {
      watcher.close();
    }
  });
});
