import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import { DriverValidationError } from '../core/device-driver';
import { NetmikoDriver } from './netmiko.driver';
import type { NetmikoSession } from './netmiko.session';

describe('NetmikoDriver on a simulated cisco_ios', () => {
  const sut = new NetmikoDriver();
  let dev: SimulatedDevice;
  const args = (): Record<string, unknown> => ({ device_type: 'cisco_ios', host: dev.host, port: dev.port, username: 'admin', password: 'admin', secret: 'en-secret', site: 'lab' });
  const ctx = (): ExecContext => ({ jobId: 'j', signal: new AbortController().signal, maxOutputBytes: 64 << 20 });
  const req = (extras: Record<string, unknown> = {}, driver_args: Record<string, unknown> | null = null): DriverRequest => ({ connection_args: args(), driver_args, extras });

  beforeAll(async () => {
    dev = await startDevice({ platform: 'cisco_ios', host: '127.0.40.1', port: 0, hostname: 'R1', secret: 'en-secret', terminalLength: 24 });
  });
  afterAll(async () => {
    await dev?.stop();
  });

  it('runs show commands, one result each, paging turned off, echo and prompt stripped', async () => {
    const s = await sut.connect(args());
    try {
      const r = await s.send(['show version', 'show running-config'], req({ enable_mode: true }), ctx());
      expect(r).toHaveLength(2);
      expect(r[0].stdout).toMatch(/Cisco IOS/);
      expect(String(r[0].stdout)).not.toMatch(/show version|R1[#>]\s*$|--More--/);
      expect(r[1].stdout).toMatch(/hostname R1/);
      expect(r.every((x) => x.exit_status === 0)).toBe(true);
    } finally {
      await s.close();
    }
  });

  it('applies config line by line; the change shows in the running-config and a bad line skips the rest', async () => {
    const s = await sut.connect(args());
    try {
      const r = await s.config(['interface Loopback7', 'description set-by-netpulse', 'exit', 'bogus command here', 'hostname NEVER'], req(), ctx());
      expect(r.map((x) => x.exit_status)).toEqual([0, 0, 0, 1, 1]);
      expect(r[3].stderr).toMatch(/^Device reported configuration error: /);
      expect(r[4].stderr).toBe("Skipped due to previous error in execution of 'bogus command here'");
      expect(dev.runningConfig).toMatch(/interface Loopback7\n description set-by-netpulse/);
      expect(dev.runningConfig).not.toContain('NEVER');
      const show = await s.send(['show running-config'], req({ enable_mode: true }), ctx());
      expect(show[0].stdout).toContain('description set-by-netpulse');
    } finally {
      await s.close();
    }
  });

  it('enters enable mode with the secret and saves when asked', async () => {
    const s = await sut.connect(args());
    try {
      await s.config(['ip domain-name example.test'], req({ save: true, enable_mode: true }), ctx());
      expect(dev.startupConfig).toContain('ip domain-name example.test');
    } finally {
      await s.close();
    }
  });

  it('honours expect_string and strip options', async () => {
    const s = await sut.connect(args());
    try {
      const r = await s.send(['show clock'], req({}, { strip_prompt: false, strip_command: false }), ctx());
      expect(String(r[0].stdout).split('\n')[0]).toContain('show clock');
    } finally {
      await s.close();
    }
  });

  it('reports its prompt on test, and rejects bad args by field', async () => {
    expect(await sut.test(args())).toMatchObject({ driver: 'netmiko', host: dev.host, device_type: 'cisco_ios', prompt: expect.stringMatching(/^R1[#>]$/) });
    expect(() => sut.validate({ connection_args: { host: 'h', username: 'u', password: 'p', device_type: 'nokia_x' }, driver_args: null, extras: {} })).toThrow(DriverValidationError);
    expect(() => sut.validate({ connection_args: { host: 'h', username: 'u', password: 'p', device_type: 'cisco_ios', port: 'abc' }, driver_args: null, extras: {} })).toThrow(DriverValidationError);
  });

  it('re-finds the prompt and keeps working on a reused session (probe included)', async () => {
    const s = (await sut.connect(args())) as NetmikoSession;
    try {
      await s.send(['show version'], req(), ctx());
      expect(await s.probe()).toBe(true);
      const r = await s.send(['show clock'], req(), ctx());
      expect(r[0].exit_status).toBe(0);
    } finally {
      await s.close();
    }
  });
});
