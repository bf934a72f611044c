import type { JobInResponse } from '@netpulse/contracts';
import { TestSystem, readTestEnv } from '@netpulse/testing';

describe('POST /device/exec (paramiko on FIFO, real sshd)', () => {
  const env = readTestEnv();
  let sys: TestSystem;
  const linux = () => ({ host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword });

  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('runs commands and returns byte-exact results (the README example)', async () => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: linux(), command: ['echo hi', 'uname -s'] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'queued', queue: 'FifoQ', device_name: env.sshHost, command: ['echo hi', 'uname -s'], result: null, worker: null });
    expect(Object.keys(res.body)).toEqual(['id', 'status', 'created_at', 'enqueued_at', 'started_at', 'ended_at', 'queue', 'worker', 'result', 'task_id', 'device_name', 'command', 'duration', 'queue_time']);
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
    expect(job.status).toBe('finished');
    expect(job.result?.type).toBe(1);
    expect(job.result?.retval?.map((r) => [r.command, r.stdout, r.exit_status])).toEqual([
      ['echo hi', 'hi\n', 0],
      ['uname -s', 'Linux\n', 0],
    ]);
    expect(job.worker).toMatch(/_FifoQ(-\d+)?$/);
    expect(job.started_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    expect(job.duration).toBeGreaterThan(0);
    expect(job.queue_time).toBeGreaterThanOrEqual(0);
    expect(job.result?.retval?.[0].metadata).toMatchObject({ host: env.sshHost, session_reused: false });
  });

  it('reports a non-zero exit status with stderr', async () => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: linux(), command: 'ls /nonexistent-dir' });
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
    expect(job.status).toBe('finished');
    expect(job.result?.retval?.[0].exit_status).toBe(2);
    expect(job.result?.retval?.[0].stderr).toContain('No such file or directory');
  });

  it('turns a wrong password into a finished job with exit_status 1 and no secret', async () => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: { ...linux(), password: 'wrong-Pa55word' }, command: 'uname' });
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
    expect(job.status).toBe('finished');
    expect(job.result?.retval).toEqual([
      expect.objectContaining({ command: 'uname', stdout: '', exit_status: 1, stderr: `Authentication failed for ${env.sshUser}@${env.sshHost}:${env.sshPort}` }),
    ]);
    expect(JSON.stringify(job)).not.toContain('wrong-Pa55word');
  });

  it('turns a closed port into exit_status 1', async () => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: { ...linux(), port: 1 }, command: 'uname' });
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
    expect(job.result?.retval?.[0]).toMatchObject({ exit_status: 1, stderr: 'Connection refused by 127.0.0.1:1' });
  });

  it('runs config lines as one aggregated result', async () => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: linux(), config: ['echo a', 'echo b'] });
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
    expect(job.result?.retval).toEqual([expect.objectContaining({ command: 'echo a\necho b', stdout: 'a\n\nb\n', exit_status: 0 })]);
  });

  it('fails a job that exceeds its execution timeout', async () => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: linux(), command: 'sleep 30', execution_timeout: 1 });
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
    expect(job.status).toBe('failed');
    expect(job.result?.error).toEqual({ type: 'JobTimeoutException', message: 'Task exceeded maximum timeout value (1 seconds)' });
  });
});
