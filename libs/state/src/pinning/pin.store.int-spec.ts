import { ResultType } from '@netpulse/contracts';
import { readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { JobStore, NewJob } from '../jobs/job.store';
import { StateKeys } from '../state.keys';
import { LEASE_MARGIN_MS, PinStore } from './pin.store';

describe('PinStore: taking a pinned job, fencing a taken-over device (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = new StateKeys(`${env.namespace}-pins-${randomUUID().slice(0, 8)}`);
  const pins = new PinStore(redis, keys);
  const jobs = new JobStore(redis, keys);
  const host = '127.17.0.1';
  const worker = `n1_HostQ_${host}`;

  const queued = async (over: Partial<NewJob> = {}): Promise<string> => {
    const id = randomUUID();
    await jobs.create({ id, queue: `HostQ_${host}`, ttl: 300, resultTtl: 60, timeout: 30, deviceName: host, command: ['show clock'], host, payload: `sealed-${id}`, ...over });
    await pins.pushJob(host, 'n1', id);
    return id;
  };

  beforeEach(async () => {
    const found = await redis.keys(`${keys.namespace}:*`);
    if (found.length > 0) await redis.del(...found);
    await pins.registerNode('n1', 10, 10_000);
    expect((await pins.claim(host, 'n1', null)).ok).toBe(true);
  });
  afterAll(async () => {
    const found = await redis.keys(`${keys.namespace}:*`);
    if (found.length > 0) await redis.del(...found);
    redis.disconnect();
  });

  it('records the job started in the same step that removes it from the device list (never queued and in no list)', async () => {
    const id = await queued();
    const taken = await pins.takeJob(host, 'n1', worker, 't1');
    expect(taken).toEqual({ state: 'started', id, payload: `sealed-${id}`, enqueuedAt: expect.any(Number) });
    // Whatever happens to the worker now, the record says who holds the job: a dead worker's jobs are found and reported.
    expect((await jobs.get(id))?.status).toBe('started');
    expect(await jobs.runningOn(worker)).toEqual([id]);
    expect(await pins.waitingCount(host)).toBe(0);
  });

  it('a take repeated with the same token (its reply was lost) returns the same job instead of taking the next', async () => {
    const first = await queued();
    const second = await queued();
    expect(await pins.takeJob(host, 'n1', worker, 'same')).toMatchObject({ state: 'started', id: first });
    expect(await pins.takeJob(host, 'n1', worker, 'same')).toMatchObject({ state: 'started', id: first });
    expect(await pins.waitingCount(host)).toBe(1);
    await jobs.finish(first, worker, 'finished', { type: ResultType.Successful, retval: [], error: null });
    // Once the job ended, the old token no longer names a running job: a new token takes the next.
    expect(await pins.takeJob(host, 'n1', worker, 'next')).toMatchObject({ state: 'started', id: second });
  });

  it('drops canceled jobs, ends expired ones JobExpired (one per call, with the TTL), and says when nothing waits', async () => {
    const canceled = await queued();
    await jobs.cancel(canceled);
    const expired = await queued({ ttl: 0 });
    await sleep(5);
    const fresh = await queued();
    expect(await pins.takeJob(host, 'n1', worker, 'a')).toEqual({ state: 'expired', id: expired, payload: `sealed-${expired}` });
    expect((await jobs.get(expired))?.result?.error).toEqual({ type: 'JobExpired', message: 'Job waited longer than its queue TTL (0s) before a worker took it' });
    expect(await pins.takeJob(host, 'n1', worker, 'b')).toMatchObject({ state: 'started', id: fresh });
    await jobs.finish(fresh, worker, 'finished', { type: ResultType.Successful, retval: [], error: null });
    expect(await pins.takeJob(host, 'n1', worker, 'c')).toEqual({ state: 'empty' });
    expect(await pins.activeHosts()).not.toContain(host);
  });

  it('takes nothing for a device pinned to another node now', async () => {
    await queued();
    await pins.release(host, 'n1', true);
    await pins.registerNode('n2', 10, 10_000);
    expect((await pins.claim(host, 'n2', null)).ok).toBe(true);
    expect(await pins.takeJob(host, 'n1', worker, 'x')).toEqual({ state: 'moved', owner: 'n2' });
    expect(await pins.waitingCount(host)).toBe(1);
  });

  it('a device taken over from a node whose lease lapsed waits until that lease plus the margin ran out', async () => {
    await pins.release(host, 'n1', true);
    await pins.registerNode('old', 10, 300);
    expect((await pins.claim(host, 'old', null)).ok).toBe(true);
    await sleep(350); // the old node's lease lapsed (it stalled)
    await pins.registerNode('new', 10, 10_000);
    expect(await pins.claim(host, 'new', 'old')).toEqual({ ok: true, node: 'new' });
    const id = await queued();
    const fenced = await pins.takeJob(host, 'new', `new_HostQ_${host}`, 'f');
    expect(fenced.state).toBe('fenced');
    expect(fenced.state === 'fenced' && fenced.waitMs).toBeGreaterThan(LEASE_MARGIN_MS - 400);
    expect(fenced.state === 'fenced' && fenced.waitMs).toBeLessThanOrEqual(LEASE_MARGIN_MS);
    expect(await pins.waitingCount(host)).toBe(1);
    await sleep((fenced.state === 'fenced' ? fenced.waitMs : 0) + 20);
    expect(await pins.takeJob(host, 'new', `new_HostQ_${host}`, 'g')).toMatchObject({ state: 'started', id });
  });

  it('keeps the late outcome of a job presumed dead, only from the worker that ran it, only once', async () => {
    const id = await queued();
    await pins.takeJob(host, 'n1', worker, 'l');
    const died = { type: ResultType.Failed, retval: null, error: { type: 'WorkerDied', message: 'presumed dead' } };
    expect(await jobs.failPresumedDead(id, worker, died)).toBe(true);
    const late = { type: ResultType.Failed, retval: [], error: { type: 'JobRanLate', message: 'ran late' } };
    expect(await jobs.finish(id, worker, 'finished', late)).toBe(false);
    expect(await jobs.recordLate(id, 'someone-else', late)).toBe(false);
    expect(await jobs.recordLate(id, worker, late)).toBe(true);
    expect(await jobs.recordLate(id, worker, late)).toBe(false);
    const rec = await jobs.get(id);
    expect(rec?.status).toBe('failed');
    expect(rec?.result?.error?.type).toBe('JobRanLate');
  });

  it('keeps nothing late for a job that ended any other way (a client stop, a normal end)', async () => {
    const id = await queued();
    await pins.takeJob(host, 'n1', worker, 's');
    await jobs.finish(id, worker, 'stopped', { type: ResultType.Stopped, retval: [], error: { type: 'JobStopped', message: 'stopped' } });
    expect(await jobs.recordLate(id, worker, { type: ResultType.Failed, retval: [], error: { type: 'JobRanLate', message: 'x' } })).toBe(false);
  });

  it('reads many devices\' waiting counts, head jobs, owners and head enqueue times in batches, aligned with the input', async () => {
    const idle = '127.17.0.2';
    const first = await queued();
    const second = await queued();
    const [busy, empty] = await pins.waitingHeads([host, idle]);
    expect(busy).toEqual({ waiting: 2, head: first });
    expect(empty).toEqual({ waiting: 0, head: null });
    expect(await pins.waitingCounts([idle, host])).toEqual([0, 2]);
    expect(await pins.waitingCounts([])).toEqual([]);
    expect(await pins.ownersOf([idle, host])).toEqual([null, 'n1']);
    expect(await pins.ownersOf([])).toEqual([]);
    const [a, b, missing] = await jobs.enqueuedAtOf([first, second, randomUUID()]);
    expect(a).toBe((await jobs.get(first))?.enqueuedAt);
    expect(b).toBe((await jobs.get(second))?.enqueuedAt);
    expect(missing).toBeNull();
  });
});
