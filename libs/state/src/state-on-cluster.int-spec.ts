import { defaultConfig } from '@netpulse/config';
import { ResultType } from '@netpulse/contracts';
import { RedisCluster, readTestEnv, waitUntil } from '@netpulse/testing';
import type { Cluster } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AuditLog } from './audit/audit.log';
import type { DetachedTaskEntry } from './detached/detached-task.entry';
import { DetachedTaskStore } from './detached/detached-task.store';
import { JobEndWatcher } from './jobs/job-end.watcher';
import { JobStore, NewJob } from './jobs/job.store';
import { LeaderLock } from './locks/leader.lock';
import { PinStore } from './pinning/pin.store';
import { DeviceProtectionStore } from './protection/device-protection.store';
import { JobQueues } from './queues/job.queues';
import { keySlot } from './redis/key-slot';
import { RedisConnectionFactory, isCluster } from './redis/redis.connection';
import { ReplicaWait } from './redis/replica.wait';
import { StateKeys } from './state.keys';
import { WorkerRegistry } from './workers/worker.registry';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Every store of libs/state on a real Redis Cluster (3 masters on loopback): each Lua step, MULTI
 * and pipeline they send touches one slot, so none is refused with CROSSSLOT, and the keys spread
 * over every master.
 */
describe('libs/state on a Redis Cluster (3 masters)', () => {
  const env = readTestEnv();
  let cluster: RedisCluster;
  let factory: RedisConnectionFactory;
  let redis: Cluster;
  const keys = new StateKeys(`${env.namespace}-cluster-${randomUUID().slice(0, 8)}`, { cluster: true });
  const job = (over: Partial<NewJob> = {}): NewJob => ({
    id: keys.newJobId(), queue: 'FifoQ', ttl: 300, resultTtl: 60, timeout: 30, deviceName: '127.0.0.1', command: ['uname'], host: '127.0.0.1', payload: 'sealed', ...over,
  });

  beforeAll(async () => {
    cluster = await RedisCluster.start({ masters: 3 });
    const config = defaultConfig().redis;
    factory = new RedisConnectionFactory({ ...config, cluster: { enabled: true, nodes: cluster.seeds } });
    const client = factory.create('state-on-cluster', { maxRetriesPerRequest: 2 });
    if (!isCluster(client)) throw new Error('expected a cluster client');
    redis = client;
  }, 60_000);
  afterAll(async () => {
    redis?.disconnect();
    await cluster?.stop();
  });

  it('runs a FIFO job through create → start → finish (a large result in parts), lists it, and tells waiters', async () => {
    const jobs = new JobStore(redis, keys);
    const watcher = new JobEndWatcher(() => factory.create('ended', { maxRetriesPerRequest: null }), keys.jobEnded);
    await watcher.ready();
    try {
      const j = job();
      const created = await jobs.create(j);
      expect(await jobs.get(j.id)).toEqual(created);
      const ended = watcher.watch(j.id);
      expect(await jobs.start(j.id, 'w1')).toMatchObject({ state: 'started' });
      expect(await jobs.runningOn('w1')).toEqual([j.id]);
      const big = 'x'.repeat(700 * 1024);
      expect(await jobs.finish(j.id, 'w1', 'finished', { type: ResultType.Successful, retval: [{ command: 'uname', stdout: big, stderr: '', exit_status: 0, download_url: null, metadata: { host: 'h' }, parsed: null }], error: null })).toBe(true);
      await ended.until(5000);
      expect(watcher.waiting).toBe(0);
      expect((await jobs.get(j.id))?.result?.retval?.[0]?.stdout).toHaveLength(big.length);
      expect(await jobs.runningOn('w1')).toEqual([]);
      expect((await jobs.list({ queue: 'FifoQ' })).map((r) => r.id)).toContain(j.id);
    } finally {
      watcher.close();
    }
  });

  it('writes a bulk of jobs over many slots in one call, lists them in creation order, cancels and expires them', async () => {
    const jobs = new JobStore(redis, keys);
    const many = Array.from({ length: 300 }, () => job({ queue: 'BulkQ' }));
    const recs = await jobs.createMany(many);
    expect(recs.filter((r) => r instanceof Error)).toEqual([]);
    expect(new Set(many.map((j) => keySlot(keys.job(j.id)))).size).toBeGreaterThan(100);
    const listed = await jobs.list({ queue: 'BulkQ' });
    expect(listed).toHaveLength(300);
    // Indexed by creation ms (as on one server): merged from every bucket, oldest first.
    const ms = listed.map((r) => Math.floor((r.createdAt ?? 0) / 1000));
    expect(ms).toEqual([...ms].sort((a, b) => a - b));
    expect(await jobs.cancel(many[0].id)).toBe(true);
    const due = job({ ttl: 0, queue: 'BulkQ' });
    await jobs.create(due);
    await sleep(10);
    expect((await jobs.expireDue()).map((e) => e.id)).toEqual([due.id]);
    expect((await jobs.get(due.id))?.result?.error?.type).toBe('JobExpired');
  });

  it('pins devices (one and many), queues and takes pinned jobs in the device slot, and releases them', async () => {
    const jobs = new JobStore(redis, keys);
    const pins = new PinStore(redis, keys);
    await pins.registerNode('n1', 100, 10_000);
    await pins.registerNode('n2', 100, 10_000);
    expect((await pins.liveNodes()).map((n) => n.hostname).sort()).toEqual(['n1', 'n2']);
    const host = '127.15.20.1';
    expect(await pins.claim(host, 'n1', null)).toEqual({ ok: true, node: 'n1' });
    const hosts = Array.from({ length: 50 }, (_, i) => `127.15.21.${i}`);
    expect((await pins.claimMany(hosts.map((h, i) => ({ host: h, node: i % 2 ? 'n1' : 'n2', seenOwner: null })))).every((r) => r.ok)).toBe(true);
    expect(await pins.devicePinOf(hosts[0])).toBe('n2');
    const queued = await jobs.createPinnedMany(hosts.map((h, i) => ({ job: job({ id: jobs.newId(h), queue: `HostQ_${h}`, host: h }), host: h, node: i % 2 ? 'n1' : 'n2' })));
    expect(queued.every((r) => r !== null && !(r instanceof Error))).toBe(true);
    expect((await pins.activeHosts()).sort()).toEqual([...hosts].sort());
    // One push per node, a wake-up per device.
    expect(await redis.lrange(keys.nodeControl('n1'), 0, -1)).toEqual(hosts.filter((_, i) => i % 2).map((h) => `wake ${h}`));
    const j = job({ id: jobs.newId(host), queue: `HostQ_${host}`, host });
    expect((await jobs.createPinned(j, host, 'n1'))?.status).toBe('queued');
    const worker = `n1_HostQ_${host}`;
    expect(await pins.takeJob(host, 'n1', worker, 't1')).toMatchObject({ state: 'started', id: j.id });
    expect(await jobs.runningOn(worker)).toEqual([j.id]);
    expect(await jobs.finish(j.id, worker, 'finished', { type: ResultType.Successful, retval: [], error: null })).toBe(true);
    expect(await pins.takeJob(host, 'n1', worker, 't2')).toEqual({ state: 'empty' });
    expect(await pins.release(host, 'n1')).toBe(1);
    expect(await pins.ownerOf(host)).toBeNull();
    expect(await jobs.createPinned(job({ id: jobs.newId(host), queue: `HostQ_${host}`, host }), host, 'n1')).toBeNull();
    // A pinned job id from elsewhere would leave the device's slot: refused before anything is written.
    await pins.claim(host, 'n2', null);
    await expect(jobs.createPinned(job({ id: `${randomUUID().slice(0, -2)}${((keys.bucketOfHost(host) + 1) % 256).toString(16).padStart(2, '0')}`, queue: `HostQ_${host}`, host }), host, 'n2')).rejects.toThrow('is not in the bucket of device');
    await pins.removeNode('n1');
    expect((await pins.nodes()).map((n) => n.hostname)).toEqual(['n2']);
  });

  it('catches up a device whose copy of its pin was lost (a claim cut between its two writes)', async () => {
    const pins = new PinStore(redis, keys);
    await pins.registerNode('n3', 10, 10_000);
    const host = '127.15.22.1';
    expect((await pins.claim(host, 'n3', null)).ok).toBe(true);
    await redis.hdel(keys.devicePins(keys.bucketOfHost(host)), host);
    const jobs = new JobStore(redis, keys);
    const j = job({ id: jobs.newId(host), queue: `HostQ_${host}`, host });
    await pins.pushJob(host, 'n3', j.id);
    await jobs.create(j);
    expect(await pins.takeJob(host, 'n3', `n3_HostQ_${host}`, 'x')).toMatchObject({ state: 'started', id: j.id });
  });

  it('keeps the worker registry, detached tasks, audit, device protection and leader locks', async () => {
    const registry = new WorkerRegistry(redis, keys, 10_000);
    const name = await registry.claimName('host_FifoQ', 'owner-1');
    await registry.register({ name, kind: 'fifo', queues: ['FifoQ'], hostname: 'h', pid: 1 }, 'owner-1');
    expect(await registry.heartbeat(name, ['FifoQ'], 'owner-1')).toBe(true);
    expect((await registry.list('FifoQ')).map((w) => w.name)).toEqual([name]);
    expect(await registry.isQueueAlive('FifoQ')).toBe(true);
    const sub = factory.create('commands');
    await sub.subscribe(keys.workerCommands(name));
    // A subscriber sits on one node; the count asks every node.
    expect(await registry.commandListeners(name)).toBe(1);
    sub.disconnect();
    await registry.deregister(name, ['FifoQ']);
    expect(await registry.list()).toEqual([]);

    const tasks = new DetachedTaskStore(redis, keys);
    const entry: DetachedTaskEntry = {
      task_id: 't-1', status: 'launching', host: '127.0.0.1', driver: 'paramiko', worker_id: null, push_interval: null, webhook: null, connection_args: {}, command: null,
      last_sync: 0, created_at: Date.now() / 1000, last_offset: 0, pid: null, push_job_id: null, last_push: 0, final_sent: false, sealed: 'sealed',
    };
    await tasks.create(entry);
    expect(await tasks.patch('t-1', { status: 'running' })).toBe(true);
    expect((await tasks.list()).map((t) => t.task_id)).toEqual(['t-1']);
    expect(await tasks.remove('t-1')).toBe(true);

    const audit = new AuditLog(redis, keys, { maxLen: 100, retentionMs: 60_000 });
    await audit.append({ time: new Date().toISOString(), event: 'job.accepted', key: 'k', client: null, request_id: null, route: null, job_id: 'j' });
    expect(await audit.read({ sinceMs: 0, limit: 10 })).toHaveLength(1);

    const protection = new DeviceProtectionStore(redis, keys);
    expect(await protection.acquireSlot('127.15.23.1:22', 'j1', 1, 10_000)).toBe(true);
    expect(await protection.acquireSlot('127.15.23.1:22', 'j2', 1, 10_000)).toBe(false);

    const lock = new LeaderLock(redis, keys.sweeperLock, 5000);
    expect(await lock.hold()).toBe(true);
    expect(await new LeaderLock(redis, keys.sweeperLock, 5000).hold()).toBe(false);
    await lock.release();
  });

  it('moves jobs through a BullMQ queue whose keys share one slot', async () => {
    const queues = new JobQueues(factory, keys);
    const seen: string[] = [];
    const consumer = queues.consumer('FifoQ', async (j) => void seen.push(j.data.id));
    try {
      consumer.run().catch(() => undefined);
      await queues.add('FifoQ', { id: 'bull-1' });
      await queues.addMany('FifoQ', [{ id: 'bull-2' }, { id: 'bull-3' }]);
      await waitUntil('the three jobs were consumed', () => seen.length >= 3, { timeoutMs: 10_000 });
      expect(seen.sort()).toEqual(['bull-1', 'bull-2', 'bull-3']);
    } finally {
      await consumer.close();
      await queues.close();
    }
  });

  it('sends a replica WAIT to the master that took each write (none here: it gives up after its timeout and goes on)', async () => {
    // A clock that jumps an hour at every reading, past each shortfall's pause: every step waits.
    let now = 0;
    const wait = new ReplicaWait(1, 150, () => (now += 3_600_000));
    const jobs = new JobStore(redis, keys, wait);
    const t0 = Date.now();
    const j = job();
    await jobs.create(j);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    const batch = [job(), job(), job()];
    expect(await jobs.createMany(batch)).toHaveLength(3);
    expect(await jobs.start(j.id, 'w2')).toMatchObject({ state: 'started' });
    const queues = new JobQueues(factory, keys, wait);
    try {
      await queues.add('WaitQ', { id: 'bull-w' });
    } finally {
      await queues.close();
    }
    // create, one per slot of the batch, start, the queue add: each waited and fell short.
    expect(wait.shortfalls).toBe(1 + new Set(batch.map((b) => keySlot(keys.job(b.id)))).size + 1 + 1);
    // With the real clock, one shortfall pauses the waits: the next write does not wait.
    const paused = new ReplicaWait(1, 150);
    const fast = new JobStore(redis, keys, paused);
    await fast.create(job());
    const t1 = Date.now();
    await fast.create(job());
    expect(Date.now() - t1).toBeLessThan(140);
    expect(paused.shortfalls).toBe(1);
  });

  it('computes the slots the cluster computes', async () => {
    for (const k of ['foo', keys.job('x'), keys.hostJobs('127.0.0.1'), keys.hostToNodeMap, `${keys.bullPrefix}:{FifoQ}:wait`]) expect([k, keySlot(k)]).toEqual([k, await redis.cluster('KEYSLOT', k)]);
  });

  it('spread the keys of this namespace over every master', async () => {
    const perMaster = await Promise.all(
      redis.nodes('master').map(async (m) => {
        let n = 0;
        let cursor = '0';
        do {
          const [next, found] = await m.scan(cursor, 'MATCH', `${keys.namespace}:*`, 'COUNT', 1000);
          cursor = next;
          n += found.length;
        } while (cursor !== '0');
        return n;
      }),
    );
    expect(perMaster).toHaveLength(3);
    for (const n of perMaster) expect(n).toBeGreaterThan(20);
  });
});
