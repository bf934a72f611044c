import type { JobInResponse, WorkerInResponse } from '@netpulse/contracts';
import { DeviceFleet, startFleet } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';

interface BulkResponse {
  succeeded: JobInResponse[];
  failed: { host: string | null; reason: string }[];
}

/** A bulk request is validated whole, placed in one step within node capacity, and written in batches. */
describe('bulk admission in batches', () => {
  let sys: TestSystem;
  let fleet: DeviceFleet;

  beforeAll(async () => {
    fleet = await startFleet({ platform: 'cisco_ios', count: 6, firstHost: '127.15.6.1', port: 0 });
    sys = await TestSystem.start({ fifoWorkers: 0, nodeWorkers: 2, env: { NETPULSE_WORKER__PINNED_PER_NODE: '2' } });
  });
  afterAll(async () => {
    await sys?.stop();
    await fleet?.stop();
  });

  it('places devices up to the nodes’ capacity, fails the rest by name, and keeps device order', async () => {
    const devices = fleet.devices.map((d) => ({ host: d.host, port: d.port }));
    const res = await sys.api.post<BulkResponse>('/device/bulk', {
      driver: 'netmiko',
      connection_args: { device_type: 'cisco_ios', username: 'admin', password: 'admin' },
      command: 'show clock',
      devices: [devices[0], { port: 22 }, devices[1], devices[0], devices[2], devices[3], devices[4], { host: '127.15.6.9', port: 'x' }, devices[5]],
    });
    expect(res.status).toBe(201);
    // Two nodes × 2 pins: the first four distinct devices fit (device 0 twice: one pin, two jobs).
    expect(res.body.succeeded.map((j) => j.device_name)).toEqual([devices[0].host, devices[1].host, devices[0].host, devices[2].host, devices[3].host]);
    expect(res.body.failed).toEqual([
      { host: null, reason: "'host' is required for each device" },
      { host: devices[4].host, reason: 'No capacity on nodes' },
      { host: '127.15.6.9', reason: expect.stringContaining('connection_args.port') },
      { host: devices[5].host, reason: 'No capacity on nodes' },
    ]);
    const jobs = await Promise.all(res.body.succeeded.map((j) => sys.api.waitForJob<JobInResponse>(j.id, 30_000)));
    expect(jobs.every((j) => j.status === 'finished' && j.result?.retval?.[0].exit_status === 0)).toBe(true);
    // Capacity was honoured on every node: at most two pinned workers each.
    const workers = (await sys.api.get<WorkerInResponse[]>('/workers')).body.filter((w) => w.name.includes('_HostQ_'));
    const perNode = new Map<string, number>();
    for (const w of workers) perNode.set(w.name.split('_HostQ_')[0], (perNode.get(w.name.split('_HostQ_')[0]) ?? 0) + 1);
    expect(workers).toHaveLength(4);
    expect([...perNode.values()].every((n) => n <= 2)).toBe(true);
  });

  it('sends the jobs of one device to its pinned worker in request order', async () => {
    const d = fleet.devices[0];
    const res = await sys.api.post<BulkResponse>('/device/bulk', {
      driver: 'netmiko',
      connection_args: { device_type: 'cisco_ios', username: 'admin', password: 'admin' },
      config: ['interface Loopback7'],
      devices: Array.from({ length: 20 }, (_, i) => ({ host: d.host, port: d.port, config: ['interface Loopback7', `description bulk-${i}`] })),
    });
    expect(res.body.succeeded).toHaveLength(20);
    const jobs = await Promise.all(res.body.succeeded.map((j) => sys.api.waitForJob<JobInResponse>(j.id, 30_000)));
    const starts = jobs.map((j) => Date.parse(j.started_at ?? ''));
    for (let i = 1; i < jobs.length; i++) expect(starts[i]).toBeGreaterThanOrEqual(Date.parse(jobs[i - 1].ended_at ?? ''));
    expect(d.runningConfig).toContain('description bulk-19');
  });
});
