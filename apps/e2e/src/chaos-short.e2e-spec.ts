import { JobAudit, LoadLoop, sleep } from '@netpulse/chaos';
import type { JobInResponse } from '@netpulse/contracts';
import { DeviceFleet, SimulatedDevice, startDevice, startFleet } from '@netpulse/device-sim';
import { TestSystem, freePort, readTestEnv } from '@netpulse/testing';
import { alive, fifoJob, leasedDeviceSlots, pinnedJob, runCounts, runningJobs, taggedCommand, waitUntil, workerNameOf } from './chaos/support/chaos.fixtures';

/**
 * The short form of the chaos suite (`npm run test:chaos` has the full one), for every `npm test`:
 * under a few seconds of load, a FIFO worker is killed with SIGKILL, a device hangs mid-command on
 * both paths and webhooks go to a refusing target. Every accepted job must end, readable, with a reason.
 */
describe('chaos (short form): kill -9 of a FIFO worker, a hanging device and a refusing webhook under load', () => {
  let sys: TestSystem;
  let fleet: DeviceFleet;
  let hanging: SimulatedDevice;
  const run = `cs${Date.now().toString(36)}`;

  beforeAll(async () => {
    fleet = await startFleet({ count: 3, firstHost: '127.0.199.1', port: 0, latencyMs: 250 });
    hanging = await startDevice({ platform: 'cisco_ios', host: '127.0.199.100', port: 0, hangOnCommand: 'show tech-support' });
    sys = await TestSystem.start({
      fifoWorkers: 2,
      nodeWorkers: 1,
      env: { NETPULSE_WORKER__FIFO_CONCURRENCY: '8', NETPULSE_WORKER__FIFO_PER_DEVICE_LIMIT: '8', NETPULSE_WORKER__HEARTBEAT_INTERVAL: '0.5', NETPULSE_WORKER__NODE_TTL: '3' },
    });
  });
  afterAll(async () => {
    await sys?.stop();
    await fleet?.stop();
    await hanging?.stop();
  });

  it('every accepted job ends finished or failed with a reason; none is lost, none runs twice', async () => {
    const devices = fleet.devices;
    const refused = `http://127.0.0.1:${await freePort()}/hook`;
    const [victim, survivor] = sys.apps.filter((a) => a.opts.role === 'fifo-worker');
    const victimName = await workerNameOf(sys.api, victim);
    const load = new LoadLoop({
      clients: [sys.api],
      ratePerSec: 6,
      maxJobs: 60,
      maxDurationMs: 9000,
      body: (n) => (n % 3 === 2 ? pinnedJob : fifoJob)(devices[n % devices.length], taggedCommand(run, n), n % 5 === 0 ? { webhook: { url: refused, max_retries: 0 } } : {}),
    });
    const loading = load.start();
    const hangs = await Promise.all([
      sys.api.post<JobInResponse>('/device/exec', fifoJob(hanging, 'show tech-support', { execution_timeout: 2 })),
      sys.api.post<JobInResponse>('/device/exec', pinnedJob(hanging, 'show tech-support', { execution_timeout: 2 })),
    ]);
    const next = await sys.api.post<JobInResponse>('/device/exec', pinnedJob(hanging, 'show clock'));
    await sleep(2500);
    await waitUntil(async () => (await runningJobs(sys.api, victimName)).length > 0, 10_000, 'a job running on the victim');
    victim.child?.kill('SIGKILL');
    const result = await loading;

    const ids = [...result.accepted.map((a) => a.id), ...hangs.map((h) => h.body.id), next.body.id];
    // 75 s: a job the victim had fetched but not started comes back after BullMQ's stall check (rare).
    const audit = await JobAudit.run(sys.api, ids, 75_000);
    expect(audit.lostStatus).toEqual({});
    expect(result.refused).toEqual([]);
    expect(Object.keys(audit.failedBy).filter((r) => r !== 'WorkerDied' && r !== 'JobTimeoutException')).toEqual([]);
    for (const h of hangs) expect(audit.ended.get(h.body.id)?.result?.error?.type).toBe('JobTimeoutException');
    expect(audit.ended.get(next.body.id)?.result?.retval?.[0].exit_status).toBe(0);
    const loadJobs = result.accepted.map((a) => audit.ended.get(a.id) as JobInResponse);
    expect(loadJobs.filter((j) => j.status === 'failed' && j.worker !== victimName)).toEqual([]);
    expect(loadJobs.filter((j) => j.status === 'finished' && j.result?.retval?.[0].exit_status !== 0)).toEqual([]);
    const counts = runCounts(devices, result.accepted.map((a) => `${run}-${a.n}`));
    expect([...counts.values()].filter((c) => c > 1)).toEqual([]);
    const env = readTestEnv();
    expect(await leasedDeviceSlots({ host: env.redisHost, port: env.redisPort }, sys.namespace, devices.map((d) => d.host))).toEqual({});
    expect(alive(survivor)).toBe(true);
    // Takes about 15 s; the timeout leaves room for the rare stall-check case above.
  }, 90_000);
});
