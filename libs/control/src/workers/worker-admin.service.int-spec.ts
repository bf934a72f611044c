import type { AuditFacts, AuditTrail } from '@netpulse/execution';
import type { AppLogger } from '@netpulse/observability';
import { PinStore, StateKeys, WorkerRegistry, pinnedWorkerName } from '@netpulse/state';
import { deleteNamespace, readTestEnv, strictStub, waitUntil } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { WorkerAdminService } from './worker-admin.service';

describe('WorkerAdminService (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const sub = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = new StateKeys(`${env.namespace}-workeradmin-${randomUUID().slice(0, 8)}`);
  const pins = new PinStore(redis, keys);
  const registry = new WorkerRegistry(redis, keys, 10_000);
  const audited: AuditFacts[] = [];
  const warnings: string[] = [];
  const audit = strictStub<AuditTrail>({ record: (facts) => (audited.push(facts), Promise.resolve()) });
  const logger = strictStub<AppLogger>({ event: (_level, msg) => void warnings.push(msg) });
  const sut = new WorkerAdminService(audit, logger, pins, registry);
  const host = '127.0.9.1';
  const commands: [string, string][] = [];

  beforeAll(async () => {
    await registry.register({ name: 'f1', kind: 'fifo', queues: ['FifoQ'], hostname: 'h', pid: 11 }, 'o1');
    await registry.register({ name: 'n1', kind: 'node', queues: ['NodeQ_n1'], hostname: 'h', pid: 12 }, 'o2');
    await pins.setPinned('n1', { name: pinnedWorkerName('n1', host), host, status: 'idle', birth: Date.now(), successful: 3, failed: 1 });
    await sub.subscribe(keys.workerCommands('f1'), keys.workerCommands('n1'));
    sub.on('message', (channel: string, message: string) => void commands.push([channel, message]));
  });
  afterAll(async () => {
    await deleteNamespace(env.redisHost, env.redisPort, keys.namespace);
    sub.disconnect();
    redis.disconnect();
  });

  it('lists registered workers and the pinned workers of each node, filtered by queue', async () => {
    const all = await sut.list(undefined);
    expect(all.map((w) => [w.name, w.queues])).toEqual([
      ['f1', ['FifoQ']],
      ['n1', ['NodeQ_n1']],
      [pinnedWorkerName('n1', host), [`HostQ_${host}`]],
    ]);
    expect(all[2]).toMatchObject({ pid: 12, status: 'idle', successful_job_count: 3, failed_job_count: 1 });
    expect((await sut.list(`HostQ_${host}`)).map((w) => w.name)).toEqual([pinnedWorkerName('n1', host)]);
    expect((await sut.list('FifoQ')).map((w) => w.name)).toEqual(['f1']);
  });

  it('asks a registered worker to shut down and a pinned one\'s node to unpin it, audited; unknown is 404', async () => {
    expect(await sut.shutdown('f1')).toEqual({ name: 'f1' });
    expect(await sut.shutdown(pinnedWorkerName('n1', host))).toEqual({ name: pinnedWorkerName('n1', host) });
    await waitUntil('both commands delivered', () => commands.length >= 2);
    expect(commands).toEqual([
      [keys.workerCommands('f1'), 'shutdown'],
      [keys.workerCommands('n1'), `unpin:${host}`],
    ]);
    expect(audited.map((a) => [a.worker, a.outcome])).toEqual([
      ['f1', 'shutdown requested'],
      [pinnedWorkerName('n1', host), 'unpin requested'],
    ]);
    await expect(sut.shutdown('nobody')).rejects.toMatchObject({ status: 404 });
  });

  it('says in the log when a command reached no listener', async () => {
    await registry.register({ name: 'deaf', kind: 'fifo', queues: ['FifoQ'], hostname: 'h', pid: 13 }, 'o3');
    await sut.shutdown('deaf');
    expect(warnings).toContain('worker command reached no listener (its command channel is down)');
  });
});
