import { ResultType } from '@netpulse/contracts';
import type { AuditFacts, AuditTrail } from '@netpulse/execution';
import { DetachedTaskEntry, DetachedTaskStore, JobEndWatcher, JobStore, PinStore, SecretBox, StateKeys, hostQueue } from '@netpulse/state';
import { deleteNamespace, readTestEnv, strictStub } from '@netpulse/testing';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { ExecRequestParser } from '../admission/exec-request.parser';
import type { JobDispatcher } from '../admission/job-dispatcher.service';
import { DetachedJobClient, DetachedJobSpec } from './detached-job.client';
import { JobWaitService } from '../jobs/job-wait.service';
import { DetachedTaskService } from './detached-task.service';

describe('DetachedTaskService and DetachedJobClient.wait (real Redis)', () => {
  const env = readTestEnv();
  const redis = new Redis({ host: env.redisHost, port: env.redisPort });
  const keys = new StateKeys(`${env.namespace}-detached-${randomUUID().slice(0, 8)}`);
  const box = new SecretBox('detached-service-spec-secret');
  const tasks = new DetachedTaskStore(redis, keys);
  const jobs = new JobStore(redis, keys);
  const pins = new PinStore(redis, keys);
  const host = '127.0.10.1';
  const audited: AuditFacts[] = [];
  const audit = strictStub<AuditTrail>({ record: (facts) => (audited.push(facts), Promise.resolve()) });
  const enqueued: DetachedJobSpec[] = [];
  /** How the stand-in worker ends each internal job: null leaves it queued. */
  let outcome: ((spec: DetachedJobSpec) => { status: 'finished' | 'failed'; stdout: string; exit: number; metadata: Record<string, unknown> }) | null = null;

  // The real wait; enqueue is the dispatcher's (tested end to end), so here it writes the job a worker would take.
  const ends = new JobEndWatcher(() => new Redis({ host: env.redisHost, port: env.redisPort, maxRetriesPerRequest: null }), keys.jobEnded);
  const real = new DetachedJobClient(strictStub<JobDispatcher>({}), jobs, strictStub<ExecRequestParser>({}), pins, new JobWaitService(jobs, ends));
  const enqueue = async (spec: DetachedJobSpec): Promise<string> => {
    enqueued.push(spec);
    const id = randomUUID();
    await jobs.create({ id, queue: hostQueue(host), ttl: 30, resultTtl: 60, timeout: 30, deviceName: host, command: [spec.label], host, payload: 'sealed' });
    const end = outcome?.(spec);
    if (!end) {
      await pins.pushJob(host, 'n1', id);
      return id;
    }
    await jobs.start(id, 'w');
    const retval = [{ command: spec.label, stdout: end.stdout, stderr: end.exit === 0 ? '' : 'no such task', exit_status: end.exit, download_url: null, parsed: null, metadata: end.metadata }];
    await jobs.finish(id, 'w', end.status, { type: end.status === 'finished' ? ResultType.Successful : ResultType.Failed, retval, error: null });
    return id;
  };
  const client = strictStub<DetachedJobClient>({ enqueue, wait: (id, h, ms) => real.wait(id, h, ms) });
  const sut = new DetachedTaskService(audit, box, client, tasks);

  const secrets = { connection_args: { host, username: 'u', password: 'launch-pass' }, credential: null, driver_args: { sudo: true, sudo_password: 'sudo-pass', other: 1 }, webhook: null };
  const entryStub = (over: Partial<DetachedTaskEntry> = {}): DetachedTaskEntry => ({
    task_id: randomUUID().slice(0, 12),
    status: 'running',
    host,
    driver: 'paramiko',
    worker_id: null,
    push_interval: null,
    webhook: null,
    connection_args: { host, username: 'u', password: '******' },
    command: ['tail -f log'],
    last_sync: 1_700_000_000,
    created_at: 1_700_000_000,
    last_offset: 0,
    pid: 42,
    push_job_id: null,
    last_push: 0,
    final_sent: false,
    sealed: box.seal(JSON.stringify(secrets)),
    ...over,
  });

  beforeAll(async () => {
    await pins.registerNode('n1', 10, 60_000);
    expect((await pins.claim(host, 'n1', null)).ok).toBe(true);
  });
  beforeEach(async () => {
    await tasks.clear();
    enqueued.length = 0;
    audited.length = 0;
    outcome = null;
  });
  afterAll(async () => {
    ends.close();
    await deleteNamespace(env.redisHost, env.redisPort, keys.namespace);
    redis.disconnect();
  });

  it('lists entries as views (datetimes, no sealed secrets), masked, by status; an unknown status lists nothing', async () => {
    const running = entryStub();
    const launching = entryStub({ status: 'launching', last_sync: 0 });
    await tasks.create(running);
    await tasks.create(launching);
    const listed = await sut.list(undefined);
    expect(listed.map((v) => v.task_id).sort()).toEqual([running.task_id, launching.task_id].sort());
    const view = listed.find((v) => v.task_id === running.task_id);
    expect(view).toMatchObject({ status: 'running', last_sync: expect.stringMatching(/^2023-11-14T/), created_at: expect.any(String) });
    expect(view).not.toHaveProperty('sealed');
    expect(JSON.stringify(listed)).not.toContain('launch-pass');
    expect(listed.find((v) => v.task_id === launching.task_id)?.last_sync).toBeNull();
    expect((await sut.list('launching')).map((v) => v.task_id)).toEqual([launching.task_id]);
    expect(await sut.list('bogus')).toEqual([]);
  });

  it('queries a task on its device with the unsealed connection args, and says whether it completed', async () => {
    const t = entryStub();
    await tasks.create(t);
    outcome = () => ({ status: 'finished', stdout: 'line\n', exit: 0, metadata: { completed: true } });
    const answer = await sut.query(t.task_id, 5);
    expect(answer).toMatchObject({ task_id: t.task_id, status: 'completed', result: [{ stdout: 'line\n' }] });
    expect(enqueued).toEqual([expect.objectContaining({ label: 'query', connection_args: secrets.connection_args, driver_args: null, action: { kind: 'query', task_id: t.task_id, offset: 5, advance: true } })]);
    await expect(sut.query('unknown', undefined)).rejects.toMatchObject({ status: 404 });
  });

  it('kills with sudo only when launched with it, removes the entry and audits; a failed kill is a 404 and audited as failed', async () => {
    const t = entryStub();
    await tasks.create(t);
    outcome = () => ({ status: 'finished', stdout: '', exit: 1, metadata: {} });
    await expect(sut.kill(t.task_id)).rejects.toMatchObject({ status: 404 });
    expect(await tasks.get(t.task_id)).not.toBeNull();
    outcome = () => ({ status: 'finished', stdout: '', exit: 0, metadata: {} });
    expect(await sut.kill(t.task_id)).toEqual({ status: 'killed', task_id: t.task_id });
    expect(await tasks.get(t.task_id)).toBeNull();
    expect(enqueued.map((s) => s.driver_args)).toEqual([
      { sudo: true, sudo_password: 'sudo-pass' },
      { sudo: true, sudo_password: 'sudo-pass' },
    ]);
    expect(audited.map((a) => a.outcome)).toEqual(['failed', 'killed']);
  });

  it('answers 500 naming security.secret_key when the sealed secrets cannot be opened', () => {
    const t = entryStub({ sealed: new SecretBox('another-key').seal('{}') });
    expect(() => sut.secrets(t)).toThrow(/security\.secret_key/);
  });

  it('wait gives up after its time, taking a job still waiting off the device queue', async () => {
    const id = await enqueue({ driver: 'paramiko', connection_args: { host }, driver_args: null, label: 'query', action: null });
    expect(await pins.waitingCount(host)).toBe(1);
    expect(await real.wait(id, host, 250)).toBeNull();
    expect((await jobs.get(id))?.status).toBe('canceled');
    expect(await pins.waitingCount(host)).toBe(0);
  });
});
