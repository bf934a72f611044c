import type { JobInResponse } from '@netpulse/contracts';
import { readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { LinuxSystem, linuxArgs, runJob, startLinuxSystem } from './linux.fixtures';

describe('Linux hosts: sudo, scripts, expect_map, host keys (paramiko through the REST API, real sshd)', () => {
  const env = readTestEnv();
  let ls: LinuxSystem;
  let redis: Redis;

  beforeAll(async () => {
    ls = await startLinuxSystem(env);
    redis = new Redis({ host: env.redisHost, port: env.redisPort });
  });
  afterAll(async () => {
    redis?.disconnect();
    await ls?.sys.stop();
  });

  describe.each(['fifo', 'pinned'] as const)('POST /device/exec on the %s queue', (strategy) => {
    const exec = (body: Record<string, unknown>): Promise<JobInResponse> => runJob(ls.sys, { driver: 'paramiko', connection_args: linuxArgs(env), queue_strategy: strategy, ...body });

    it('runs a sudo command with a password: output, and no password or prompt text', async () => {
      const job = await exec({ command: ['whoami', 'echo "$(id -u) done"'], driver_args: { sudo: true, sudo_password: env.sshPassword } });
      expect(job.queue).toBe(strategy === 'fifo' ? 'FifoQ' : `HostQ_${env.sshHost}`);
      expect(job.result?.retval?.map((r) => [r.stdout, r.exit_status])).toEqual([
        ['root\n', 0],
        ['0 done\n', 0],
      ]);
      const text = JSON.stringify(job);
      expect(text).not.toContain(env.sshPassword);
      expect(text).not.toMatch(/\[sudo\]|password for/i);
    });

    it('runs script_content with its interpreter, environment and working directory', async () => {
      const job = await exec({ driver_args: { script_content: 'echo "x=$FOO"\npwd\n', environment: { FOO: 'bar' }, working_directory: '/tmp' } });
      expect(job.result?.retval).toEqual([expect.objectContaining({ command: 'script_execution_bash', stdout: 'x=bar\n/tmp\n', exit_status: 0 })]);
    });

    it('answers two interactive prompts with expect_map', async () => {
      const job = await exec({ command: 'read -p "Name: " n; read -p "Continue? [y/n] " c; echo "hello $n $c"', driver_args: { expect_map: { 'Name: $': 'ann', 'Continue? [y/n]': 'y' }, timeout: 20 } });
      expect(job.result?.retval?.[0].exit_status).toBe(0);
      expect(String(job.result?.retval?.[0].stdout)).toContain('hello ann y');
    });

    it('ends a stuck interactive command with a clear error, not a hang', async () => {
      const started = Date.now();
      const job = await exec({ command: 'read -p "Unexpected? " x; echo never', driver_args: { expect_map: { 'Name:': 'ann' }, expect_idle_timeout: 0.5, timeout: 20 } });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(job.status).toBe('finished');
      expect(job.result?.retval?.[0]).toMatchObject({ exit_status: -1, stderr: expect.stringContaining('No expect_map prompt matched') });
    });
  });

  it('reuses one pinned session for every flow', async () => {
    const host = `HostQ_${env.sshHost}`;
    const jobs = (await ls.sys.api.get<JobInResponse[]>(`/jobs?queue=${host}`)).body.filter((j) => j.status === 'finished');
    expect(jobs.length).toBeGreaterThanOrEqual(4);
    const reused = jobs.map((j) => j.result?.retval?.[0]?.metadata.session_reused);
    expect(reused.filter((r) => r === false)).toHaveLength(1);
    expect(new Set(jobs.map((j) => j.worker)).size).toBe(1);
  });

  it('rejects bad file_transfer options by field at request time (400)', async () => {
    const res = await ls.sys.api.post<{ detail: string; errors: { loc: string[] }[] }>('/device/exec', {
      driver: 'paramiko',
      connection_args: linuxArgs(env),
      file_transfer: { operation: 'upload', remote_path: '/tmp/x', chmod: 'rwx' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].loc).toEqual(['body', 'file_transfer', 'chmod']);
  });

  it('remembers the host key on first use and fails the job when it changes (docs/compatibility.md: SSH host keys remembered on first use)', async () => {
    const hostPort = `${env.sshHost}:${env.sshPort}`;
    const hostKeys = `${ls.sys.namespace}:host_keys`;
    expect(await redis.hget(hostKeys, hostPort)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    const remembered = await redis.hget(hostKeys, hostPort);
    await redis.hset(hostKeys, hostPort, 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    try {
      const job = await runJob(ls.sys, { driver: 'paramiko', connection_args: linuxArgs(env), command: 'true' });
      expect(job.status).toBe('finished');
      expect(job.result?.retval?.[0]).toMatchObject({ exit_status: 1, stderr: expect.stringContaining('host key has changed') });
    } finally {
      await redis.hset(hostKeys, hostPort, remembered ?? '');
    }
    const again = await runJob(ls.sys, { driver: 'paramiko', connection_args: linuxArgs(env), command: 'true' });
    expect(again.result?.retval?.[0].exit_status).toBe(0);
  });
});
