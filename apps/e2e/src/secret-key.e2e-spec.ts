import type { JobInResponse } from '@netpulse/contracts';
import { TestSystem, dumpNamespace, readTestEnv } from '@netpulse/testing';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** `security.secret_key` lives outside Redis: given to every app, required in production. */
describe('secret key handling', () => {
  const env = readTestEnv();
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('never writes the key (or any key) to Redis while jobs run', async () => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword }, command: 'echo sealed' });
    expect(res.status).toBe(201);
    expect((await sys.api.waitForJob(res.body.id)).status).toBe('finished');
    // Every key of every type in the namespace, not only strings.
    const dump = await dumpNamespace(env.redisHost, env.redisPort, sys.namespace);
    expect(dump.split('\n')).not.toContain(`${sys.namespace}:secret_key`);
    expect(dump).not.toContain(sys.secretKey);
  });

  it.each(['controller', 'fifo-worker'] as const)('refuses to start the %s in production without a key, saying what to set', async (role) => {
    const app = sys.spawn(role, { NETPULSE_ENV: 'production', NETPULSE_SECURITY__SECRET_KEY: '' });
    const child = app.child;
    if (!child) throw new Error('not started');
    const [code] = (child.exitCode !== null ? [child.exitCode] : await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    await sleep(100);
    const log = readFileSync(join(sys.logDir, `${app.opts.label}.log`), 'utf8');
    expect(log).toContain('security.secret_key is required in production (NETPULSE_ENV=production)');
    expect(log).toContain('NETPULSE_SECURITY__SECRET_KEY');
  });

  it('in development without a key, every app uses one key file under .netpulse/ (0600) and Redis holds no key', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'np-devkey-'));
    let dev: TestSystem | null = null;
    try {
      // Two apps starting together, neither given a key: they must agree on one without Redis.
      dev = await TestSystem.start({ fifoWorkers: 1, cwd, env: { NETPULSE_SECURITY__SECRET_KEY: '' } });
      const res = await dev.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword }, command: 'echo dev-sealed' });
      expect(res.status).toBe(201);
      expect((await dev.api.waitForJob(res.body.id)).status).toBe('finished');
      const keyFile = join(cwd, '.netpulse', 'secret-key');
      const key = readFileSync(keyFile, 'utf8').trim();
      expect(key.length).toBeGreaterThanOrEqual(32);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const dump = await dumpNamespace(env.redisHost, env.redisPort, dev.namespace);
      expect(dump.split('\n').filter((k) => k.endsWith(':secret_key'))).toEqual([]);
      expect(dump).not.toContain(key);
      expect(dev.logs()).toContain(`security.secret_key is not set`);
      expect(dev.logs()).not.toContain(key);
    } finally {
      await dev?.stop();
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
