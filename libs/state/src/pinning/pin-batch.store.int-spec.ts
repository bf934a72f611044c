import { readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { JobStore, NewJob } from '../jobs/job.store';
import { StateKeys } from '../state.keys';
import { PinStore } from './pin.store';
import { setTimeout as sleep } from 'node:timers/promises';

describe('PinStore batch claims and JobStore batch writes (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  let keys: StateKeys;
  let pins: PinStore;
  let jobs: JobStore;
  const count = async (node: string): Promise<number> => (JSON.parse((await redis.hget(keys.nodeInfoMap, node)) ?? '{}') as { count: number }).count;

  beforeEach(async () => {
    keys = new StateKeys(`${env.namespace}-pinbatch-${randomUUID().slice(0, 8)}`);
    pins = new PinStore(redis, keys);
    jobs = new JobStore(redis, keys);
    await pins.registerNode('n1', 2, 10_000);
    await pins.registerNode('n2', 3, 10_000);
  });
  afterAll(() => redis.disconnect());

  it('claims many hosts at once with the single claim rules: capacity, dead nodes, taken hosts', async () => {
    await pins.registerNode('dead', 5, 1);
    await sleep(20);
    await redis.hset(keys.hostToNodeMap, '127.15.2.9', 'n2');
    const res = await pins.claimMany([
      { host: '127.15.2.1', node: 'n1', seenOwner: null },
      { host: '127.15.2.2', node: 'n1', seenOwner: null },
      { host: '127.15.2.3', node: 'n1', seenOwner: null },
      { host: '127.15.2.4', node: 'dead', seenOwner: null },
      { host: '127.15.2.9', node: 'n1', seenOwner: null },
      { host: '127.15.2.1', node: 'n1', seenOwner: null },
      { host: '127.15.2.5', node: 'nope', seenOwner: null },
    ]);
    expect(res).toEqual([
      { ok: true, node: 'n1' },
      { ok: true, node: 'n1' },
      { ok: false, reason: 'full' },
      { ok: false, reason: 'dead' },
      { ok: false, reason: 'taken', owner: 'n2' },
      { ok: false, reason: 'taken', owner: 'n1' },
      { ok: false, reason: 'dead' },
    ]);
    expect(await count('n1')).toBe(2);
    expect(await pins.ownersOf(['127.15.2.1', '127.15.2.2', '127.15.2.3', '127.15.2.9'])).toEqual(['n1', 'n1', null, 'n2']);
  });

  it('lets a claim replace the dead owner it saw, and counts each node once per host across steps', async () => {
    const many = Array.from({ length: 1200 }, (_, i) => ({ host: `127.15.3.${i}`, node: i % 2 ? 'n1' : 'n2', seenOwner: null }));
    await pins.registerNode('n1', 1000, 10_000);
    await pins.registerNode('n2', 1000, 10_000);
    const res = await pins.claimMany(many);
    expect(res.every((r) => r.ok)).toBe(true);
    expect((await count('n1')) + (await count('n2'))).toBe(1200);
    await redis.hset(keys.hostToNodeMap, '127.15.4.1', 'gone');
    expect(await pins.claimMany([{ host: '127.15.4.1', node: 'n1', seenOwner: 'gone' }])).toEqual([{ ok: true, node: 'n1' }]);
  });

  it('writes many records and pinned queue entries per pipeline, refusing a device the node no longer serves', async () => {
    const job = (host: string): NewJob => ({ id: randomUUID(), queue: `HostQ_${host}`, ttl: 60, resultTtl: 60, timeout: 30, deviceName: host, command: ['show clock'], host, payload: 'sealed' });
    const fifo = Array.from({ length: 700 }, () => ({ ...job('127.15.5.1'), queue: 'FifoQ' }));
    const recs = await jobs.createMany(fifo);
    expect(recs).toHaveLength(700);
    expect(await jobs.get(fifo[699].id)).toEqual(recs[699]);
    await pins.claimMany([{ host: '127.15.5.1', node: 'n1', seenOwner: null }]);
    const items = [
      { job: job('127.15.5.1'), host: '127.15.5.1', node: 'n1' },
      { job: job('127.15.5.1'), host: '127.15.5.1', node: 'n1' },
      { job: job('127.15.5.2'), host: '127.15.5.2', node: 'n1' },
    ];
    const written = await jobs.createPinnedMany(items);
    expect(written.map((r) => (r === null ? null : r instanceof Error ? 'error' : r.status))).toEqual(['queued', 'queued', null]);
    expect(await redis.lrange(keys.hostJobs('127.15.5.1'), 0, -1)).toEqual([items[0].job.id, items[1].job.id]);
    expect(await redis.exists(keys.job(items[2].job.id))).toBe(0);
  });
});
