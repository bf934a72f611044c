import { ChaosReport, JobAudit, LoadLoop, sleep } from '@netpulse/chaos';
import type { JobInResponse, WorkerInResponse } from '@netpulse/contracts';
import { DeviceFleet, SimulatedDevice, startFleet } from '@netpulse/device-sim';
import type { AppProcess } from '@netpulse/launcher';
import { TestSystem } from '@netpulse/testing';
import { alive, fifoJob, pinnedJob, runCounts, runningJobs, taggedCommand, waitUntil, workerNameOf } from './support/chaos.fixtures';

/** Long enough for the sweeper to presume the worker dead (liveness window + margin) and act on it. */
const STALL_MS = 7000;

/** Freezes a worker process (SIGSTOP) for `ms`, then lets it go on (SIGCONT): a GC pause, a VM pause, a blocked event loop. */
async function stall(app: AppProcess, ms: number): Promise<void> {
  app.child?.kill('SIGSTOP');
  try {
    await sleep(ms);
  } finally {
    app.child?.kill('SIGCONT');
  }
}

/** The tagged command of each job, `<run>-<n>`, by job id. */
function tagsById(run: string, accepted: readonly { id: string; n: number }[]): Map<string, string> {
  return new Map(accepted.map((a) => [a.id, `${run}-${a.n}`]));
}

/** Each device ran its jobs in the order they were queued (tags in its command history, by enqueue time). */
function inQueueOrder(devices: readonly SimulatedDevice[], enqueuedAt: Map<string, string>): boolean {
  return devices.every((d) => {
    const times = d.counters.commands
      .map((c) => /\| include (\S+)$/.exec(c)?.[1])
      .filter((t): t is string => t !== undefined && enqueuedAt.has(t))
      .map((t) => enqueuedAt.get(t) ?? '');
    return times.join() === [...times].sort().join();
  });
}

/**
 * What a record must say, given whether the job's command reached its device: a job that ran is
 * `finished`, or `failed` with `JobRanLate` (declared WorkerDied while its worker stalled, then its
 * outcome came); a job that never reached its device is `failed` WorkerDied, or JobRanLate saying it
 * stopped before sending anything.
 */
function recordTellsTruth(job: JobInResponse, reachedDevice: boolean): string | null {
  const type = job.result?.error?.type;
  if (job.status === 'finished') return reachedDevice ? null : 'finished, but its command never reached the device';
  if (job.status !== 'failed') return `unexpected status ${job.status}`;
  if (type === 'JobRanLate') {
    const ran = (job.result?.retval ?? []).length > 0;
    return reachedDevice && !ran ? 'JobRanLate without the output of a command that ran' : null;
  }
  if (type === 'WorkerDied') return reachedDevice ? 'WorkerDied, but the device ran it and the record never said so' : null;
  return `failed with ${type ?? '(no reason)'}`;
}

