import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';

describe('device protection (FIFO path)', () => {
  let sys: TestSystem;
  const devices: SimulatedDevice[] = [];
  const exec = async (connection_args: Record<string, unknown>, command = 'show clock'): Promise<JobInResponse> => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', queue_strategy: 'fifo', connection_args: { device_type: 'cisco_ios', username: 'admin', password: 'admin', ...connection_args }, command });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    sys = await TestSystem.start({
      fifoWorkers: 2,
      env: { NETPULSE_WORKER__FIFO_CONCURRENCY: '8', NETPULSE_WORKER__FIFO_PER_DEVICE_LIMIT: '2', NETPULSE_PROTECTION__BREAKER_FAILURES: '3', NETPULSE_PROTECTION__AUTH_FAILURES: '2' },
    });
  });
  afterAll(async () => {
    await sys?.stop();
    await Promise.all(devices.map((d) => d.stop()));
  });

  it('never opens more than fifo_per_device_limit sessions on one device across FIFO workers', async () => {
    // The device refuses a third concurrent session: any job beyond the cap would fail.
    const dev = await startDevice({ platform: 'cisco_ios', host: '127.0.66.1', port: 0, maxSessions: 2, latencyMs: 300 });
    devices.push(dev);
    const jobs = await Promise.all(Array.from({ length: 8 }, () => exec({ host: dev.host, port: dev.port })));
    const done = await Promise.all(jobs.map((j) => sys.api.waitForJob<JobInResponse>(j.id, 30_000)));
    expect(done.map((j) => j.result?.retval?.[0].exit_status)).toEqual(Array(8).fill(0));
    expect(dev.counters.sessionsRejected).toBe(0);
    expect(dev.counters.logins).toBe(8);
  });

  it('opens the circuit after repeated connection failures and fails fast with a clear reason', async () => {
    const closed = { host: '127.0.0.1', port: 1 };
    for (let i = 0; i < 3; i++) {
      const j = await sys.api.waitForJob<JobInResponse>((await exec(closed)).id);
      expect(j.result?.retval?.[0].stderr).toBe('Connection refused by 127.0.0.1:1');
    }
    const fast = await sys.api.waitForJob<JobInResponse>((await exec(closed)).id);
    expect(fast.status).toBe('finished');
    expect(fast.result?.retval?.[0]).toMatchObject({ exit_status: 1, stderr: expect.stringMatching(/^Circuit open for 127\.0\.0\.1:1 after 3 consecutive connection failures/) });
  });

  it('stops trying a password the device keeps refusing, so the account is not locked', async () => {
    const dev = await startDevice({ platform: 'cisco_ios', host: '127.0.66.2', port: 0 });
    devices.push(dev);
    const wrong = { host: dev.host, port: dev.port, password: 'wrong-one' };
    for (let i = 0; i < 2; i++) await sys.api.waitForJob<JobInResponse>((await exec(wrong)).id);
    const guarded = await sys.api.waitForJob<JobInResponse>((await exec(wrong)).id);
    expect(guarded.result?.retval?.[0].stderr).toMatch(/^Authentication lockout guard: 2 failed logins for admin@127\.0\.66\.2:\d+ within 300s/);
    expect(dev.counters.authFailures).toBe(2);
    expect(JSON.stringify(guarded)).not.toContain('wrong-one');
  });
});
