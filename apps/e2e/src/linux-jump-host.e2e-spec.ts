import { readTestEnv, startSshd, waitUntil } from '@netpulse/testing';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Redis from 'ioredis';
import { LinuxSystem, linuxArgs, runJob, startLinuxSystem } from './linux.fixtures';

describe('jump host (proxy_host/proxy_port/proxy_username/proxy_password) through the REST API', () => {
  const env = readTestEnv();
  const dir = join(env.stateDir, `jump-${randomBytes(4).toString('hex')}`);
  let jump: { port: number; pid: number };
  let ls: LinuxSystem;
  const viaJump = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
    ...linuxArgs(env),
    proxy_host: '127.0.0.1',
    proxy_port: jump.port,
    proxy_username: env.sshUser,
    proxy_password: env.sshPassword,
    ...over,
  });
  const jumpLog = (): string => readFileSync(join(dir, 'sshd.log'), 'utf8');

  beforeAll(async () => {
    // A second, private sshd: the jump host in front of the suite's sshd.
    jump = await startSshd(dir);
    ls = await startLinuxSystem(env);
  });
  afterAll(async () => {
    await ls?.sys.stop();
    if (jump?.pid) process.kill(jump.pid, 'SIGTERM');
  });

  it.each(['fifo', 'pinned'])('reaches the target through the jump host (%s)', async (strategy) => {
    const accepted = (jumpLog().match(/Accepted password for /g) ?? []).length;
    const job = await runJob(ls.sys, { driver: 'paramiko', connection_args: viaJump(), command: ['echo via-jump', 'hostname'], queue_strategy: strategy });
    expect(job.status).toBe('finished');
    expect(job.result?.retval?.map((r) => [r.stdout, r.exit_status])).toEqual([
      ['via-jump\n', 0],
      [expect.stringMatching(/\S\n$/), 0],
    ]);
    // The jump sshd authenticated one more login for it, and its host key is remembered too.
    await waitUntil('the jump host logs one more accepted login', () => !((jumpLog().match(/Accepted password for /g) ?? []).length === accepted), { timeoutMs: 1000, intervalMs: 50 });
    expect((jumpLog().match(/Accepted password for /g) ?? []).length).toBe(accepted + 1);
    const redis = new Redis({ host: env.redisHost, port: env.redisPort });
    try {
      expect(await redis.hget(`${ls.sys.namespace}:host_keys`, `127.0.0.1:${jump.port}`)).toMatch(/^SHA256:/);
    } finally {
      redis.disconnect();
    }
  });

  it('turns a wrong jump-host password into exit_status 1 naming the jump host, without the secret', async () => {
    const wrong = `wrong-${randomBytes(6).toString('hex')}`;
    const job = await runJob(ls.sys, { driver: 'paramiko', connection_args: viaJump({ proxy_password: wrong }), command: 'true' });
    expect(job.status).toBe('finished');
    expect(job.result?.retval?.[0]).toMatchObject({ exit_status: 1, stderr: expect.stringContaining(`127.0.0.1:${jump.port}`) });
    expect(JSON.stringify(job)).not.toContain(wrong);
  });
});
