import { AppConfig, defaultConfig } from '@netpulse/config';
import { DeadWorkerJobs, JobEndNotifier } from '@netpulse/execution';
import type { AppLogger, NetpulseMetrics } from '@netpulse/observability';
import { SchedulerRegistry } from '@netpulse/schedulers';
import { DeviceProtectionStore, JobQueues, JobStore, LEASE_MARGIN_MS, LeaderLockFactory, PinStore, StateKeys, WorkerRegistry, hostQueue, pinnedWorkerName } from '@netpulse/state';
import { deleteNamespace, readTestEnv, strictStub } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { NodePlacementService } from '../placement/node-placement.service';
import { SweeperService } from './sweeper.service';

describe('SweeperService: the leader controller\'s background rules (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const namespaces: string[] = [];

  /** A sweeper over its own namespace, with real stores and recording stand-ins for what leaves Redis. */
  function harness() {
    const keys = new StateKeys(`${env.namespace}-sweep-${randomUUID().slice(0, 8)}`);
    namespaces.push(keys.namespace);
    const jobs = new JobStore(redis, keys);
    const pins = new PinStore(redis, keys);
    const registry = new WorkerRegistry(redis, keys, 1000);
    const notified: string[] = [];
    const strategies: string[] = [];
    const errors: unknown[] = [];
    const removed: [string, string][] = [];
    const logger = strictStub<AppLogger>({ event: (level, _msg, fields) => void (level === 'error' && errors.push(fields)) });
    const metrics = strictStub<NetpulseMetrics>({ jobCompleted: (e) => void strategies.push(e.strategy), backgroundError: () => undefined });
    const notifier = strictStub<JobEndNotifier>({ notifySealed: (id) => (notified.push(id), Promise.resolve()) });
    const queues = strictStub<JobQueues>({ remove: (queue, id) => (removed.push([queue, id]), Promise.resolve(true)) });
    const dead = new DeadWorkerJobs(jobs, notifier, logger, metrics, new DeviceProtectionStore(redis, keys));
    const config: AppConfig = { value: defaultConfig() };
    const placement = new NodePlacementService(config, pins, SchedulerRegistry.withBuiltins(), logger);
    const sut = new SweeperService(dead, jobs, keys, new LeaderLockFactory(redis), logger, metrics, notifier, pins, placement, queues, registry);
    const queued = async (queue: string, ttl = 300): Promise<string> => {
      const id = randomUUID();
      await jobs.create({ id, queue, ttl, resultTtl: 60, timeout: 30, deviceName: '127.0.4.1', command: ['show clock'], host: '127.0.4.1', payload: `sealed-${id}` });
      return id;
    };
    const control = (node: string): Promise<string[]> => redis.lrange(keys.nodeControl(node), 0, -1);
    return { keys, jobs, pins, registry, notified, strategies, errors, removed, sut, queued, control };
  }

  afterAll(async () => {
    for (const ns of namespaces) await deleteNamespace(env.redisHost, env.redisPort, ns);
    redis.disconnect();
  });

  it('acts only while it holds the sweeper lock', async () => {
    const h = harness();
    await redis.set(h.keys.sweeperLock, 'another-controller', 'PX', 5000);
    const id = await h.queued('FifoQ', 0);
    await sleep(5);
    await h.sut.tick();
    expect((await h.jobs.get(id))?.status).toBe('queued');
    await redis.del(h.keys.sweeperLock);
    await h.sut.tick();
    expect((await h.jobs.get(id))?.status).toBe('failed');
    await h.sut.onApplicationShutdown();
    expect(await redis.exists(h.keys.sweeperLock)).toBe(0);
  });

  it('ends jobs past their queue TTL JobExpired, takes them off their queue, notifies, and labels them by strategy', async () => {
    const h = harness();
    const fifo = await h.queued('FifoQ', 0);
    const host = '127.0.4.2';
    await h.pins.registerNode('n1', 10, 60_000);
    expect((await h.pins.claim(host, 'n1', null)).ok).toBe(true);
    const pinned = await h.queued(hostQueue(host), 0);
    await h.pins.pushJob(host, 'n1', pinned);
    const fresh = await h.queued('FifoQ', 300);
    await sleep(5);
    await h.sut.tick();
    for (const id of [fifo, pinned]) expect((await h.jobs.get(id))?.result?.error?.type).toBe('JobExpired');
    expect((await h.jobs.get(fresh))?.status).toBe('queued');
    expect(h.removed).toEqual([['FifoQ', fifo]]);
    expect(await h.pins.waitingCount(host)).toBe(0);
    expect(h.notified.sort()).toEqual([fifo, pinned].sort());
    expect(h.strategies.sort()).toEqual(['fifo', 'pinned']);
    expect(h.errors).toEqual([]);
  });

  it('ends the running jobs of a worker silent past the liveness window and margin WorkerDied, and removes its entry', async () => {
    const h = harness();
    await h.registry.register({ name: 'w-dead', kind: 'fifo', queues: ['FifoQ'], hostname: 'h', pid: 1 }, 'owner-1');
    await h.registry.register({ name: 'w-live', kind: 'fifo', queues: ['FifoQ'], hostname: 'h', pid: 2 }, 'owner-2');
    const id = await h.queued('FifoQ');
    await h.jobs.start(id, 'w-dead');
    // Its last heartbeat long ago: silent past the 1 s window and the margin.
    await redis.zadd(h.keys.workers, Date.now() - 1000 - LEASE_MARGIN_MS - 1000, 'w-dead');
    await h.sut.tick();
    const rec = await h.jobs.get(id);
    expect(rec?.status).toBe('failed');
    expect(rec?.result?.error?.type).toBe('WorkerDied');
    expect(rec?.result?.error?.message).toMatch(/^Worker w-dead stopped heartbeating/);
    expect((await h.registry.list()).map((w) => w.name)).toEqual(['w-live']);
    expect(h.notified).toEqual([id]);
    expect(h.strategies).toEqual(['fifo']);
  });

  it('releases a node only after its lease stayed lapsed for the margin: its running job ends WorkerDied, its device is unpinned', async () => {
    const h = harness();
    const host = '127.0.4.3';
    await h.pins.registerNode('n-dead', 10, 50);
    expect((await h.pins.claim(host, 'n-dead', null)).ok).toBe(true);
    const id = await h.queued(hostQueue(host));
    await h.pins.pushJob(host, 'n-dead', id);
    expect(await h.pins.takeJob(host, 'n-dead', pinnedWorkerName('n-dead', host), 'token')).toMatchObject({ state: 'started', id });
    await sleep(80);
    await h.sut.tick();
    // Lapsed, but not for the margin yet: a slow heartbeat is not a death.
    expect((await h.jobs.get(id))?.status).toBe('started');
    expect(await h.pins.ownerOf(host)).toBe('n-dead');
    await sleep(LEASE_MARGIN_MS + 50);
    await h.sut.tick();
    const rec = await h.jobs.get(id);
    expect(rec?.result?.error?.type).toBe('WorkerDied');
    expect(rec?.result?.error?.message).toMatch(/^Node n-dead stopped renewing its lease/);
    expect(await h.pins.ownerOf(host)).toBeNull();
    expect(await h.pins.nodes()).toEqual([]);
    expect(h.strategies).toEqual(['pinned']);
  });

  it('re-pins a device whose jobs wait on a dead node onto a live one and wakes it; wakes a live owner again only for an old head job', async () => {
    const h = harness();
    const orphan = '127.0.4.4';
    const slow = '127.0.4.5';
    const fresh = '127.0.4.6';
    await h.pins.registerNode('n-old', 10, 50);
    expect((await h.pins.claim(orphan, 'n-old', null)).ok).toBe(true);
    const waiting = await h.queued(hostQueue(orphan));
    await h.pins.pushJob(orphan, 'n-old', waiting);
    await h.pins.registerNode('n-live', 10, 60_000);
    for (const host of [slow, fresh]) expect((await h.pins.claim(host, 'n-live', null)).ok).toBe(true);
    const old = await h.queued(hostQueue(slow));
    await h.pins.pushJob(slow, 'n-live', old);
    // Enqueued 10 s ago: past the re-wake delay (5 s).
    await redis.hset(h.keys.job(old), 'enqueued_at', String((Date.now() - 10_000) * 1000));
    await h.pins.pushJob(fresh, 'n-live', await h.queued(hostQueue(fresh)));
    await sleep(80);
    await redis.del(h.keys.nodeControl('n-live'));
    await h.sut.tick();
    expect(await h.pins.ownerOf(orphan)).toBe('n-live');
    expect((await h.control('n-live')).sort()).toEqual([`wake ${orphan}`, `wake ${slow}`].sort());
    expect((await h.jobs.get(waiting))?.status).toBe('queued');
    expect(h.errors).toEqual([]);
  });
});
