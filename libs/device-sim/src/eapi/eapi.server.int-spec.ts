import { X509Certificate } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { startDevice } from '../device/device.factory';
import type { SimulatedDevice } from '../device/simulated-device';

interface Reply {
  status: number;
  body: string;
}

/** A raw eAPI client: the simulator must not depend on the drivers it is a target for. */
function post(dev: SimulatedDevice, body: unknown, opts: { scheme?: 'http' | 'https'; auth?: string; agent?: HttpAgent; ca?: string; path?: string } = {}): Promise<Reply> {
  const scheme = opts.scheme ?? 'http';
  const port = scheme === 'http' ? dev.eapi?.httpPort : dev.eapi?.httpsPort;
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers = { authorization: `Basic ${Buffer.from(opts.auth ?? 'admin:eapi-pw').toString('base64')}`, 'content-type': 'application/json' };
  return new Promise((resolve, reject) => {
    const base = { host: dev.host, port: port ?? 0, method: 'POST', path: opts.path ?? '/command-api', headers, agent: opts.agent };
    const onResponse = (res: import('node:http').IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    };
    const req = scheme === 'http' ? httpRequest(base, onResponse) : httpsRequest({ ...base, ca: opts.ca, rejectUnauthorized: opts.ca !== undefined }, onResponse);
    req.on('error', reject);
    req.end(text);
  });
}

const run = (cmds: unknown[], format = 'json', id: unknown = 'np-1'): Record<string, unknown> => ({ jsonrpc: '2.0', method: 'runCmds', params: { version: 1, cmds, format }, id });

async function rpc(dev: SimulatedDevice, cmds: unknown[], format = 'json'): Promise<{ result?: unknown[]; error?: { code: number; message: string; data: Array<Record<string, unknown>> } }> {
  const r = await post(dev, run(cmds, format));
  expect(r.status).toBe(200);
  return JSON.parse(r.body) as { result?: unknown[]; error?: { code: number; message: string; data: Array<Record<string, unknown>> } };
}

