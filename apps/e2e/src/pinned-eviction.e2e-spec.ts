import type { JobInResponse, WorkerInResponse } from '@netpulse/contracts';
import { DeviceFleet, SimulatedDevice, startDevice, startFleet } from '@netpulse/device-sim';
import { TestSystem, freePort, parseExposition, waitUntil } from '@netpulse/testing';
import { setTimeout as sleep } from 'node:timers/promises';

interface BulkResponse {
  succeeded: JobInResponse[];
  failed: { host: string | null; reason: string }[];
}

/**
 * Capacity pressure: a bulk request fills all pinned capacity with idle sessions; a legitimate job for
 * a new device then takes the pin of the least recently used idle device instead of getting 503, and
 * a device with work queued keeps its pin.
 */
describe('pinned capacity under pressure: idle pins are evicted, least recently used first', () => {
  let sys: TestSystem;
  let fleet: DeviceFleet;
  let slow: SimulatedDevice;
  let metricsPort = 0;

  beforeAll(async () => {
    fleet = await startFleet({ platform: 'cisco_ios', count: 3, firstHost: '127.16.20.1', port: 0 });
    slow = await startDevice({ platform: 'cisco_ios', host: '127.16.20.10', port: 0, hangOnCommand: 'show tech-support' });
    sys = await TestSystem.start({
      fifoWorkers: 0,
      nodeWorkers: 0,
      env: { NETPULSE_WORKER__PINNED_PER_NODE: '3', NETPULSE_WORKER__PINNED_IDLE_TIMEOUT: '600', NETPULSE_WORKER__PINNED_EVICT_MIN_IDLE: '1' },
    });
    metricsPort = await freePort();
    sys.spawn('node-worker', { NETPULSE_METRICS__PORT: String(metricsPort) });
    await sys.waitReady();
  });
  afterAll(async () => {
    await sys?.stop();
    await fleet?.stop();
    await slow?.stop();
  });

  const conn = (d: SimulatedDevice) => ({ device_type: 'cisco_ios', host: d.host, port: d.port, username: 'admin', password: 'admin' });
  const pinnedHosts = async (): Promise<string[]> =>
    (await sys.api.get<WorkerInResponse[]>('/workers')).body.filter((w) => w.name.includes('_HostQ_')).map((w) => w.name.split('_HostQ_')[1]).sort();

  it('places a new device by evicting the least recently used idle pin, never one with queued or running work', async () => {
    const [d1, d2, d3] = fleet.devices;
    // A bulk pins two devices; their sessions stay open and idle (pinned_idle_timeout 600 s).
    const bulk = await sys.api.post<BulkResponse>('/device/bulk', { driver: 'netmiko', connection_args: { device_type: 'cisco_ios', username: 'admin', password: 'admin' }, command: 'show clock', devices: [d1, d2].map((d) => ({ host: d.host, port: d.port })) });
    expect(bulk.status).toBe(201);
    expect(bulk.body.failed).toEqual([]);
    for (const j of bulk.body.succeeded) expect((await sys.api.waitForJob(j.id, 30_000)).status).toBe('finished');

    // The third pin: a device running a job that hangs, with a second job queued behind it.
    const hung = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(slow), command: 'show tech-support', execution_timeout: 10 });
    const queued = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(slow), command: 'show clock' });
    expect([hung.status, queued.status]).toEqual([201, 201]);
    await waitUntil('the hanging job started', async () => (await sys.api.get<JobInResponse>(`/jobs/${hung.body.id}`)).body.status === 'started', { timeoutMs: 15_000, intervalMs: 100 });

    // d2 used again: d1 is now the least recently used idle device.
    const again = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(d2), command: 'show clock' });
    expect((await sys.api.waitForJob(again.body.id, 30_000)).status).toBe('finished');
    expect(await pinnedHosts()).toEqual([d1.host, d2.host, slow.host].sort());
    await sleep(1300); // past worker.pinned_evict_min_idle

    // The node is full; a legitimate config job for a new device is placed (it got 503 before).
    const cfg = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(d3), config: ['interface Loopback3', 'description evicted-for-me'] });
    expect(cfg.status).toBe(201);
    const done = await sys.api.waitForJob<JobInResponse>(cfg.body.id, 30_000);
    expect(done.status).toBe('finished');
    expect(d3.runningConfig).toContain('description evicted-for-me');

    // d1 (idle, least recently used) went; the busy device with queued work kept its pin and worker.
    await waitUntil('the evicted worker is gone', async () => !(await pinnedHosts()).includes(d1.host), { timeoutMs: 15_000, intervalMs: 100 });
    expect(await pinnedHosts()).toEqual([d2.host, d3.host, slow.host].sort());
    expect((await sys.api.get<JobInResponse>(`/jobs/${queued.body.id}`)).body.status).toBe('queued');
    const metrics = parseExposition(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text());
    expect(metrics.filter((m) => m.name === 'netpulse_pinned_evictions_total').reduce((a, m) => a + m.value, 0)).toBe(1);
    expect(sys.logs()).toContain('idle pinned worker evicted for a new device (every node full)');

    // The queued job still runs on the device's own pinned worker once the hanging one ends.
    const ran = await sys.api.waitForJob<JobInResponse>(queued.body.id, 40_000);
    expect(ran.status).toBe('finished');
    expect(ran.worker).toContain(`_HostQ_${slow.host}`);

    // The evicted device comes back on its next job (taking another idle pin).
    await sleep(1300);
    const back = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(d1), command: 'show clock' });
    expect(back.status).toBe(201);
    expect((await sys.api.waitForJob(back.body.id, 30_000)).status).toBe('finished');
  });
});
