import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';
import { resolve } from 'node:path';

describe('plugins from plugin.packages, and the pyeapi driver on both queues', () => {
  let sys: TestSystem;
  let eos: SimulatedDevice;
  const plugin = resolve(__dirname, '..', '..', '..', 'examples', 'plugin-dummy-driver');

  beforeAll(async () => {
    eos = await startDevice({ platform: 'arista_eos', host: '127.0.69.1', port: 0, hostname: 'EOS1', eapi: { httpPort: 0 } });
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1, env: { NETPULSE_PLUGIN__PACKAGES: JSON.stringify([plugin]) } });
  });
  afterAll(async () => {
    await sys?.stop();
    await eos?.stop();
  });

  const eapi = () => ({ transport: 'http', host: eos.host, port: eos.eapi?.httpPort, username: 'admin', password: 'admin' });

  it('runs a job through a third-party driver loaded at start by every app', async () => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'dummy', connection_args: { host: '127.0.69.9' }, command: ['hello', 'world'] });
    expect(res.status).toBe(201);
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
    expect(job.result?.retval?.map((r) => r.stdout)).toEqual(['hello\n', 'world\n']);
    const unknown = await sys.api.post<{ detail: string }>('/device/exec', { driver: 'nope', connection_args: { host: '127.0.0.1' }, command: 'x' });
    expect(unknown.body.detail).toContain("'dummy'");
  });

  it.each(['fifo', 'pinned'])('runs eAPI show (JSON) and config on the %s queue; the change shows over the CLI', async (queue_strategy) => {
    const show = await sys.api.post<JobInResponse>('/device/exec', { driver: 'pyeapi', queue_strategy, connection_args: eapi(), command: ['show version', 'show hostname'] });
    const job = await sys.api.waitForJob<JobInResponse>(show.body.id);
    expect(job.status).toBe('finished');
    expect(job.result?.retval?.[0].exit_status).toBe(0);
    expect(typeof job.result?.retval?.[0].stdout).toBe('object');
    const desc = `eapi-${queue_strategy}`;
    const cfg = await sys.api.post<JobInResponse>('/device/exec', { driver: 'pyeapi', queue_strategy, connection_args: eapi(), config: ['interface Loopback3', `description ${desc}`] });
    const cfgJob = await sys.api.waitForJob<JobInResponse>(cfg.body.id);
    expect(cfgJob.result?.retval?.[0].exit_status).toBe(0);
    expect(eos.runningConfig).toContain(`description ${desc}`);
    // The same change, read back over SSH with the netmiko driver.
    const cli = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: { device_type: 'arista_eos', host: eos.host, port: eos.port, username: 'admin', password: 'admin', secret: 'admin' }, command: 'show running-config', enable_mode: true });
    expect((await sys.api.waitForJob<JobInResponse>(cli.body.id)).result?.retval?.[0].stdout).toContain(`description ${desc}`);
  });

  it('reports eAPI errors as exit_status 1 with the device message, and /device/test really calls the device', async () => {
    const bad = await sys.api.post<JobInResponse>('/device/exec', { driver: 'pyeapi', connection_args: eapi(), command: ['show version', 'show frobnicator'] });
    const job = await sys.api.waitForJob<JobInResponse>(bad.body.id);
    expect(job.result?.retval?.[1]).toMatchObject({ exit_status: 1, stderr: expect.stringContaining('show frobnicator') });
    const test = await sys.api.post<{ success: boolean; result: Record<string, unknown> }>('/device/test', { driver: 'pyeapi', connection_args: eapi() });
    expect(test.body.success).toBe(true);
    expect(test.body.result).toMatchObject({ driver: 'pyeapi', host: eos.host, transport: 'http' });
    const down = await sys.api.post<{ success: boolean; error: string }>('/device/test', { driver: 'pyeapi', connection_args: { ...eapi(), port: 1 } });
    expect(down.body.success).toBe(false);
  });
});