describe('eAPI endpoint of a simulated arista_eos', () => {
  let dev: SimulatedDevice;

  beforeAll(async () => {
    dev = await startDevice({ platform: 'arista_eos', host: '127.0.70.10', port: 0, hostname: 'leaf1', password: 'eapi-pw', eapi: { httpPort: 0, httpsPort: 0 } });
  });
  afterAll(async () => {
    await dev?.stop();
  });

  it('answers show commands as EOS-shaped JSON that agrees with the CLI text', async () => {
    const r = await rpc(dev, ['show version', 'show hostname', 'sh int status']);
    const [version, host, status] = r.result as Array<Record<string, unknown>>;
    expect(version).toMatchObject({ mfgName: 'Arista', modelName: 'vEOS-lab', version: '4.28.0F', architecture: 'x86_64', memTotal: 3999372 });
    expect(version.systemMacAddress).toMatch(/^52:54:(?:[0-9a-f]{2}:){3}[0-9a-f]{2}$/);
    expect(version.uptime).toBeGreaterThan(86400);
    const text = await rpc(dev, ['show version'], 'text');
    expect((text.result?.[0] as { output: string }).output).toContain(`Serial number: ${String(version.serialNumber)}`);
    expect(host).toEqual({ hostname: 'leaf1', fqdn: 'leaf1' });
    const statuses = (status as { interfaceStatuses: Record<string, Record<string, unknown>> }).interfaceStatuses;
    expect(statuses.Ethernet1).toMatchObject({ description: 'uplink', linkStatus: 'connected', vlanInformation: { interfaceMode: 'trunk' } });
    expect(statuses.Management1).toMatchObject({ vlanInformation: { interfaceMode: 'routed' } });
  });

  it('starts unprivileged: privileged commands need enable, and stop the batch with error 1002', async () => {
    const r = await rpc(dev, ['show hostname', 'show running-config', 'show version']);
    expect(r.error?.code).toBe(1002);
    expect(r.error?.message).toBe("CLI command 2 of 3 'show running-config' failed: invalid command");
    expect(r.error?.data).toEqual([{ hostname: 'leaf1', fqdn: 'leaf1' }, { errors: ['Invalid input'] }]);
    const ok = await rpc(dev, ['enable', 'show running-config']);
    expect(ok.result?.[0]).toEqual({});
    expect((ok.result?.[1] as { cmds: Record<string, unknown> }).cmds).toMatchObject({ 'hostname leaf1': null, 'interface Ethernet1': { cmds: { 'description uplink': null } } });
  });

  it('applies configuration to the same running-config the SSH CLI shows, and saves', async () => {
    const before = dev.counters.commandCount;
    const r = await rpc(dev, ['enable', 'configure', 'interface Ethernet3', 'description via-eapi', 'end', 'write memory'], 'text');
    expect(r.error).toBeUndefined();
    expect(r.result?.[5]).toEqual({ output: 'Copy completed successfully.\n' });
    expect(dev.runningConfig).toMatch(/interface Ethernet3\n description via-eapi/);
    expect(dev.startupConfig).toContain('description via-eapi');
    expect(dev.counters.commandCount - before).toBe(6);
    const bad = await rpc(dev, ['enable', 'configure', 'bogus statement here']);
    expect(bad.error).toMatchObject({ code: 1002, message: "CLI command 3 of 3 'bogus statement here' failed: invalid command" });
  });

  it('answers enable with the input given, refusing a wrong secret', async () => {
    expect((await rpc(dev, [{ cmd: 'enable', input: 'admin' }, 'show startup-config'])).result).toHaveLength(2);
    const wrong = await rpc(dev, [{ cmd: 'enable', input: 'nope' }, 'show version']);
    expect(wrong.error).toMatchObject({ code: 1002, data: [{ errors: ['Bad secret'] }] });
  });

  it('refuses to convert show commands it has no JSON model for (1003), and serves them as text', async () => {
    const r = await rpc(dev, ['show clock']);
    expect(r.error).toMatchObject({ code: 1003, message: "CLI command 1 of 1 'show clock' failed: unconverted command" });
    expect(((await rpc(dev, ['show clock'], 'text')).result?.[0] as { output: string }).output).toMatch(/Timezone: UTC/);
  });

  it('answers JSON-RPC problems with JSON-RPC errors and bad credentials with 401', async () => {
    const parse = JSON.parse((await post(dev, '{not json')).body) as { error: { code: number } };
    expect(parse.error.code).toBe(-32700);
    const method = JSON.parse((await post(dev, { ...run(['show version']), method: 'runShow' })).body) as { error: { code: number }; id: string };
    expect(method).toMatchObject({ error: { code: -32601 }, id: 'np-1' });
    const format = JSON.parse((await post(dev, run(['show version'], 'xml'))).body) as { error: { code: number } };
    expect(format.error.code).toBe(-32602);
    const failures = dev.eapi?.counters.authFailures ?? 0;
    const denied = await post(dev, run(['show version']), { auth: 'admin:wrong' });
    expect(denied).toEqual({ status: 401, body: 'Unable to authenticate user: Bad username/password combination' });
    expect(dev.eapi?.counters.authFailures).toBe(failures + 1);
    expect((await post(dev, run(['show version']), { path: '/' })).status).toBe(404);
  });

  it('serves HTTPS with a self-signed certificate for the device address, and keeps connections alive', async () => {
    const cert = new X509Certificate(dev.eapi?.certificate ?? '');
    expect(cert.checkIP(dev.host)).toBe(dev.host);
    expect(cert.verify(cert.publicKey)).toBe(true);
    await expect(post(dev, run(['show version']), { scheme: 'https', ca: undefined })).resolves.toMatchObject({ status: 200 });
    const agent = new HttpsAgent({ keepAlive: true, maxSockets: 1, ca: dev.eapi?.certificate ?? undefined });
    dev.eapi?.counters.reset();
    try {
      for (let i = 0; i < 3; i += 1) expect((await post(dev, run(['show hostname']), { scheme: 'https', ca: dev.eapi?.certificate ?? undefined, agent })).status).toBe(200);
    } finally {
      agent.destroy();
    }
    expect(dev.eapi?.counters).toMatchObject({ connections: 1, logins: 3, requests: 3 });
  });

  it('is offered only by arista_eos, with its options checked by name', async () => {
    await expect(startDevice({ platform: 'cisco_ios', host: '127.0.70.11', port: 0, eapi: { httpPort: 0 } })).rejects.toThrow('eapi is offered only by arista_eos devices, not cisco_ios');
    await expect(startDevice({ platform: 'arista_eos', host: '127.0.70.11', port: 0, eapi: { httpPort: 70000 } })).rejects.toThrow('eapi.httpPort must be an integer');
    await expect(startDevice({ platform: 'arista_eos', host: '127.0.70.11', port: 0, eapi: { httpPort: null, httpsPort: null } })).rejects.toThrow('eapi needs httpPort or httpsPort');
  });
});
