import { ResultType, WorkerInResponse } from '@netpulse/contracts';
import { JobStore, PinStore, StateKeys } from '@netpulse/state';
import { deleteNamespace, readTestEnv, strictStub } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WorkerAdminService } from '../workers/worker-admin.service';
import { SystemStatsService } from './system-stats.service';

const workerStub = (name: string, queues: string[], status: string): WorkerInResponse => ({
  name,
  status,
  pid: 1,
  hostname: 'h',
  queues,
  last_heartbeat: null,
  birth_at: null,
  successful_job_count: 0,
  failed_job_count: 0,
});

describe('SystemStatsService (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = new StateKeys(`${env.namespace}-stats-${randomUUID().slice(0, 8)}`);
  const jobs = new JobStore(redis, keys);
  const pins = new PinStore(redis, keys);
  const workers = [
    workerStub('n1_HostQ_127.0.3.1', ['HostQ_127.0.3.1'], 'busy'),
    workerStub('n1_HostQ_127.0.3.2', ['HostQ_127.0.3.2'], 'idle'),
    workerStub('n1', ['NodeQ_n1'], 'idle'),
    workerStub('f1', ['FifoQ'], 'busy'),
    workerStub('x1', ['SomethingElse'], 'idle'),
  ];
  const admin = strictStub<WorkerAdminService>({ list: (queue) => Promise.resolve(queue === undefined ? workers : []) });

  const job = async (end?: 'started' | 'finished' | 'failed'): Promise<void> => {
    const id = randomUUID();
    await jobs.create({ id, queue: 'FifoQ', ttl: 300, resultTtl: 60, timeout: 30, deviceName: '127.0.3.1', command: ['show clock'], host: '127.0.3.1', payload: 'sealed' });
    if (!end) return;
    await jobs.start(id, 'f1');
    if (end === 'started') return;
    await jobs.finish(id, 'f1', end, { type: end === 'finished' ? ResultType.Successful : ResultType.Failed, retval: [], error: null });
  };

  afterAll(async () => {
    await deleteNamespace(env.redisHost, env.redisPort, keys.namespace);
    redis.disconnect();
  });

  it('counts workers by kind and state, jobs by status, live nodes and their capacity, and self-healing since this controller started', async () => {
    await pins.incrSelfHealing();
    await pins.incrSelfHealing();
    await pins.registerNode('n1', 10, 60_000);
    await pins.registerNode('n2', 5, 60_000);
    await pins.registerNode('gone', 7, 20);
    await sleep(60);
    await job();
    await job();
    await job('started');
    await job('finished');
    await job('finished');
    await job('finished');
    await job('failed');
    const sut = new SystemStatsService(jobs, pins, admin);

    const first = await sut.stats();
    expect(first).toEqual({
      status: 'online',
      workers: { total: 5, pinned: 2, fifo: 1, node: 1, idle: 3, busy: 2 },
      jobs: { succeeded: 3, failed: 1, in_progress: 1, queued: 2, total: 7 },
      nodes: { active: 2, total_capacity: 15 },
      self_healing: { total_triggers: 0 },
      uptime_seconds: expect.any(Number),
    });
    expect(first.uptime_seconds).toBeLessThan(5);

    await pins.incrSelfHealing();
    await pins.incrSelfHealing();
    await pins.incrSelfHealing();
    expect((await sut.stats()).self_healing.total_triggers).toBe(3);
    expect(await pins.selfHealingCount()).toBe(5);
  });
});
