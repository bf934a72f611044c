import { TestSystem } from '@netpulse/testing';

/** `security.allowed_targets` refuses devices outside it before any connection (here: loopback outside 127.0.0.0/24). */
describe('outbound allowlist for devices', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1, env: { NETPULSE_SECURITY__ALLOWED_TARGETS: '["127.0.0.0/24"]' } });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it.each([
    ['/device/exec', { driver: 'paramiko', connection_args: { host: '127.0.5.1', username: 'u', password: 'p' }, command: 'true' }],
    ['/device/exec', { driver: 'netmiko', connection_args: { device_type: 'cisco_ios', host: '127.0.5.1', username: 'u', password: 'p' }, command: 'show clock' }],
    ['/device/test', { driver: 'paramiko', connection_args: { host: '127.0.5.1', username: 'u', password: 'p' } }],
  ])('%s refuses a host outside the list with 400', async (path, body) => {
    const res = await sys.api.post(path, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ detail: 'connection_args.host: Target 127.0.5.1 is outside security.allowed_targets' });
  });

  it('lists a refused bulk device in failed and runs the others', async () => {
    const res = await sys.api.post<{ succeeded: unknown[]; failed: unknown[] }>('/device/bulk', {
      driver: 'paramiko',
      connection_args: { username: 'u', password: 'p', port: 1 },
      command: 'true',
      devices: [{ host: '127.0.0.1' }, { host: '127.0.5.1' }],
    });
    expect(res.body.succeeded).toHaveLength(1);
    expect(res.body.failed).toEqual([{ host: '127.0.5.1', reason: 'connection_args.host: Target 127.0.5.1 is outside security.allowed_targets' }]);
  });
});
