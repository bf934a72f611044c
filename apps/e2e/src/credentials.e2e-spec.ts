import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem, VaultApiServer, dumpNamespace, readTestEnv } from '@netpulse/testing';

/**
 * `credential` references end to end: the worker fetches the secret from Vault (here the Vault API
 * stand-in, AppRole auth through the original's NETPULSE_VAULT_* variables) just before it connects;
 * the request, the job record and Redis hold only the reference.
 */
describe('credential references (Vault KV v2)', () => {
  const env = readTestEnv();
  const password = `Cr3d-${Date.now()}-pw`;
  const vault = new VaultApiServer();
  let sys: TestSystem;
  let dev: SimulatedDevice;
  let dev2: SimulatedDevice;
  const cisco = (d: SimulatedDevice) => ({ device_type: 'cisco_ios', host: d.host, port: d.port });

  beforeAll(async () => {
    dev = await startDevice({ platform: 'cisco_ios', host: '127.31.0.1', port: 0, username: 'netops', password });
    dev2 = await startDevice({ platform: 'cisco_ios', host: '127.31.0.2', port: 0, username: 'netops', password });
    await vault.start();
    vault.addAppRole('np-role', 'np-secret-id', ['kv/data/netpulse/*']);
    vault.put('kv', 'netpulse/core-sw', { username: 'netops', password: 'old-password' });
    vault.put('kv', 'netpulse/core-sw', { username: 'netops', password });
    vault.put('kv', 'lab/other', { username: 'x', password: 'y' });
    sys = await TestSystem.start({
      fifoWorkers: 1,
      nodeWorkers: 1,
      env: {
        NETPULSE_CREDENTIAL__ENABLED: 'true',
        NETPULSE_CREDENTIAL__NAME: 'vault_kv',
        NETPULSE_CREDENTIAL__ADDR: vault.url,
        NETPULSE_CREDENTIAL__ALLOWED_PATHS: 'netpulse/',
        NETPULSE_VAULT_ROLE_ID: 'np-role',
        NETPULSE_VAULT_SECRET_ID: 'np-secret-id',
      },
    });
  });
  afterAll(async () => {
    await sys?.stop();
    await dev?.stop();
    await dev2?.stop();
    await vault.stop();
  });

  it('runs a pinned and a FIFO job with the secret fetched by the worker', async () => {
    for (const queue_strategy of ['pinned', 'fifo']) {
      const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: cisco(dev), credential: { name: 'vault', ref: 'netpulse/core-sw' }, command: 'show clock', queue_strategy });
      expect(res.status).toBe(201);
      const job = await sys.api.waitForJob<JobInResponse>(res.body.id, 30_000);
      expect(job.result?.retval?.[0]).toMatchObject({ command: 'show clock', exit_status: 0 });
      expect(job.result?.retval?.[0].stdout).not.toBe('');
    }
  });

  it('reads a pinned version, and reports a missing secret as the job result (exit_status 1)', async () => {
    const old = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: cisco(dev), credential: { ref: 'netpulse/core-sw', version: 1 }, command: 'show clock', queue_strategy: 'fifo' });
    const oldJob = await sys.api.waitForJob<JobInResponse>(old.body.id, 30_000);
    expect(oldJob.result?.retval?.[0].exit_status).toBe(1);
    expect(oldJob.result?.retval?.[0].stderr).toMatch(/auth/i);
    const missing = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: cisco(dev), credential: { ref: 'netpulse/missing' }, command: 'show clock' });
    const job = await sys.api.waitForJob<JobInResponse>(missing.body.id, 30_000);
    expect(job.status).toBe('finished');
    expect(job.result?.retval?.[0]).toMatchObject({ exit_status: 1, stderr: 'Credential not found: kv/netpulse/missing' });
  });

  it('answers 400 for another provider or a path outside allowed_paths', async () => {
    const other = await sys.api.post('/device/exec', { driver: 'netmiko', connection_args: cisco(dev), credential: { name: 'aws', ref: 'netpulse/core-sw' }, command: 'show clock' });
    expect(other.status).toBe(400);
    expect(other.body).toEqual({ detail: 'Unsupported credential provider: aws' });
    const outside = await sys.api.post('/device/exec', { driver: 'netmiko', connection_args: cisco(dev), credential: { ref: 'lab/other' }, command: 'show clock' });
    expect(outside.status).toBe(400);
    expect(outside.body).toEqual({ detail: 'Credential path lab/other is not allowed' });
  });

  it('resolves in the controller for POST /device/test, and per device in a bulk request', async () => {
    const test = await sys.api.post<{ success: boolean }>('/device/test', { driver: 'netmiko', connection_args: cisco(dev), credential: { ref: 'netpulse/core-sw' } });
    expect(test.status).toBe(200);
    expect(test.body.success).toBe(true);
    const bulk = await sys.api.post<{ succeeded: JobInResponse[]; failed: unknown[] }>('/device/bulk', {
      driver: 'netmiko', connection_args: { device_type: 'cisco_ios' }, credential: { ref: 'netpulse/core-sw' }, command: 'show clock',
      devices: [{ host: dev.host, port: dev.port }, { host: dev2.host, port: dev2.port }],
    });
    expect(bulk.status).toBe(201);
    expect(bulk.body.failed).toEqual([]);
    for (const j of bulk.body.succeeded) expect((await sys.api.waitForJob<JobInResponse>(j.id, 30_000)).result?.retval?.[0].exit_status).toBe(0);
  });

  it('never stores or logs the resolved password', async () => {
    const dump = await dumpNamespace(env.redisHost, env.redisPort, sys.namespace);
    expect(dump.length).toBeGreaterThan(1000);
    expect(dump).not.toContain(password);
    expect(sys.logs()).not.toContain(password);
    expect((await sys.api.get('/jobs')).text).not.toContain(password);
  });
});
