import { ResultType } from '@netpulse/contracts';
import { AuditTrail } from '@netpulse/execution';
import { AppLogger } from '@netpulse/observability';
import { AuditLog, DetachedTaskEntry, DetachedTaskStore, JobStore, LeaderLockFactory, SecretBox, StateKeys } from '@netpulse/state';
import { readTestEnv, strictStub } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { StagingRetentionService } from '../storage/staging-retention.service';
import { DetachedEventPayload, DetachedEventSink, DetachedEventType } from './detached-event.sink';
import type { DetachedJobClient, DetachedJobSpec } from './detached-job.client';
import { DetachedTaskService } from './detached-task.service';
import { DetachedSupervisor } from './detached.supervisor';

class RecordingSink extends DetachedEventSink {
  readonly events: { taskId: string; type: DetachedEventType; payload: DetachedEventPayload; webhook: Record<string, unknown> | null }[] = [];
  emit(taskId: string, type: DetachedEventType, payload: DetachedEventPayload, webhook: Record<string, unknown> | null): Promise<void> {
    this.events.push({ taskId, type, payload, webhook });
    return Promise.resolve();
  }
}

describe('DetachedSupervisor (real Redis, stubbed job client)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = new StateKeys(`${env.namespace}-supervisor-${randomUUID().slice(0, 8)}`);
  const box = new SecretBox('supervisor-spec-secret');
  const tasks = new DetachedTaskStore(redis, keys);
  const jobs = new JobStore(redis, keys);
  const enqueued: DetachedJobSpec[] = [];
  const client = strictStub<DetachedJobClient>({
    enqueue: async (spec: DetachedJobSpec): Promise<string> => {
      enqueued.push(spec);
      const id = randomUUID();
      await jobs.create({ id, queue: 'HostQ_127.0.0.1', ttl: 30, resultTtl: 60, timeout: 30, deviceName: '127.0.0.1', command: [spec.label], host: '127.0.0.1', payload: 'sealed' });
      return id;
    },
  });
  const sweeps: number[] = [];
  const retention = strictStub<StagingRetentionService>({ sweepIfDue: async () => void sweeps.push(Date.now()) });
  let sink: RecordingSink;
  let sut: DetachedSupervisor;
  const now = (): number => Date.now() / 1000;
  const webhook = { url: 'http://127.0.0.1:9/hook', auth: ['u', 'hook-pass'] };
  const entryStub = (over: Partial<DetachedTaskEntry> = {}): DetachedTaskEntry => ({
    task_id: randomUUID().slice(0, 12),
    status: 'running',
    host: '127.0.0.1',
    driver: 'paramiko',
    worker_id: null,
    push_interval: null,
    webhook: null,
    connection_args: { host: '127.0.0.1', password: '******' },
    command: ['tail -f x'],
    last_sync: now(),
    created_at: now(),
    last_offset: 0,
    pid: 42,
    push_job_id: null,
    last_push: 0,
    final_sent: false,
    sealed: box.seal(JSON.stringify({ connection_args: { host: '127.0.0.1', password: 'pw' }, driver_args: null, webhook })),
    ...over,
  });
  /** Ends a push job the way a worker would, with one query result. */
  const finishPush = async (taskId: string, stdout: string, completed: boolean): Promise<void> => {
    const id = (await tasks.get(taskId))?.push_job_id ?? '';
    await jobs.start(id, 'w');
    await jobs.finish(id, 'w', 'finished', {
      type: ResultType.Successful,
      retval: [{ command: 'query', stdout, stderr: '', exit_status: 0, download_url: null, parsed: null, metadata: { task_id: taskId, completed, is_running: !completed, next_offset: stdout.length } }],
      error: null,
    });
    if (completed) await tasks.patch(taskId, { status: 'completed', last_sync: now() });
  };

  beforeEach(async () => {
    enqueued.length = 0;
    sink = new RecordingSink();
    await tasks.clear();
    const logger = new AppLogger('test', 'error', () => undefined);
    const audit = new AuditTrail(new AuditLog(redis, keys, { maxLen: 1000, retentionMs: 3_600_000 }), logger, true);
    const service = new DetachedTaskService(audit, box, client, tasks);
    sut = new DetachedSupervisor(client, jobs, keys, new LeaderLockFactory(redis), logger, retention, service, sink, tasks);
  });
  afterEach(() => sut.onApplicationShutdown());
  afterAll(() => redis.disconnect());

  it('removes completed tasks 300 s after their last sync and launching ones 600 s after creation', async () => {
    const oldDone = entryStub({ status: 'completed', last_sync: now() - 301 });
    const newDone = entryStub({ status: 'completed', last_sync: now() - 10 });
    const oldLaunch = entryStub({ status: 'launching', created_at: now() - 601, last_sync: 0 });
    const newLaunch = entryStub({ status: 'launching', created_at: now() - 10, last_sync: 0 });
    for (const e of [oldDone, newDone, oldLaunch, newLaunch]) await tasks.create(e);
    await sut.tick();
    expect((await tasks.list()).map((e) => e.task_id).sort()).toEqual([newDone.task_id, newLaunch.task_id].sort());
    expect(enqueued).toEqual([]);
    expect(sweeps.length).toBeGreaterThan(0);
  });

  it('pushes every push_interval: log_push events, then exactly one detached.completed, then nothing', async () => {
    const t = entryStub({ push_interval: 1 });
    await tasks.create(t);
    await sut.tick();
    expect(enqueued).toEqual([expect.objectContaining({ label: 'query', connection_args: { host: '127.0.0.1', password: 'pw' }, action: { kind: 'query', task_id: t.task_id, offset: null, advance: true } })]);
    await sut.tick();
    expect(enqueued).toHaveLength(1);
    await finishPush(t.task_id, 'line 1\n', false);
    await sut.tick();
    expect(sink.events.map((e) => [e.type, e.payload.final, e.payload.result.retval?.[0].stdout])).toEqual([['detached.log_push', false, 'line 1\n']]);
    expect(sink.events[0].webhook).toEqual(webhook);
    expect(sink.events[0].payload).toMatchObject({ id: t.task_id, task_id: t.task_id, status: 'finished', device: { host: '127.0.0.1', device_type: null }, result: { type: 'successful' } });
    await tasks.patch(t.task_id, { last_push: 0 });
    await sut.tick();
    expect(enqueued).toHaveLength(2);
    await finishPush(t.task_id, 'line 2\n', true);
    await sut.tick();
    await tasks.patch(t.task_id, { last_push: 0 });
    await sut.tick();
    expect(sink.events.map((e) => [e.type, e.payload.final])).toEqual([
      ['detached.log_push', false],
      ['detached.completed', true],
    ]);
    expect(enqueued).toHaveLength(2);
    expect(await tasks.get(t.task_id)).toMatchObject({ final_sent: true, status: 'completed' });
  });

  it('re-syncs a running task without push_interval every 600 s, keeping its read offset and sending nothing', async () => {
    const stale = entryStub({ last_sync: now() - 601 });
    const fresh = entryStub({ last_sync: now() - 30 });
    await tasks.create(stale);
    await tasks.create(fresh);
    await sut.tick();
    expect(enqueued.map((s) => s.action)).toEqual([{ kind: 'query', task_id: stale.task_id, offset: null, advance: false }]);
    expect((await tasks.get(stale.task_id))?.push_job_id).toBeNull();
    await sut.tick();
    expect(enqueued).toHaveLength(1);
    expect(sink.events).toEqual([]);
  });

  it('does nothing while another controller holds the supervisor lock', async () => {
    await redis.set(keys.supervisorLock, 'someone-else', 'PX', 5000);
    try {
      await tasks.create(entryStub({ status: 'completed', last_sync: now() - 1000 }));
      await sut.tick();
      expect(await tasks.list()).toHaveLength(1);
    } finally {
      await redis.del(keys.supervisorLock);
    }
  });
});
