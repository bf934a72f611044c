import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import { DriverValidationError } from '../core/device-driver';
import { HttpError } from '../http/http.error';
import { NetmikoDriver } from '../netmiko/netmiko.driver';
import { PyeapiDriver } from './pyeapi.driver';

describe('PyeapiDriver on a simulated arista_eos eAPI', () => {
  const sut = new PyeapiDriver();
  let dev: SimulatedDevice;
  let dir: string;
  const args = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ host: dev.host, port: dev.eapi?.httpsPort, username: 'admin', password: 'eapi-pw', site: 'lab', ...extra });
  const ctx = (signal = new AbortController().signal): ExecContext => ({ jobId: 'j', signal, maxOutputBytes: 64 << 20 });
  const req = (extras: Record<string, unknown> = {}, driver_args: Record<string, unknown> | null = null): DriverRequest => ({ connection_args: args(), driver_args, extras });

  beforeAll(async () => {
    dev = await startDevice({ platform: 'arista_eos', host: '127.0.70.1', port: 0, hostname: 'spine1', password: 'eapi-pw', secret: '', eapi: { httpPort: 0, httpsPort: 0 } });
    dir = mkdtempSync(join(tmpdir(), 'np-pyeapi-'));
  });
  afterAll(async () => {
    await dev?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs show commands over HTTPS: one result per command, stdout the JSON object or the text', async () => {
    const s = await sut.connect(args());
    try {
      const r = await s.send(['show version', 'show hostname'], req(), ctx());
      expect(r.map((x) => x.exit_status)).toEqual([0, 0]);
      expect(r[0]).toMatchObject({ command: 'show version', stderr: '', stdout: { modelName: 'vEOS-lab', version: '4.28.0F' }, metadata: { host: dev.host, encoding: 'json' } });
      expect(r[1].stdout).toEqual({ hostname: 'spine1', fqdn: 'spine1' });
      const text = await s.send(['show version'], req({}, { encoding: 'text' }), ctx());
      expect(text[0].stdout).toMatch(/^Arista vEOS-lab\n[\s\S]*Software image version: 4\.28\.0F/);
    } finally {
      await s.close();
    }
  });

  it('prepends enable by default; without enable_mode privileged commands fail with the device message', async () => {
    const s = await sut.connect(args());
    try {
      const denied = await s.send(['show running-config', 'show version'], req({ enable_mode: false }), ctx());
      expect(denied.map((x) => x.exit_status)).toEqual([1, 1]);
      expect(denied[0].stderr).toBe("Error [1002]: CLI command 1 of 2 'show running-config' failed: invalid command [Invalid input]");
      expect(denied[1].stderr).toBe("Skipped due to previous error in execution of 'show running-config'");
      const ok = await s.send(['show running-config'], req(), ctx());
      expect(ok[0]).toMatchObject({ exit_status: 0, stdout: { cmds: { 'hostname spine1': null } } });
    } finally {
      await s.close();
    }
  });

  it('configures between configure and end: one result, visible in the running-config over eAPI and over SSH', async () => {
    const s = await sut.connect(args());
    try {
      const r = await s.config(['interface Ethernet4', 'description set-over-eapi'], req(), ctx());
      expect(r).toHaveLength(1);
      expect(r[0]).toMatchObject({ command: 'interface Ethernet4\ndescription set-over-eapi', exit_status: 0, stdout: [{}, {}] });
      expect(dev.runningConfig).toMatch(/interface Ethernet4\n description set-over-eapi/);
      const show = await s.send(['show running-config'], req({}, { encoding: 'text' }), ctx());
      expect(show[0].stdout).toContain(' description set-over-eapi');
    } finally {
      await s.close();
    }
    const ssh = await new NetmikoDriver().connect({ device_type: 'arista_eos', host: dev.host, port: dev.port, username: 'admin', password: 'eapi-pw' });
    try {
      const cli = await ssh.send(['show running-config'], { connection_args: {}, driver_args: null, extras: { enable_mode: true } }, ctx());
      expect(cli[0].stdout).toContain('interface Ethernet4\n description set-over-eapi');
    } finally {
      await ssh.close();
    }
  });

  it('saves with write memory when asked, and reports a bad line with exit_status 1 and nothing saved after it', async () => {
    const s = await sut.connect(args());
    try {
      const saves = dev.counters.saves;
      const r = await s.config(['ip domain-name lab.test'], req({ save: true }), ctx());
      expect(r[0]).toMatchObject({ exit_status: 0, stdout: [{}, { messages: ['Copy completed successfully.\n'] }] });
      expect(dev.startupConfig).toContain('ip domain-name lab.test');
      const bad = await s.config(['hostname spine9', 'frobnicate the widgets'], req({ save: true }), ctx());
      expect(bad[0]).toMatchObject({ exit_status: 1, stdout: [{}], metadata: { eapi_error_code: 1002 } });
      expect(bad[0].stderr).toBe("Error [1002]: CLI command 4 of 6 'frobnicate the widgets' failed: invalid command [Invalid input]");
      expect(dev.counters.saves).toBe(saves + 1);
      // Lines before the failing one stay applied, as on EOS.
      expect(dev.hostname).toBe('spine9');
    } finally {
      await s.config(['hostname spine1'], req(), ctx());
      await s.close();
    }
  });

  it('runs a command the device cannot give as JSON again as text, unless strict', async () => {
    const s = await sut.connect(args());
    try {
      const r = await s.send(['show hostname', 'show clock', 'show version'], req(), ctx());
      expect(r.map((x) => [x.exit_status, x.metadata.encoding])).toEqual([[0, 'json'], [0, 'text'], [0, 'json']]);
      expect(r[1].stdout).toMatch(/Timezone: UTC/);
      const strict = await s.send(['show clock'], req({}, { strict: true }), ctx());
      expect(strict[0]).toMatchObject({ exit_status: 1, metadata: { eapi_error_code: 1003 } });
    } finally {
      await s.close();
    }
  });

  it('keeps one HTTP connection for the life of a session (pinned reuse) and closes it on close', async () => {
    dev.eapi?.counters.reset();
    const s = await sut.connect(args());
    for (let i = 0; i < 3; i += 1) expect((await s.send(['show hostname'], req(), ctx()))[0].exit_status).toBe(0);
    expect(await s.probe()).toBe(true);
    expect(s.isAlive()).toBe(true);
    expect(dev.eapi?.counters).toMatchObject({ connections: 1, logins: 5 });
    await s.close();
    expect(s.isAlive()).toBe(false);
    expect(await s.probe()).toBe(false);
  });

  it('speaks plain HTTP too', async () => {
    const s = await sut.connect(args({ transport: 'http', port: dev.eapi?.httpPort }));
    try {
      expect((await s.send(['show hostname'], req(), ctx()))[0].stdout).toEqual({ hostname: 'spine1', fqdn: 'spine1' });
    } finally {
      await s.close();
    }
  });

  it('trusts any certificate by default, verifies when asked, and accepts the device certificate as ca_file', async () => {
    await expect(sut.connect(args({ verify: true }))).rejects.toMatchObject({ name: 'HttpError', kind: 'tls' });
    const ca = join(dir, 'spine1.pem');
    writeFileSync(ca, dev.eapi?.certificate ?? '');
    const s = await sut.connect(args({ ca_file: 'spine1.pem' }), undefined, { keyRoot: dir });
    await s.close();
    await expect(sut.connect(args({ ca_file: ca }))).rejects.toThrow('connection_args.ca_file: key files are disabled on this server (security.key_root is not set)');
    await expect(sut.connect(args({ ca_file: 'missing.pem' }), undefined, { keyRoot: dir })).rejects.toThrow('connection_args.ca_file: the file cannot be used');
  });

  it('contacts the device on test() and reports the driver extras', async () => {
    const before = dev.eapi?.counters.requests ?? 0;
    await expect(sut.test(args())).resolves.toEqual({ driver: 'pyeapi', host: dev.host, transport: 'https', port: dev.eapi?.httpsPort, model: 'vEOS-lab', version: '4.28.0F' });
    expect(dev.eapi?.counters.requests).toBe(before + 1);
    await expect(sut.test(args({ password: 'wrong' }))).rejects.toMatchObject({ kind: 'auth', message: expect.stringContaining('Bad username/password combination') });
  });

  it('fails to connect with a clear error when nothing listens (connection refused)', async () => {
    const port = await closedPort();
    const err: unknown = await sut.connect({ host: '127.0.0.1', port, transport: 'http', password: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err).toMatchObject({ kind: 'connect', code: 'ECONNREFUSED', message: `Connection refused by 127.0.0.1:${port}` });
  });

  it('gives up on a device slower than the timeout', async () => {
    const slow = await startDevice({ platform: 'arista_eos', host: '127.0.70.2', port: 0, latencyMs: 1500, eapi: { httpPort: 0, httpsPort: null } });
    try {
      await expect(sut.connect({ host: slow.host, port: slow.eapi?.httpPort, transport: 'http', password: 'admin', timeout: 0.3 })).rejects.toMatchObject({
        kind: 'timeout',
        message: `No complete answer from ${slow.host}:${String(slow.eapi?.httpPort)} within 0.3s`,
      });
    } finally {
      await slow.stop();
    }
  });

  it('validates args by field: wrong types rejected, unknown keys ignored', () => {
    const v = (connection_args: Record<string, unknown>, driver_args: Record<string, unknown> | null = null, extras: Record<string, unknown> = {}): void => sut.validate({ connection_args, driver_args, extras });
    expect(() => v({ host: 'h', site: 'x', keepalive: 60, device_type: 'arista_eos' })).not.toThrow();
    const fields = (fn: () => void): unknown[] => {
      try {
        fn();
      } catch (e) {
        if (e instanceof DriverValidationError) return e.errors.map((x) => x.loc.join('.'));
        throw e;
      }
      return [];
    };
    expect(fields(() => v({ host: 'h', port: 'abc', transport: 'ftp', verify: 'maybe', timeout: -1 }))).toEqual(
      expect.arrayContaining(['body.connection_args.port', 'body.connection_args.transport', 'body.connection_args.verify', 'body.connection_args.timeout']),
    );
    expect(fields(() => v({ host: 'h', cert_file: '/c.pem' }))).toEqual(['body.connection_args.key_file']);
    expect(fields(() => v({ host: 'h' }, { encoding: 'xml' }))).toEqual(['body.driver_args.encoding']);
    expect(fields(() => v({ host: 'h' }, null, { enable_mode: 'sometimes' }))).toEqual(['body.enable_mode']);
  });

  it('identifies a connection by transport, host, port, user and a digest of the secrets', () => {
    const id = sut.identity({ host: 'h', password: 'p' });
    expect(sut.identity({ host: 'h', password: 'p', port: 443, transport: 'https', timeout: 5, keepalive: 60 })).toBe(id);
    expect(sut.identity({ host: 'h', password: 'q' })).not.toBe(id);
    expect(sut.identity({ host: 'h', password: 'p', transport: 'http' })).not.toBe(id);
    expect(id).not.toContain('p');
  });
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const address = srv.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}
