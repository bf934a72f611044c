import type { JobInResponse, SystemStatsResponse, WorkerInResponse } from '@netpulse/contracts';
import { readTestEnv, TestSystem, waitUntil } from '@netpulse/testing';
import Redis from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';

describe('GET/DELETE /jobs, /workers and /system/stats', () => {
  const env = readTestEnv();
  let sys: TestSystem;
  const linux = { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword };
  const submit = async (command: string, extra: Record<string, unknown> = {}): Promise<JobInResponse> => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: linux, command, ...extra });
    expect(res.status).toBe(201);
    return res.body;
  };
  const waitStatus = (id: string, status: string): Promise<boolean> =>
    waitUntil(`job ${id} is ${status}`, async () => (await sys.api.get<JobInResponse>(`/jobs/${id}`)).body.status === status, { timeoutMs: 10_000 });

  beforeAll(async () => {
    // One job at a time, so later jobs wait in the queue.
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1, env: { NETPULSE_WORKER__FIFO_CONCURRENCY: '1' } });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('answers 404 for an unknown job', async () => {
    const res = await sys.api.get('/jobs/no-such-job');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ detail: 'Job no-such-job not found' });
    expect((await sys.api.delete('/jobs/no-such-job')).body).toEqual({ detail: 'Job no-such-job not found or not in queued state' });
  });

  it('cancels a queued job, expires one past its queue TTL, and stops a running one', async () => {
    const running = await submit('sleep 20');
    await waitStatus(running.id, 'started');
    const toCancel = await submit('echo never');
    const toExpire = await submit('echo late', { ttl: 1 });

    expect((await sys.api.delete(`/jobs/${toCancel.id}`)).body).toEqual({ id: toCancel.id });
    expect((await sys.api.get<JobInResponse>(`/jobs/${toCancel.id}`)).body).toMatchObject({ status: 'canceled' });

    const listed = await sys.api.get<JobInResponse[]>('/jobs?queue=FifoQ');
    expect(listed.body.map((j) => j.id)).toEqual(expect.arrayContaining([running.id, toCancel.id, toExpire.id]));
    expect((await sys.api.get<JobInResponse[]>('/jobs?queue=FifoQ&status=started')).body.map((j) => j.id)).toEqual([running.id]);
    expect((await sys.api.get('/jobs?status=bogus')).body).toEqual([]);

    const expired = await sys.api.waitForJob<JobInResponse>(toExpire.id, 10_000);
    expect(expired.status).toBe('failed');
    expect(expired.result?.error?.type).toBe('JobExpired');
    expect(expired.ended_at).not.toBeNull();

    expect((await sys.api.delete(`/jobs/${running.id}`)).status).toBe(200);
    const stopped = await sys.api.waitForJob<JobInResponse>(running.id, 10_000);
    expect(stopped.status).toBe('stopped');
    expect(stopped.result?.type).toBe(3);

    // The worker stays healthy.
    const after = await sys.api.waitForJob<JobInResponse>((await submit('echo ok')).id);
    expect(after.result?.retval?.[0].stdout).toBe('ok\n');
  });

  it('cancels all queued jobs of a queue with DELETE /jobs?queue=', async () => {
    expect((await sys.api.delete('/jobs')).body).toEqual([]);
    const running = await submit('sleep 3');
    await waitStatus(running.id, 'started');
    const a = await submit('echo a');
    const b = await submit('echo b');
    const res = await sys.api.delete<string[]>('/jobs?queue=FifoQ');
    expect(res.body.sort()).toEqual([a.id, b.id].sort());
  });

  it('keeps a result for result_ttl and answers 404 once it expired', async () => {
    const job = await sys.api.waitForJob<JobInResponse>((await submit('echo x', { result_ttl: 60 })).id);
    const redis = new Redis({ host: env.redisHost, port: env.redisPort });
    try {
      const key = `${sys.namespace}:job:${job.id}`;
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(50);
      expect(ttl).toBeLessThanOrEqual(60);
      await redis.pexpire(key, 1);
      await sleep(20);
      expect((await sys.api.get(`/jobs/${job.id}`)).status).toBe(404);
    } finally {
      redis.disconnect();
    }
  });

  it('lists workers with their queues and filters', async () => {
    const all = (await sys.api.get<WorkerInResponse[]>('/workers')).body;
    const fifo = all.find((w) => w.queues.includes('FifoQ'));
    expect(fifo).toMatchObject({ status: expect.stringMatching(/idle|busy/), pid: expect.any(Number), queues: ['FifoQ'] });
    expect(Object.keys(fifo ?? {})).toEqual(['name', 'status', 'pid', 'hostname', 'queues', 'last_heartbeat', 'birth_at', 'successful_job_count', 'failed_job_count']);
    const node = all.find((w) => w.queues.some((q) => q.startsWith('NodeQ_')));
    expect(node).toBeDefined();
    const nodeName = node?.queues[0].slice('NodeQ_'.length) ?? '';
    expect((await sys.api.get<WorkerInResponse[]>(`/workers?node=${nodeName}`)).body.map((w) => w.name)).toEqual([node?.name]);
    expect((await sys.api.get('/workers?queue=NoSuchQ')).body).toEqual([]);
    expect((await sys.api.delete('/workers/no-such-worker')).status).toBe(404);
    expect((await sys.api.delete('/workers')).body).toEqual([]);
  });

  it('reports system stats in the contract shape', async () => {
    const s = (await sys.api.get<SystemStatsResponse>('/system/stats')).body;
    expect(s).toEqual({
      status: 'online',
      workers: { total: 2, pinned: 0, fifo: 1, node: 1, idle: expect.any(Number), busy: expect.any(Number) },
      jobs: { succeeded: expect.any(Number), failed: expect.any(Number), in_progress: expect.any(Number), queued: expect.any(Number), total: expect.any(Number) },
      nodes: { active: 1, total_capacity: 1024 },
      self_healing: { total_triggers: 0 },
      uptime_seconds: expect.any(Number),
    });
    expect(s.jobs.succeeded).toBeGreaterThan(0);
  });

  it('shuts a worker down through DELETE /workers/{name}, then refuses FIFO jobs with 503', async () => {
    const fifo = (await sys.api.get<WorkerInResponse[]>('/workers?queue=FifoQ')).body[0];
    expect((await sys.api.delete(`/workers/${fifo.name}`)).body).toEqual({ name: fifo.name });
    await waitUntil('no FIFO worker is listed', async () => !((await sys.api.get<WorkerInResponse[]>('/workers?queue=FifoQ')).body.length > 0), { timeoutMs: 10000, intervalMs: 100 });
    const res = await sys.api.post('/device/exec', { driver: 'paramiko', connection_args: linux, command: 'echo' });
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ detail: 'No available FIFO worker to run the job' });
  });
});
