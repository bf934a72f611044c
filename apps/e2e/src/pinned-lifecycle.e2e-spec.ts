import type { JobInResponse, SystemStatsResponse, WorkerInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem, waitUntil } from '@netpulse/testing';

describe('pinned worker lifecycle: idle reaping and graceful drain', () => {
  let sys: TestSystem;
  const devices: SimulatedDevice[] = [];
  const conn = (d: SimulatedDevice) => ({ device_type: 'cisco_ios', host: d.host, port: d.port, username: 'admin', password: 'admin' });

  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 0, nodeWorkers: 1, env: { NETPULSE_WORKER__PINNED_IDLE_TIMEOUT: '1' } });
  });
  afterAll(async () => {
    await sys?.stop();
    await Promise.all(devices.map((d) => d.stop()));
  });

  it('reaps an idle pinned worker: session closed, pin and capacity released', async () => {
    const dev = await startDevice({ platform: 'cisco_ios', host: '127.0.63.1', port: 0 });
    devices.push(dev);
    const job = await sys.api.waitForJob<JobInResponse>((await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(dev), command: 'show clock' })).body.id);
    expect(job.status).toBe('finished');
    await waitUntil('the idle pinned worker is reaped', async () => (await sys.api.get<WorkerInResponse[]>(`/workers?host=${dev.host}`)).body.length === 0, { timeoutMs: 6000, intervalMs: 100 });
    expect(dev.counters.sessionsOpen).toBe(0);
    const stats = (await sys.api.get<SystemStatsResponse>('/system/stats')).body;
    expect(stats.workers.pinned).toBe(0);
  });

  it('drains on SIGTERM: the running job finishes, then the node leaves and frees its devices', async () => {
    const dev = await startDevice({ platform: 'cisco_ios', host: '127.0.63.2', port: 0, latencyMs: 1500 });
    devices.push(dev);
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(dev), command: 'show version' });
    await waitUntil('the job is started', async () => (await sys.api.get<JobInResponse>(`/jobs/${res.body.id}`)).body.status === 'started', { timeoutMs: 5000, intervalMs: 50 });
    const node = sys.apps.find((a) => a.opts.role === 'node-worker');
    await node?.stop('SIGTERM', 15_000);
    const job = (await sys.api.get<JobInResponse>(`/jobs/${res.body.id}`)).body;
    expect(job.status).toBe('finished');
    expect(job.result?.retval?.[0].stdout).toContain('Cisco IOS');
    expect(node?.child?.exitCode).toBe(0);
    const stats = (await sys.api.get<SystemStatsResponse>('/system/stats')).body;
    expect(stats.nodes.active).toBe(0);
    expect(dev.counters.sessionsOpen).toBe(0);
    const refused = await sys.api.post('/device/exec', { driver: 'netmiko', connection_args: conn(dev), command: 'show clock' });
    expect(refused.status).toBe(503);
    expect(refused.body).toEqual({ detail: 'No available node to run the job' });
  });
});
