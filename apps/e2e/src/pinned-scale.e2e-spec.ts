import type { JobInResponse } from '@netpulse/contracts';
import { DeviceFleet, startFleet } from '@netpulse/device-sim';
import { TestSystem, readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';

describe('pinning 1,000 devices at once through two controllers onto three nodes', () => {
  const DEVICES = 1000;
  let sys: TestSystem;
  let fleet: DeviceFleet;

  beforeAll(async () => {
    fleet = await startFleet({ count: DEVICES, platform: 'cisco_ios', firstHost: '127.0.62.1', port: 0 });
    sys = await TestSystem.start({ controllers: 2, fifoWorkers: 0, nodeWorkers: 3, env: { NETPULSE_WORKER__PINNED_PER_NODE: '400', NETPULSE_LOG__LEVEL: 'warning' } });
  }, 120_000);
  afterAll(async () => {
    await sys?.stop();
    await fleet?.stop();
  });

  it('never exceeds capacity, never pins a host twice, and finishes every job', async () => {
    const ids: string[] = [];
    const devices = fleet.devices;
    let next = 0;
    const submitter = async (): Promise<void> => {
      while (next < devices.length) {
        const i = next++;
        const d = devices[i];
        const api = sys.apis[i % sys.apis.length];
        const res = await api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: { device_type: 'cisco_ios', host: d.host, port: d.port, username: 'admin', password: 'admin' }, command: 'show clock' });
        if (res.status !== 201) throw new Error(`submit ${d.host}: ${res.status} ${res.text}`);
        ids.push(res.body.id);
      }
    };
    await Promise.all(Array.from({ length: 32 }, submitter));
    for (const id of ids) {
      const j = await sys.api.waitForJob<JobInResponse>(id, 120_000);
      expect(j.status).toBe('finished');
      expect(j.result?.retval?.[0].exit_status).toBe(0);
    }

    const env = readTestEnv();
    const redis = new Redis({ host: env.redisHost, port: env.redisPort });
    try {
      const map = await redis.hgetall(`${sys.namespace}:host_to_node_map`);
      const info = Object.values(await redis.hgetall(`${sys.namespace}:node_info_map`)).map((v) => JSON.parse(v) as { hostname: string; count: number; capacity: number });
      const perNode = new Map<string, number>();
      for (const node of Object.values(map)) perNode.set(node, (perNode.get(node) ?? 0) + 1);
      expect(Object.keys(map)).toHaveLength(DEVICES);
      expect(info).toHaveLength(3);
      for (const n of info) {
        expect(n.count).toBeLessThanOrEqual(n.capacity);
        expect(n.count).toBe(perNode.get(n.hostname) ?? 0);
      }
    } finally {
      redis.disconnect();
    }
    expect(devices.every((d) => d.counters.logins === 1)).toBe(true);
  }, 240_000);
});
