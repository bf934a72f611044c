import type { JobInResponse } from '@netpulse/contracts';
import { DeviceFleet, SimulatedDevice, startDevice, startFleet } from '@netpulse/device-sim';
import { TestSystem, readTestEnv } from '@netpulse/testing';

interface BulkResponse {
  succeeded: JobInResponse[];
  failed: { host: string | null; reason: string }[];
}

describe('POST /device/bulk and Idempotency-Key', () => {
  const env = readTestEnv();
  let sys: TestSystem;
  const devices: SimulatedDevice[] = [];

  beforeAll(async () => {
    for (let i = 1; i <= 3; i++) devices.push(await startDevice({ platform: 'cisco_ios', host: `127.0.65.${i}`, port: 0 }));
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
    await Promise.all(devices.map((d) => d.stop()));
  });

  it('merges device keys over the base, lets a device replace the payload, and fails only the bad devices', async () => {
    const res = await sys.api.post<BulkResponse>('/device/bulk', {
      driver: 'netmiko',
      connection_args: { device_type: 'cisco_ios', username: 'admin', password: 'admin', site: 'lab' },
      command: 'show clock',
      devices: [
        { host: devices[0].host, port: devices[0].port },
        { host: devices[1].host, port: devices[1].port, command: 'show version' },
        { host: devices[2].host, port: devices[2].port, config: ['hostname BULK3'] },
        { port: 22 },
        { host: '127.0.65.9', port: 'not-a-port' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.succeeded).toHaveLength(3);
    expect(res.body.succeeded.every((j) => j.status === 'queued' && j.queue?.startsWith('HostQ_'))).toBe(true);
    expect(res.body.succeeded.map((j) => j.command)).toEqual([['show clock'], ['show version'], ['hostname BULK3']]);
    expect(res.body.failed).toEqual([
      { host: null, reason: "'host' is required for each device" },
      { host: '127.0.65.9', reason: expect.stringContaining('connection_args.port') },
    ]);
    const jobs = await Promise.all(res.body.succeeded.map((j) => sys.api.waitForJob<JobInResponse>(j.id)));
    expect(jobs.every((j) => j.status === 'finished' && j.result?.retval?.every((r) => r.exit_status === 0))).toBe(true);
    expect(devices[2].runningConfig).toContain('hostname BULK3');
  });

  it('answers an empty device list with empty results, and a bad device entry with a 422 list', async () => {
    const base = { driver: 'paramiko', connection_args: { username: 'u', password: 'p' }, command: 'uname' };
    expect((await sys.api.post('/device/bulk', { ...base, devices: [] })).body).toEqual({ succeeded: [], failed: [] });
    const bad = await sys.api.post<{ detail: { msg: string; loc: unknown[] }[] }>('/device/bulk', { ...base, devices: [{ host: '127.0.0.1', command: 'a', config: 'b' }] });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0]).toMatchObject({ loc: ['body', 'devices', 0], msg: expect.stringContaining("cannot specify more than one of 'command', 'config', or 'file_transfer'") });
    const missing = await sys.api.post<{ detail: unknown[] }>('/device/bulk', base);
    expect(missing.status).toBe(422);
    expect(Array.isArray(missing.body.detail)).toBe(true);
  });

  it('uses the FIFO queue for paramiko devices', async () => {
    const res = await sys.api.post<BulkResponse>('/device/bulk', {
      driver: 'paramiko',
      connection_args: { username: env.sshUser, password: env.sshPassword, port: env.sshPort },
      command: 'echo bulk',
      devices: [{ host: env.sshHost }, { host: env.sshHost, command: 'echo two' }],
    });
    expect(res.body.succeeded.map((j) => j.queue)).toEqual(['FifoQ', 'FifoQ']);
    const jobs = await Promise.all(res.body.succeeded.map((j) => sys.api.waitForJob<JobInResponse>(j.id)));
    expect(jobs.map((j) => j.result?.retval?.[0].stdout)).toEqual(['bulk\n', 'two\n']);
  });

  it('returns the same job for a retried request with the same Idempotency-Key', async () => {
    const body = { driver: 'paramiko', connection_args: { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword }, command: 'echo once' };
    const headers = { 'Idempotency-Key': `k-${Date.now()}` };
    const first = await sys.api.request<JobInResponse>('POST', '/device/exec', body, { headers });
    const again = await sys.api.request<JobInResponse>('POST', '/device/exec', body, { headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const other = await sys.api.request('POST', '/device/exec', { ...body, command: 'echo different' }, { headers });
    expect(other.status).toBe(422);
    const fifo = (await sys.api.get<JobInResponse[]>('/jobs?queue=FifoQ')).body.filter((j) => j.command?.[0] === 'echo once');
    expect(fifo).toHaveLength(1);
  });

  it('runs 50 devices: two per-device overrides and one device without host (49 finished, 1 failed)', async () => {
    const fleet: DeviceFleet = await startFleet({ count: 49, platform: 'cisco_ios', firstHost: '127.0.71.1', port: 0 });
    try {
      const devices = fleet.devices.map((d, i) => {
        if (i === 3) return { host: d.host, port: d.port, command: 'show clock' };
        if (i === 7) return { host: d.host, port: d.port, config: ['hostname BULK-SEVEN'] };
        return { host: d.host, port: d.port };
      });
      devices.splice(20, 0, { port: 22 } as { host: string; port: number });
      const res = await sys.api.post<BulkResponse>('/device/bulk', { driver: 'netmiko', connection_args: { device_type: 'cisco_ios', username: 'admin', password: 'admin' }, command: 'show version', devices });
      expect(res.status).toBe(201);
      expect(res.body.failed).toEqual([{ host: null, reason: "'host' is required for each device" }]);
      expect(res.body.succeeded).toHaveLength(49);
      const jobs = await Promise.all(res.body.succeeded.map((j) => sys.api.waitForJob<JobInResponse>(j.id, 60_000)));
      expect(jobs.every((j) => j.status === 'finished' && j.result?.retval?.every((r) => r.exit_status === 0))).toBe(true);
      const byHost = new Map(jobs.map((j) => [j.device_name, j]));
      expect(byHost.get(fleet.devices[3].host)?.result?.retval?.[0].stdout).not.toContain('Cisco IOS Software');
      expect(byHost.get(fleet.devices[0].host)?.result?.retval?.[0].stdout).toContain('Cisco IOS Software');
      expect(fleet.devices[7].runningConfig).toContain('hostname BULK-SEVEN');
    } finally {
      await fleet.stop();
    }
  }, 90_000);
});
