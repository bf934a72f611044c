import { ChaosReport, JobAudit, LoadLoop, sleep } from '@netpulse/chaos';
import { DeviceFleet, startFleet } from '@netpulse/device-sim';
import { TestSystem, readTestEnv } from '@netpulse/testing';
import { alive, appLog, fifoJob, leasedDeviceSlots, runCounts, runningJobs, taggedCommand, waitUntil, workerNameOf } from './support/chaos.fixtures';

describe('chaos: kill -9 of a FIFO worker under load', () => {
  let sys: TestSystem;
  let fleet: DeviceFleet;
  const run = `fk${Date.now().toString(36)}`;

  beforeAll(async () => {
    fleet = await startFleet({ count: 6, firstHost: '127.0.200.1', port: 0, latencyMs: 250 });
    sys = await TestSystem.start({
      fifoWorkers: 2,
      env: { NETPULSE_WORKER__FIFO_CONCURRENCY: '8', NETPULSE_WORKER__HEARTBEAT_INTERVAL: '0.5', NETPULSE_WORKER__NODE_TTL: '3' },
    });
  });
  afterAll(async () => {
    await sys?.stop();
    await fleet?.stop();
  });

  it('fails the victim’s running jobs WorkerDied (never replayed) and runs every other accepted job on the survivor', async () => {
    const [victim, survivor] = sys.apps.filter((a) => a.opts.role === 'fifo-worker');
    const victimName = await workerNameOf(sys.api, victim);
    const survivorName = await workerNameOf(sys.api, survivor);
    const devices = fleet.devices;
    const load = new LoadLoop({
      clients: [sys.api],
      ratePerSec: 8,
      maxJobs: 160,
      maxDurationMs: 18_000,
      body: (n) => fifoJob(devices[n % devices.length], taggedCommand(run, n)),
    });
    const loading = load.start();

    await sleep(4000);
    // Kill while the victim holds jobs, so "running jobs end WorkerDied" is tested, not assumed.
    let runningOnVictim: string[] = [];
    await waitUntil(async () => (runningOnVictim = (await runningJobs(sys.api, victimName)).map((j) => j.id)).length > 0, 10_000, 'a job running on the victim');
    const killedAt = Date.now();
    victim.child?.kill('SIGKILL');
    const result = await loading;

    const ids = result.accepted.map((a) => a.id);
    const audit = await JobAudit.run(sys.api, ids, 90_000);
    // A job the victim had fetched but not started comes back through BullMQ's stall check (30-60 s).
    const requeued = appLog(sys, survivor).split('job requeued: its worker stopped before starting it').length - 1;
    const row = ChaosReport.record(
      ChaosReport.row('kill -9 FIFO worker', result, audit, `${runningOnVictim.length} running on the victim at the kill; ${requeued} fetched-not-started requeued on the survivor`),
    );

    expect(audit.lostStatus).toEqual({});
    expect(row.lost).toBe(0);
    expect(result.refused).toEqual([]);
    // The only failure a worker's death may cause is WorkerDied, and only for jobs that ran on it.
    expect(Object.keys(audit.failedBy).filter((r) => r !== 'WorkerDied')).toEqual([]);
    const died = [...audit.ended.values()].filter((j) => j.status === 'failed');
    expect(died.every((j) => j.worker === victimName)).toBe(true);
    expect(died.length).toBeGreaterThan(0);
    for (const id of runningOnVictim) {
      const j = audit.ended.get(id);
      // Seen running a moment before the kill: it died with the worker, or had just finished there.
      expect(j?.status === 'failed' ? j.result?.error?.type : j?.status).toMatch(/^(WorkerDied|finished)$/);
    }
    // Every finished job succeeded, and everything accepted after the kill ran on the survivor.
    expect(audit.finishedOk).toBe(audit.finished);
    const afterKill = result.accepted.filter((a) => a.at > killedAt + 1000).map((a) => audit.ended.get(a.id));
    expect(afterKill.length).toBeGreaterThan(10);
    expect(afterKill.every((j) => j?.status === 'finished' && j.worker === survivorName)).toBe(true);
    // Never replayed: each job's unique command reached a device at most once; a finished one exactly once.
    const counts = runCounts(devices, result.accepted.map((a) => `${run}-${a.n}`));
    expect([...counts.values()].filter((c) => c > 1)).toEqual([]);
    for (const a of result.accepted) if (audit.ended.get(a.id)?.status === 'finished') expect(counts.get(`${run}-${a.n}`)).toBe(1);
    // The dead worker's device session slots went back with its jobs (else its devices stay throttled
    // for execution_timeout + 60 s).
    const env = readTestEnv();
    expect(await leasedDeviceSlots({ host: env.redisHost, port: env.redisPort }, sys.namespace, devices.map((d) => d.host))).toEqual({});
    expect(alive(survivor)).toBe(true);
  });
});
