import { TestSystem } from '@netpulse/testing';
import { setTimeout as sleep } from 'node:timers/promises';

describe('POST /device/exec validation', () => {
  let sys: TestSystem;
  const args = { host: '127.0.0.1', port: 1, username: 'u', password: 'Sup3r-Secret-Pw' };
  const exec = (body: unknown) => sys.api.post<{ detail: unknown; errors?: unknown[] }>('/device/exec', body);

  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('answers a body that is not JSON with 422 and a string detail', async () => {
    const res = await sys.api.request<{ detail: string }>('POST', '/device/exec', undefined, { raw: '{"driver": ' });
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/^Invalid JSON request: /);
  });

  it.each([
    [{ driver: 'paramiko', connection_args: args, command: 'x', ttl: 0 }, 'ttl'],
    [{ driver: 'paramiko', connection_args: args, command: 'x', result_ttl: 10 }, 'result_ttl'],
    [{ driver: 'paramiko', connection_args: 'nope', command: 'x' }, 'connection_args'],
    [{ connection_args: args, command: 'x' }, 'driver'],
    [{ driver: 'telnet', connection_args: args, command: 'x' }, "Input should be 'napalm', 'netmiko', 'paramiko' or 'pyeapi'"],
    [{ driver: 'paramiko', connection_args: args, command: 'x', queue_strategy: 'lifo' }, 'queue_strategy'],
    [{ driver: 'paramiko', connection_args: args, command: 'x', webhook: { url: 'not a url' } }, 'webhook.url'],
    [[1, 2], 'valid dictionary'],
  ])('rejects %j with 422 naming %s', async (body, naming) => {
    const res = await exec(body);
    expect(res.status).toBe(422);
    expect(typeof res.body.detail).toBe('string');
    expect(res.body.detail as string).toContain(naming);
  });

  it.each([
    [{ push_interval: 5 }, '`push_interval` requires `detach=True`'],
    [{ driver: 'netmiko', detach: true }, '`detach` is only supported by the paramiko driver'],
    [{ config: 'x' }, 'Only one of `config` or `command` can be set'],
    [{ command: null }, 'One of `config`, `command`'],
    [{ command: { a: 1 } }, '`rendering` is required'],
  ])('applies the cross-field rule %j', async (extra, message) => {
    const res = await exec({ driver: 'paramiko', connection_args: args, command: 'x', ...extra });
    expect([400, 422]).toContain(res.status);
    expect(JSON.stringify(res.body)).toContain(message);
  });

  it('answers semantic errors with 400', async () => {
    const napalm = await exec({ driver: 'napalm', connection_args: { ...args, device_type: 'vyos' }, command: 'get_facts' });
    expect(napalm.status).toBe(400);
    expect(napalm.body.errors).toEqual([expect.objectContaining({ loc: ['body', 'connection_args', 'device_type'], msg: expect.stringContaining("unsupported napalm driver 'vyos'; supported: eos, ios") })]);
    expect((await exec({ driver: 'paramiko', connection_args: { username: 'u' }, command: 'x' })).body).toEqual({ detail: '`host` is required in connection_args' });
    expect((await exec({ driver: 'paramiko', connection_args: args, command: 'x', credential: { ref: 'a/b' } })).body).toEqual({ detail: 'Credential support is disabled in server configuration' });
  });

  it('validates the driver args with 400 Validation Error, secrets masked', async () => {
    const res = await exec({ driver: 'paramiko', connection_args: { ...args, port: 'twenty-two' }, command: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.detail).toBe('Validation Error');
    expect(res.body.errors).toEqual([expect.objectContaining({ loc: ['body', 'connection_args', 'port'] })]);
    expect(res.text).not.toContain('Sup3r-Secret-Pw');
  });

  it('never answers 500 to hostile bodies', async () => {
    const bodies: unknown[] = [null, 0, 'str', [], {}, { driver: null }, { driver: {}, connection_args: [] }, { driver: 'paramiko', connection_args: { host: 7 }, command: 'x' },
      { driver: 'paramiko', connection_args: args, command: [[]] }, { driver: 'paramiko', connection_args: args, command: 'x', ttl: 1e308 },
      { driver: 'paramiko', connection_args: args, command: 'x', webhook: [] }, { driver: 'paramiko', connection_args: args, command: 'x', rendering: 'x' },
      { driver: 'paramiko', connection_args: args, command: 'x', file_transfer: { operation: 'upload' } }];
    for (const b of bodies) {
      const res = await exec(b);
      if (res.status < 400) throw new Error(`accepted ${JSON.stringify(b)}`);
      expect(res.status).toBeLessThan(500);
    }
    const proto = await sys.api.request('POST', '/device/exec', undefined, { raw: '{"driver":"paramiko","connection_args":{"__proto__":{"host":"127.0.0.1"}},"command":"x"}' });
    expect(proto.status).toBe(400);
    const big = await sys.api.request('POST', '/device/exec', undefined, { raw: `{"x":"${'a'.repeat(17 * 1024 * 1024)}"}` });
    expect(big.status).toBe(413);
    expect(res500Free(sys.logs())).toBe(true);
  });

  it('never writes the password into the logs', async () => {
    await exec({ driver: 'paramiko', connection_args: args, command: 'x', ttl: 0 });
    await exec({ driver: 'paramiko', connection_args: args, command: 'x' });
    await sleep(500);
    expect(sys.logs()).not.toContain('Sup3r-Secret-Pw');
  });
});

function res500Free(logs: string): boolean {
  return !logs.includes('unhandled error');
}
