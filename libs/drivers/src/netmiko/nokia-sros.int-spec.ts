import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import { NetmikoDriver } from './netmiko.driver';
import type { NetmikoSession } from './netmiko.session';

describe('NetmikoDriver on a simulated Nokia SR OS (classic CLI)', () => {
  const sut = new NetmikoDriver();
  let dev: SimulatedDevice;
  const args = (): Record<string, unknown> => ({ device_type: 'nokia_sros', host: dev.host, port: dev.port, username: 'admin', password: 'admin' });
  const ctx = (): ExecContext => ({ jobId: 'j', signal: new AbortController().signal, maxOutputBytes: 1 << 20 });
  const req = (extras: Record<string, unknown> = {}): DriverRequest => ({ connection_args: args(), driver_args: null, extras });

  beforeAll(async () => {
    dev = await startDevice({ platform: 'nokia_sros', host: '127.18.3.1', port: 0, hostname: 'PE1' });
  });
  afterAll(async () => {
    await dev?.stop();
  });

  it("flags a MINOR: refusal, skips the rest, and follows the prompt's unsaved-changes star until admin save", async () => {
    const s = (await sut.connect(args())) as NetmikoSession;
    try {
      expect(s.currentPrompt).toBe('A:PE1#');
      const bad = await s.config(['router interface "lo7"', 'address 10.0.0.1/33', 'description "NEVER"'], req(), ctx());
      expect(bad.map((r) => r.exit_status)).toEqual([0, 1, 1]);
      expect(bad[1].stderr).toBe('Device reported configuration error: MINOR: CLI Invalid IP prefix "10.0.0.1/33".');
      expect(dev.runningConfig).toContain('interface "lo7"');
      expect(dev.runningConfig).not.toContain('NEVER');
      // Unsaved changes: the prompt now starts with `*`, and the session still knows it as its own.
      expect(s.currentPrompt).toBe('*A:PE1#');
      const ok = await s.config(['router interface "lo7" address 10.0.0.1/32'], req({ save: true }), ctx());
      expect(ok[0].exit_status).toBe(0);
      expect(dev.startupConfig).toContain('address 10.0.0.1/32');
      expect(s.currentPrompt).toBe('A:PE1#');
      const show = await s.send(['show router interface'], req(), ctx());
      expect(show[0].stdout).toContain('lo7');
    } finally {
      await s.close();
    }
  });
});
