import { BigOutputSource, SimulatedDevice, startDevice } from '@netpulse/device-sim';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import { NetmikoDriver } from './netmiko.driver';

/** The netmiko driver against misbehaving devices: every fault ends with a clear error, never a hang. */
describe('NetmikoDriver under device faults', () => {
  const sut = new NetmikoDriver();
  const devices: SimulatedDevice[] = [];
  let n = 0;
  const device = async (opts: Parameters<typeof startDevice>[0]): Promise<SimulatedDevice> => {
    const d = await startDevice({ platform: 'cisco_ios', host: `127.0.41.${++n}`, port: 0, ...opts });
    devices.push(d);
    return d;
  };
  const args = (d: SimulatedDevice, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ device_type: 'cisco_ios', host: d.host, port: d.port, username: 'admin', password: 'admin', timeout: 5, ...extra });
  const ctx = (signal = new AbortController().signal): ExecContext => ({ jobId: 'j', signal, maxOutputBytes: 64 << 20 });
  const req = (driver_args: Record<string, unknown> | null = null): DriverRequest => ({ connection_args: {}, driver_args, extras: {} });

  afterAll(async () => {
    await Promise.all(devices.map((d) => d.stop()));
  });

  it('reads a 10 MB output intact', async () => {
    const d = await device({});
    const s = await sut.connect(args(d));
    try {
      const r = await s.send(['show bigoutput 10000000'], req({ read_timeout: 60 }), ctx());
      expect(String(r[0].stdout).replace(/\n$/, '')).toBe(BigOutputSource.text(10_000_000).replace(/\r\n/g, '\n').replace(/\n$/, ''));
    } finally {
      await s.close();
    }
  }, 60_000);

  it('times out a command that hangs, naming what it waited for, and keeps earlier results', async () => {
    const d = await device({ hangOnCommand: 'show tech-support' });
    const s = await sut.connect(args(d));
    try {
      await expect(s.send(['show clock', 'show tech-support'], req({ read_timeout: 1 }), ctx())).rejects.toMatchObject({
        name: 'PartialResults',
        message: expect.stringMatching(/^Timed out after 1\.0s waiting for the prompt after 'show tech-support'/),
        results: [expect.objectContaining({ command: 'show clock', exit_status: 0 }), expect.objectContaining({ command: 'show tech-support', exit_status: 1 })],
      });
    } finally {
      await s.close();
    }
  });

  it('reports a session the device drops mid-command', async () => {
    const d = await device({ dropOnCommand: 'show logging' });
    const s = await sut.connect(args(d));
    await expect(s.send(['show logging'], req(), ctx())).rejects.toMatchObject({ message: expect.stringMatching(/closed the session/) });
    expect(s.isAlive()).toBe(false);
    await s.close();
  });

  it('stops a flooding command when the job is interrupted', async () => {
    const d = await device({ floodOnCommand: 'debug all' });
    const s = await sut.connect(args(d));
    const ac = new AbortController();
    setTimeout(() => ac.abort('timeout'), 500);
    await expect(s.send(['debug all'], req({ read_timeout: 30 }), ctx(ac.signal))).rejects.toMatchObject({ name: 'PartialResults' });
    await s.close();
  });

  it('fails to connect with a clear error to a device that never shows a prompt, or refuses the login', async () => {
    const silent = await device({ noPrompt: true });
    await expect(sut.connect(args(silent, { timeout: 2 }))).rejects.toThrow(/Timed out after \d+\.\ds waiting for the device prompt/);
    const locked = await device({ failAuth: true });
    await expect(sut.connect(args(locked))).rejects.toThrow(`Authentication failed for admin@${locked.host}:${locked.port}`);
  }, 60_000);
});
