import { TestSystem, freePort, readTestEnv } from '@netpulse/testing';
import { basename, dirname } from 'node:path';

/** Findings from attacking the API from outside: each answered with a clear 4xx, nothing echoed. */
describe('request hardening: secrets in errors, bounded timers, bulk cap, discovery failures', () => {
  const env = readTestEnv();
  let sys: TestSystem;
  let closedPort = 0;
  const device = { host: '127.14.1.1', port: 1, username: 'u' };

  beforeAll(async () => {
    closedPort = await freePort();
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1, env: { NETPULSE_BULK__MAX_DEVICES: '3', NETPULSE_PROTECTION__BREAKER_FAILURES: '1', NETPULSE_SECURITY__KEY_ROOT: dirname(env.sshKeyFile) } });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it.each([
    ['a numeric password', { driver: 'paramiko', connection_args: { ...device, password: 42424242 }, command: 'true' }, '42424242'],
    ['a list password', { driver: 'paramiko', connection_args: { ...device, password: ['L1stPassw0rd'] }, command: 'true' }, 'L1stPassw0rd'],
    ['a numeric enable secret', { driver: 'netmiko', connection_args: { ...device, device_type: 'cisco_ios', password: 'p', secret: 31313131 }, command: 'x' }, '31313131'],
    ['a numeric proxy_password', { driver: 'paramiko', connection_args: { ...device, password: 'p', proxy_host: '127.14.1.2', proxy_password: 51515151 }, command: 'true' }, '51515151'],
    ['a numeric sudo_password', { driver: 'paramiko', connection_args: { ...device, password: 'p' }, driver_args: { sudo: true, sudo_password: 61616161 }, command: 'true' }, '61616161'],
    ['a numeric webhook.auth password', { driver: 'paramiko', connection_args: { ...device, password: 'p' }, command: 'true', webhook: { url: 'http://127.0.0.1:1/h', auth: ['u', 71717171] } }, '71717171'],
    ['a numeric webhook header', { driver: 'paramiko', connection_args: { ...device, password: 'p' }, command: 'true', webhook: { url: 'http://127.0.0.1:1/h', headers: { 'X-Auth-Token': 81818181 } } }, '81818181'],
  ])('never echoes %s in the answer', async (_what, body, needle) => {
    for (const path of ['/device/exec', '/device/bulk']) {
      const res = await sys.api.post(path, path === '/device/bulk' ? { ...body, devices: [{ host: '127.14.1.3' }] } : body);
      expect(res.status).toBeLessThan(500);
      expect(res.text).not.toContain(needle);
    }
  });

  it.each([
    ['connection_args', 'timeout', { driver: 'paramiko', connection_args: { ...device, password: 'p', timeout: 1e300 }, command: 'true' }],
    ['connection_args', 'keepalive', { driver: 'paramiko', connection_args: { ...device, password: 'p', keepalive: 1e12 }, command: 'true' }],
    ['connection_args', 'timeout', { driver: 'netmiko', connection_args: { ...device, device_type: 'cisco_ios', password: 'p', timeout: 1e300 }, command: 'x' }],
    ['driver_args', 'timeout', { driver: 'paramiko', connection_args: { ...device, password: 'p' }, driver_args: { timeout: 1e300 }, command: 'true' }],
  ])('bounds %s.%s with a 400 naming the field', async (group, field, body) => {
    const res = await sys.api.post<{ errors: { loc: string[]; msg: string }[] }>('/device/exec', body);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ loc: ['body', group, field], msg: expect.stringMatching(/less than or equal to/) })]);
    const test = await sys.api.post('/device/test', { driver: body.driver, connection_args: body.connection_args });
    if (group === 'connection_args') expect(test.status).toBe(400);
  });

  it('refuses a bulk request over bulk.max_devices whole, naming the limit, before queueing any', async () => {
    const before = await sys.api.get<unknown[]>('/jobs');
    const res = await sys.api.post('/device/bulk', { driver: 'paramiko', connection_args: { username: 'u', password: 'p', port: 1 }, command: 'true', devices: [1, 2, 3, 4].map((n) => ({ host: `127.14.1.${n}` })) });
    expect(res).toMatchObject({ status: 400, body: { detail: 'devices: 4 devices in one request; at most 3 are accepted (bulk.max_devices)' } });
    expect((await sys.api.get<unknown[]>('/jobs')).body).toHaveLength(before.body.length);
  });

  it('answers a discovery on an unreachable host, then on its open breaker, with a clear non-5xx', async () => {
    const body = { driver: 'paramiko', connection_args: { host: '127.0.0.1', port: closedPort, username: 'u', password: 'p', timeout: 2 } };
    const down = await sys.api.post<{ detail: string }>('/detached-tasks/discover', body);
    expect(down.status).toBe(424);
    expect(down.body.detail).toMatch(/^Detached task discovery on 127\.0\.0\.1 failed: /);
    const open = await sys.api.post<{ detail: string }>('/detached-tasks/discover', body);
    expect(open.status).toBe(424);
    expect(open.body.detail).toContain('Circuit open');
  });

  it('reads key_filename only from security.key_root: a key there logs in, any other path is refused before queueing', async () => {
    const linux = { host: env.sshHost, port: env.sshPort, username: env.sshUser };
    const ok = await sys.api.post<{ id: string }>('/device/exec', { driver: 'paramiko', connection_args: { ...linux, key_filename: basename(env.sshKeyFile) }, command: 'echo keyed' });
    expect(ok.status).toBe(201);
    const job = await sys.api.waitForJob<{ status: string; result: { retval: { stdout: string }[] } | null }>(ok.body.id, 30_000);
    expect(job).toMatchObject({ status: 'finished', result: { retval: [{ stdout: 'keyed\n' }] } });
    for (const [field, path] of [['key_filename', '/etc/shadow'], ['proxy_key_filename', '../../etc/passwd'], ['key_filename', '/nonexistent/dir/']]) {
      for (const route of ['/device/exec', '/device/test']) {
        const res = await sys.api.post(route, { driver: 'paramiko', connection_args: { ...linux, password: 'p', proxy_host: env.sshHost, [field]: path }, command: 'true' });
        expect(res).toMatchObject({ status: 400, body: { detail: `connection_args.${field}: the file must be inside security.key_root` } });
      }
    }
    const missing = await sys.api.post<{ id: string }>('/device/exec', { driver: 'paramiko', connection_args: { ...linux, key_filename: 'no-such-key' }, command: 'true' });
    // paramiko reports a connection that could not be made per command (exit status 1, the reason in stderr).
    const failed = await sys.api.waitForJob<{ status: string; result: { retval: { stderr: string; exit_status: number }[] } | null }>(missing.body.id, 30_000);
    expect(failed.result?.retval[0]).toMatchObject({ exit_status: 1, stderr: expect.stringContaining('connection_args.key_filename: the file cannot be used') });
  });
});
