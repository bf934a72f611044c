import type { JobInResponse, SystemStatsResponse, WorkerInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem, waitUntil } from '@netpulse/testing';
import { setTimeout as sleep } from 'node:timers/promises';

describe('pinned workers (netmiko on the simulator, two node workers)', () => {
  let sys: TestSystem;
  const devices: SimulatedDevice[] = [];
  const conn = (d: SimulatedDevice) => ({ device_type: 'cisco_ios', host: d.host, port: d.port, username: 'admin', password: 'admin', secret: 'admin' });

  beforeAll(async () => {
    for (let i = 1; i <= 3; i++) devices.push(await startDevice({ platform: 'cisco_ios', host: `127.0.60.${i}`, port: 0, hostname: `SW${i}` }));
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 2 });
  });
  afterAll(async () => {
    await sys?.stop();
    await Promise.all(devices.map((d) => d.stop()));
  });

  it('runs 200 config jobs for one device in submission order on one session', async () => {
    const [dev] = devices;
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(dev), config: ['interface Loopback1', `description seq-${i}`] });
      expect(res.status).toBe(201);
      expect(res.body.queue).toBe(`HostQ_${dev.host}`);
      ids.push(res.body.id);
    }
    const jobs: JobInResponse[] = [];
    for (const id of ids) jobs.push(await sys.api.waitForJob<JobInResponse>(id, 60_000));

    expect(jobs.every((j) => j.status === 'finished' && j.result?.retval?.every((r) => r.exit_status === 0))).toBe(true);
    const starts = jobs.map((j) => Date.parse(j.started_at ?? ''));
    const ends = jobs.map((j) => Date.parse(j.ended_at ?? ''));
    for (let i = 1; i < jobs.length; i++) expect(starts[i]).toBeGreaterThanOrEqual(ends[i - 1]);
    expect(dev.runningConfig).toContain('description seq-199');
    expect(dev.counters.logins).toBe(1);
    expect(jobs[0].result?.retval?.[0].metadata.session_reused).toBe(false);
    expect(jobs.slice(1).every((j) => j.result?.retval?.[0].metadata.session_reused === true)).toBe(true);
    expect(new Set(jobs.map((j) => j.worker)).size).toBe(1);
    expect(jobs[0].worker).toMatch(new RegExp(`_HostQ_${dev.host.replace(/\./g, '\\.')}$`));
  });

  it('runs other devices in parallel: a slow device does not hold up another one', async () => {
    const slow = await startDevice({ platform: 'cisco_ios', host: '127.0.60.8', port: 0, latencyMs: 3000 });
    devices.push(slow);
    const slowJob = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(slow), command: 'show version' });
    await waitUntil('the slow job is started', async () => (await sys.api.get<JobInResponse>(`/jobs/${slowJob.body.id}`)).body.status === 'started', { timeoutMs: 5000, intervalMs: 50 });
    const fast = await sys.api.waitForJob<JobInResponse>((await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(devices[1]), command: 'show version' })).body.id);
    expect(fast.result?.retval?.[0].stdout).toContain('Cisco IOS');
    expect((await sys.api.get<JobInResponse>(`/jobs/${slowJob.body.id}`)).body.status).toBe('started');
    expect((await sys.api.waitForJob<JobInResponse>(slowJob.body.id, 30_000)).status).toBe('finished');
  });

  it('lists pinned workers with their queues and counts them in /system/stats', async () => {
    const host = devices[0].host;
    const pinned = (await sys.api.get<WorkerInResponse[]>(`/workers?host=${host}`)).body;
    expect(pinned).toHaveLength(1);
    expect(pinned[0]).toMatchObject({ queues: [`HostQ_${host}`], successful_job_count: 200 });
    const stats = (await sys.api.get<SystemStatsResponse>('/system/stats')).body;
    expect(stats.workers.pinned).toBeGreaterThanOrEqual(2);
    expect(stats.nodes).toEqual({ active: 2, total_capacity: 2048 });
  });

  it('unpins a pinned worker with DELETE /workers/{name}; the next job pins it again with a new session', async () => {
    const dev = devices[0];
    const [w] = (await sys.api.get<WorkerInResponse[]>(`/workers?host=${dev.host}`)).body;
    expect((await sys.api.delete(`/workers/${w.name}`)).body).toEqual({ name: w.name });
    await waitUntil('the pinned worker of the device is gone', async () => !((await sys.api.get<WorkerInResponse[]>(`/workers?host=${dev.host}`)).body.length > 0), { timeoutMs: 5000, intervalMs: 100 });
    expect((await sys.api.get<WorkerInResponse[]>(`/workers?host=${dev.host}`)).body).toEqual([]);
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(dev), command: 'show clock' });
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
    expect(job.result?.retval?.[0]).toMatchObject({ exit_status: 0, metadata: expect.objectContaining({ session_reused: false }) });
    expect(dev.counters.logins).toBe(2);
  });

  it('stops a running pinned job; the device keeps serving the next one', async () => {
    const dev = await startDevice({ platform: 'cisco_ios', host: '127.0.60.9', port: 0, hangOnCommand: 'show tech-support' });
    devices.push(dev);
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(dev), command: ['show clock', 'show tech-support', 'show version'] });
    await waitUntil('the job is started', async () => (await sys.api.get<JobInResponse>(`/jobs/${res.body.id}`)).body.status === 'started', { timeoutMs: 5000, intervalMs: 50 });
    await sleep(300);
    expect((await sys.api.delete(`/jobs/${res.body.id}`)).status).toBe(200);
    const stopped = await sys.api.waitForJob<JobInResponse>(res.body.id, 15_000);
    expect(stopped.status).toBe('stopped');
    expect(stopped.result?.type).toBe(3);
    expect(stopped.result?.retval?.[0]).toMatchObject({ command: 'show clock', exit_status: 0 });
    const next = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(dev), command: 'show clock' });
    expect((await sys.api.waitForJob<JobInResponse>(next.body.id)).result?.retval?.[0].exit_status).toBe(0);
  });
});