describe('chaos: a worker stalls (SIGSTOP … SIGCONT) under load', () => {
  const devicesOf = (fleet: DeviceFleet): SimulatedDevice[] => [...fleet.devices];

  describe('node worker', () => {
    let sys: TestSystem;
    let fleet: DeviceFleet;
    const run = `ns${Date.now().toString(36)}`;

    beforeAll(async () => {
      fleet = await startFleet({ count: 6, firstHost: '127.17.1.1', port: 0, latencyMs: 300 });
      sys = await TestSystem.start({ fifoWorkers: 0, nodeWorkers: 2, env: { NETPULSE_WORKER__HEARTBEAT_INTERVAL: '0.5', NETPULSE_WORKER__NODE_TTL: '2' } });
    });
    afterAll(async () => {
      await sys?.stop();
      await fleet?.stop();
    });

    it('its devices move only after its lease ran out; on waking it sends nothing more, keeps what ran as JobRanLate and exits', async () => {
      const devices = devicesOf(fleet);
      const load = new LoadLoop({
        clients: [sys.api],
        ratePerSec: 6,
        maxJobs: 100,
        maxDurationMs: 16_000,
        // Two commands per job, so a job can be caught between its lines.
        body: (n) => pinnedJob(devices[n % devices.length], [taggedCommand(run, n), 'show clock']),
      });
      const loading = load.start();
      await sleep(3000);
      let victimNode = '';
      let runningAtStall: string[] = [];
      await waitUntil(async () => {
        const running = await runningJobs(sys.api);
        victimNode = (running[0]?.worker ?? '').split('_HostQ_')[0];
        runningAtStall = running.filter((j) => (j.worker ?? '').startsWith(`${victimNode}_HostQ_`)).map((j) => j.id);
        return victimNode !== '';
      }, 10_000, 'a pinned job running');
      const nodes = sys.apps.filter((a) => a.opts.role === 'node-worker');
      const victim = nodes.find((a) => a.opts.env.NETPULSE_WORKER__NODE_NAME === victimNode) as AppProcess;
      const survivor = nodes.find((a) => a !== victim) as AppProcess;
      const exited = new Promise<number | null>((resolve) => victim.child?.once('exit', (code) => resolve(code)));
      await stall(victim, STALL_MS);
      const result = await loading;
      // On waking it finds its lease gone: it stops, records what ran late, and exits 3 to come back clean.
      const code = await Promise.race([exited, sleep(20_000).then(() => 'still running')]);

      const audit = await JobAudit.run(sys.api, result.accepted.map((a) => a.id), 60_000);
      const tags = tagsById(run, result.accepted);
      const counts = runCounts(devices, [...tags.values()]);
      const late = [...audit.ended.values()].filter((j) => j.result?.error?.type === 'JobRanLate');
      ChaosReport.record(
        ChaosReport.row(
          'node worker stalled (SIGSTOP 7 s)',
          result,
          audit,
          `${runningAtStall.length} running on it at the stall; devices re-pinned after its lease; ${late.length} outcome(s) delivered late as JobRanLate; it exited ${String(code)} on waking`,
        ),
      );

      expect(code).toBe(3);
      expect(audit.lostStatus).toEqual({});
      expect(result.refused).toEqual([]);
      // Never run twice, and no later job overtook an earlier one on a device.
      expect([...counts.values()].filter((c) => c > 1)).toEqual([]);
      const enqueuedAt = new Map(result.accepted.map((a) => [tags.get(a.id) ?? '', audit.ended.get(a.id)?.enqueued_at ?? '']));
      expect(inQueueOrder(devices, enqueuedAt)).toBe(true);
      // Every record tells what happened.
      const untrue = result.accepted
        .map((a) => [a.id, recordTellsTruth(audit.ended.get(a.id) as JobInResponse, (counts.get(tags.get(a.id) ?? '') ?? 0) > 0)] as const)
        .filter(([, why]) => why !== null);
      expect(untrue).toEqual([]);
      for (const j of late) {
        expect(j.worker?.startsWith(`${victimNode}_HostQ_`)).toBe(true);
        expect(j.result?.error?.message).toContain('Check the device before submitting the job again');
      }
      for (const id of runningAtStall) expect(audit.ended.get(id)?.status === 'failed' ? audit.ended.get(id)?.result?.error?.type : 'finished').toMatch(/^(WorkerDied|JobRanLate|finished)$/);
      expect(alive(survivor)).toBe(true);
    }, 150_000);
  });

  describe('FIFO worker', () => {
    let sys: TestSystem;
    let fleet: DeviceFleet;
    const run = `fs${Date.now().toString(36)}`;

    beforeAll(async () => {
      fleet = await startFleet({ count: 6, firstHost: '127.17.2.1', port: 0, latencyMs: 300 });
      sys = await TestSystem.start({ fifoWorkers: 2, env: { NETPULSE_WORKER__FIFO_CONCURRENCY: '6', NETPULSE_WORKER__HEARTBEAT_INTERVAL: '0.5', NETPULSE_WORKER__NODE_TTL: '3' } });
    });
    afterAll(async () => {
      await sys?.stop();
      await fleet?.stop();
    });

    it('presumed dead while frozen, it is listed again as soon as it wakes; its jobs stop at their next line and say what ran', async () => {
      const [victim, survivor] = sys.apps.filter((a) => a.opts.role === 'fifo-worker');
      const victimName = await workerNameOf(sys.api, victim);
      const devices = devicesOf(fleet);
      const load = new LoadLoop({
        clients: [sys.api],
        ratePerSec: 8,
        maxJobs: 130,
        maxDurationMs: 16_000,
        body: (n) => fifoJob(devices[n % devices.length], [taggedCommand(run, n), 'show clock']),
      });
      const loading = load.start();
      await sleep(3000);
      await waitUntil(async () => (await runningJobs(sys.api, victimName)).length > 0, 10_000, 'a job running on the victim');
      const stalling = stall(victim, STALL_MS);
      // Presumed dead while frozen: its entry goes.
      const listed = async (): Promise<boolean> => ((await sys.api.get<WorkerInResponse[]>('/workers')).body ?? []).some((w) => w.name === victimName);
      await waitUntil(async () => !(await listed()), STALL_MS, 'the frozen worker presumed dead');
      await stalling;
      // Awake, it registers again at its next heartbeat: it never runs unlisted.
      await waitUntil(listed, 5000, 'the woken worker listed again');
      const stats = (await sys.api.get<{ workers: { fifo: number } }>('/system/stats')).body;
      expect(stats.workers.fifo).toBe(2);
      const result = await loading;

      const audit = await JobAudit.run(sys.api, result.accepted.map((a) => a.id), 90_000);
      const tags = tagsById(run, result.accepted);
      const counts = runCounts(devices, [...tags.values()]);
      const late = [...audit.ended.values()].filter((j) => j.result?.error?.type === 'JobRanLate');
      ChaosReport.record(
        ChaosReport.row('FIFO worker stalled (SIGSTOP 7 s)', result, audit, `presumed dead while frozen, listed again on waking; ${late.length} outcome(s) delivered late as JobRanLate`),
      );

      expect(audit.lostStatus).toEqual({});
      expect(result.refused).toEqual([]);
      expect([...counts.values()].filter((c) => c > 1)).toEqual([]);
      const untrue = result.accepted
        .map((a) => [a.id, recordTellsTruth(audit.ended.get(a.id) as JobInResponse, (counts.get(tags.get(a.id) ?? '') ?? 0) > 0)] as const)
        .filter(([, why]) => why !== null);
      expect(untrue).toEqual([]);
      expect(late.every((j) => j.worker === victimName)).toBe(true);
      expect(alive(victim) && alive(survivor)).toBe(true);
    }, 180_000);
  });
});
