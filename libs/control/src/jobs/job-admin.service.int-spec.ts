import { ResultType } from '@netpulse/contracts';
import type { AuditFacts, AuditTrail } from '@netpulse/execution';
import type { AppLogger } from '@netpulse/observability';
import { JobQueues, JobStore, PinStore, StateKeys, WorkerRegistry, hostQueue, pinnedWorkerName, toJobResponse } from '@netpulse/state';
import { deleteNamespace, readTestEnv, strictStub, waitUntil } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { JobAdminService, JobAnswer } from './job-admin.service';
import { setTimeout as sleep } from 'node:timers/promises';

describe('JobAdminService (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const sub = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = new StateKeys(`${env.namespace}-jobadmin-${randomUUID().slice(0, 8)}`);
  const jobs = new JobStore(redis, keys);
  const pins = new PinStore(redis, keys);
  const registry = new WorkerRegistry(redis, keys, 10_000);
  const audited: AuditFacts[] = [];
  const removed: [string, string][] = [];
  const audit = strictStub<AuditTrail>({ record: (facts) => (audited.push(facts), Promise.resolve()) });
  const logger = strictStub<AppLogger>({ event: () => undefined });
  const queues = strictStub<JobQueues>({ remove: (queue, id) => (removed.push([queue, id]), Promise.resolve(true)) });
  const sut = new JobAdminService(audit, jobs, logger, pins, queues, registry);
  const host = '127.0.8.1';

  const queued = async (queue: string): Promise<string> => {
    const id = randomUUID();
    await jobs.create({ id, queue, ttl: 300, resultTtl: 60, timeout: 30, deviceName: host, command: ['show clock'], host, payload: 'sealed' });
    return id;
  };

  beforeAll(async () => {
    await pins.registerNode('n1', 10, 60_000);
    expect((await pins.claim(host, 'n1', null)).ok).toBe(true);
  });
  beforeEach(() => {
    audited.length = 0;
    removed.length = 0;
  });
  afterAll(async () => {
    await deleteNamespace(env.redisHost, env.redisPort, keys.namespace);
    sub.disconnect();
    redis.disconnect();
  });

  /** An answer's body, its parts gathered, checked against the length announced. */
  const text = async (id: string): Promise<string> => bodyOf(await sut.answer(id));
  const bodyOf = async (answer: JobAnswer): Promise<string> => {
    const parts: Buffer[] = [];
    for await (const p of answer.parts) parts.push(p);
    const whole = Buffer.concat(parts);
    expect(whole.length).toBe(answer.length);
    // A body already in memory is also offered whole (one write), and it is the same bytes.
    if (answer.whole) expect(answer.whole.equals(whole)).toBe(true);
    return whole.toString('utf8');
  };

  it('answers GET /jobs/{id} as the bytes of the job with its stored result spliced in unparsed', async () => {
    const id = await queued('FifoQ');
    await jobs.start(id, 'w1');
    const result = { type: ResultType.Successful, retval: [{ command: 'show clock', stdout: 'a "quoted" \\ line\n', stderr: '', exit_status: 0, download_url: null, parsed: null, metadata: {} }], error: null };
    await jobs.finish(id, 'w1', 'finished', result);
    const body = JSON.parse(await text(id)) as unknown;
    expect(body).toEqual(toJobResponse((await jobs.get(id))!));
    expect(body).toMatchObject({ id, status: 'finished', result });
    expect((await sut.answer(id)).whole).toBeDefined();
    const waiting = await queued('FifoQ');
    expect(JSON.parse(await text(waiting))).toMatchObject({ id: waiting, result: null });
    await expect(sut.answer(randomUUID())).rejects.toMatchObject({ status: 404 });
  });

  it('answers a large result (its own key) in parts of at most 1 MiB, with the length announced', async () => {
    const id = await queued('FifoQ');
    await jobs.start(id, 'w1');
    const stdout = `${'z'.repeat(3 * 1024 * 1024)} "end" é`;
    const result = { type: ResultType.Successful, retval: [{ command: 'big', stdout, stderr: '', exit_status: 0, download_url: null, parsed: null, metadata: {} }], error: null };
    await jobs.finish(id, 'w1', 'finished', result);
    const answer = await sut.answer(id);
    const parts: Buffer[] = [];
    for await (const p of answer.parts) parts.push(p);
    expect(answer.whole).toBeUndefined();
    expect(parts.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(1024 * 1024);
    const whole = Buffer.concat(parts);
    expect(whole.length).toBe(answer.length);
    expect(JSON.parse(whole.toString('utf8'))).toEqual(toJobResponse((await jobs.get(id))!));
  });

  it('lists nothing for a status it does not know, and filters by queue and status', async () => {
    const a = await queued('ListQ');
    await queued('OtherQ');
    expect(await bodyOf(await sut.list({ status: 'bogus' }))).toBe('[]');
    expect((JSON.parse(await bodyOf(await sut.list({ queue: 'ListQ', status: 'queued' }))) as { id: string }[]).map((j) => j.id)).toEqual([a]);
  });

  it('lists jobs with a large result as their records would serialise, the large result read in parts of at most 1 MiB', async () => {
    const queue = `BigListQ-${randomUUID().slice(0, 6)}`;
    // A listing is in creation order by the millisecond: one apart, so the order below is theirs.
    const small = await queued(queue);
    await sleep(2);
    const big = await queued(queue);
    await sleep(2);
    const waiting = await queued(queue);
    const row = { command: 'c', stderr: '', exit_status: 0, download_url: null, parsed: null, metadata: {} };
    await jobs.start(small, 'w1');
    await jobs.finish(small, 'w1', 'finished', { type: ResultType.Successful, retval: [{ ...row, stdout: 'small "one"' }], error: null });
    await jobs.start(big, 'w1');
    await jobs.finish(big, 'w1', 'failed', { type: ResultType.Failed, retval: [{ ...row, stdout: `${'q'.repeat(2 * 1024 * 1024 + 3)} é\n` }], error: { type: 'X', message: 'm' } });
    const answer = await sut.list({ queue });
    expect(answer.whole).toBeUndefined();
    const body = await bodyOf(answer);
    // Byte for byte what serialising the records gives (the listing's shape before it streamed).
    expect(body).toBe(JSON.stringify((await jobs.list({ queue })).map(toJobResponse)));
    expect((JSON.parse(body) as { id: string }[]).map((j) => j.id)).toEqual([small, big, waiting]);
    const paged = await sut.list({ queue, limit: 1, offset: 1 });
    const parts: Buffer[] = [];
    for await (const p of paged.parts) parts.push(p);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(1024 * 1024);
    expect((JSON.parse(Buffer.concat(parts).toString('utf8')) as { id: string }[]).map((j) => j.id)).toEqual([big]);
    expect((await sut.list({ queue, status: 'queued' })).whole?.toString()).toBe(JSON.stringify([toJobResponse((await jobs.get(waiting))!)]));
  });

  it('cancels a queued job: off its device list or FIFO queue, recorded canceled and audited', async () => {
    const pinned = await queued(hostQueue(host));
    await pins.pushJob(host, 'n1', pinned);
    expect(await sut.cancelOrStop(pinned)).toEqual({ id: pinned });
    expect((await jobs.get(pinned))?.status).toBe('canceled');
    expect(await pins.waitingCount(host)).toBe(0);
    const fifo = await queued('FifoQ');
    await sut.cancelOrStop(fifo);
    expect(removed).toEqual([['FifoQ', fifo]]);
    expect(audited.map((a) => [a.event, a.job_id, a.outcome])).toEqual([
      ['job.cancelled', pinned, 'canceled'],
      ['job.cancelled', fifo, 'canceled'],
    ]);
  });

  it('stops a running pinned job through its node\'s command channel; anything else is 404', async () => {
    const id = await queued(hostQueue(host));
    await pins.pushJob(host, 'n1', id);
    await pins.takeJob(host, 'n1', pinnedWorkerName('n1', host), 'token');
    const got: string[] = [];
    await sub.subscribe(keys.workerCommands('n1'));
    sub.on('message', (_channel, message: string) => void got.push(message));
    expect(await sut.cancelOrStop(id)).toEqual({ id });
    await waitUntil('the stop command reached the node', () => got.length > 0);
    expect(got).toEqual([`stop-job:${id}`]);
    expect(audited.map((a) => a.outcome)).toEqual(['stop requested']);
    await jobs.finish(id, pinnedWorkerName('n1', host), 'finished', { type: ResultType.Successful, retval: [], error: null });
    await expect(sut.cancelOrStop(id)).rejects.toMatchObject({ status: 404 });
    await expect(sut.cancelOrStop(randomUUID())).rejects.toMatchObject({ status: 404 });
  });

  it('cancels every queued job of one queue, and nothing without a queue', async () => {
    const ids = [await queued('BulkQ'), await queued('BulkQ')];
    expect(await sut.cancelQueue(undefined)).toEqual([]);
    expect((await sut.cancelQueue('BulkQ')).sort()).toEqual(ids.sort());
    for (const id of ids) expect((await jobs.get(id))?.status).toBe('canceled');
  });
});
