import { ChaosReport, JobAudit, LoadLoop, sleep } from '@netpulse/chaos';
import type { JobInResponse } from '@netpulse/contracts';
import { DeviceFleet, startFleet } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';
import { alive, pinnedJob, runCounts, runningJobs, taggedCommand, waitUntil } from './support/chaos.fixtures';

/**
 * Queue TTL of the load's jobs, s. A pinned job is taken off its device queue and started in one
 * step, so a kill never leaves one that nobody runs; were it to happen, it would end JobExpired at
 * this TTL (and the test, which expects none, would say so) instead of waiting the default 300 s.
 */
const TTL_S = 20;

/** Jobs that failed JobExpired without ever starting: the taken-not-started window above. */
function neverStarted(ended: Iterable<JobInResponse>): JobInResponse[] {
  return [...ended].filter((j) => j.status === 'failed' && j.result?.error?.type === 'JobExpired' && j.started_at === null);
}

describe('chaos: kill -9 of a node worker under load', () => {
  let sys: TestSystem;
  let fleet: DeviceFleet;
  const run = `nk${Date.now().toString(36)}`;

  beforeAll(async () => {
    fleet = await startFleet({ count: 6, firstHost: '127.0.201.1', port: 0, latencyMs: 400 });
    sys = await TestSystem.start({ fifoWorkers: 0, nodeWorkers: 2, env: { NETPULSE_WORKER__HEARTBEAT_INTERVAL: '0.5', NETPULSE_WORKER__NODE_TTL: '2' } });
  });
  afterAll(async () => {
    await sys?.stop();
    await fleet?.stop();
  });

  it('fails the dead node’s running jobs WorkerDied, moves its devices to the survivor, keeps each device’s order', async () => {
    const devices = fleet.devices;
    const load = new LoadLoop({
      clients: [sys.api],
      ratePerSec: 6,
      maxJobs: 120,
      maxDurationMs: 16_000,
      body: (n) => pinnedJob(devices[n % devices.length], taggedCommand(run, n), { ttl: TTL_S }),
    });
    const loading = load.start();

    await sleep(4000);
    // Kill the node of a job seen running, at once, so "running jobs end WorkerDied" is tested.
    let victimNode = '';
    let runningOnVictim: string[] = [];
    await waitUntil(async () => {
      const running = await runningJobs(sys.api);
      victimNode = (running[0]?.worker ?? '').split('_HostQ_')[0];
      runningOnVictim = running.filter((j) => (j.worker ?? '').startsWith(`${victimNode}_`)).map((j) => j.id);
      return victimNode !== '';
    }, 10_000, 'a pinned job running');
    const nodes = sys.apps.filter((a) => a.opts.role === 'node-worker');
    const victim = nodes.find((a) => a.opts.env.NETPULSE_WORKER__NODE_NAME === victimNode);
    const survivor = nodes.find((a) => a !== victim);
    expect(victim).toBeDefined();
    const killedAt = Date.now();
    victim?.child?.kill('SIGKILL');
    const result = await loading;

    const audit = await JobAudit.run(sys.api, result.accepted.map((a) => a.id), 60_000);
    const expired = neverStarted(audit.ended.values());
    const row = ChaosReport.record(
      ChaosReport.row('kill -9 node worker', result, audit, `${runningOnVictim.length} running on the victim node at the kill; devices re-pinned on the survivor; ${expired.length} taken-not-started ended JobExpired`),
    );

    expect(audit.lostStatus).toEqual({});
    expect(row.lost).toBe(0);
    // 503 "No available node" is allowed only while the dead node still counted as alive and full: it never is here.
    expect(result.refused).toEqual([]);
    expect(Object.keys(audit.failedBy).filter((r) => r !== 'WorkerDied' && r !== 'JobExpired')).toEqual([]);
    expect(expired.length).toBe(audit.failedBy.JobExpired ?? 0);
    expect(expired).toEqual([]);
    const died = [...audit.ended.values()].filter((j) => j.status === 'failed' && j.result?.error?.type === 'WorkerDied');
    expect(died.every((j) => (j.worker ?? '').startsWith(`${victimNode}_`))).toBe(true);
    expect(died.length).toBeGreaterThan(0);
    for (const id of runningOnVictim) {
      const j = audit.ended.get(id);
      expect(j?.status === 'failed' ? j.result?.error?.type : j?.status).toMatch(/^(WorkerDied|finished)$/);
    }
    expect(audit.finishedOk).toBe(audit.finished);
    const afterKill = result.accepted.filter((a) => a.at > killedAt + 1000).map((a) => audit.ended.get(a.id));
    // Everything queued after the kill ran on the survivor.
    expect(afterKill.length).toBeGreaterThan(10);
    expect(afterKill.every((j) => j?.status === 'finished' && !(j.worker ?? '').startsWith(`${victimNode}_`))).toBe(true);

    // Never replayed, and each device ran its jobs in the order they were queued.
    const counts = runCounts(devices, result.accepted.map((a) => `${run}-${a.n}`));
    expect([...counts.values()].filter((c) => c > 1)).toEqual([]);
    const enqueuedAt = new Map(result.accepted.map((a) => [`${run}-${a.n}`, (audit.ended.get(a.id) as JobInResponse).enqueued_at ?? '']));
    for (const d of devices) {
      const order = d.counters.commands.map((c) => /\| include (\S+)$/.exec(c)?.[1]).filter((t): t is string => t !== undefined && enqueuedAt.has(t));
      const times = order.map((t) => enqueuedAt.get(t) ?? '');
      expect(times).toEqual([...times].sort());
    }
    expect(survivor && alive(survivor)).toBe(true);
  });

  it('a node restarted at once under its name (launcher, StatefulSet) fails what its previous life was running; the rest runs', async () => {
    const devices = fleet.devices;
    const node = sys.apps.filter((a) => a.opts.role === 'node-worker').find(alive);
    expect(node).toBeDefined();
    const name = node?.opts.env.NETPULSE_WORKER__NODE_NAME ?? '';
    const load = new LoadLoop({
      clients: [sys.api],
      ratePerSec: 6,
      maxJobs: 80,
      maxDurationMs: 12_000,
      body: (n) => pinnedJob(devices[n % devices.length], taggedCommand(`${run}r`, n), { ttl: TTL_S }),
    });
    const loading = load.start();
    await sleep(3000);
    let runningAtKill: string[] = [];
    await waitUntil(async () => (runningAtKill = (await runningJobs(sys.api, `${name}_`)).map((j) => j.id)).length > 0, 10_000, 'a pinned job running');
    node?.child?.kill('SIGKILL');
    await new Promise((r) => node?.child?.once('exit', r));
    // The launcher restarts a crashed app within a second; a StatefulSet pod keeps its name.
    sys.spawn('node-worker', { NETPULSE_WORKER__NODE_NAME: name });
    const result = await loading;

    const audit = await JobAudit.run(sys.api, result.accepted.map((a) => a.id), 60_000);
    const expired = neverStarted(audit.ended.values());
    ChaosReport.record(
      ChaosReport.row('kill -9 node worker, restarted at once', result, audit, `${runningAtKill.length} running at the kill; the node came back under the same name; ${expired.length} taken-not-started ended JobExpired`),
    );
    expect(audit.lostStatus).toEqual({});
    expect(Object.keys(audit.failedBy).filter((r) => r !== 'WorkerDied' && r !== 'JobExpired')).toEqual([]);
    expect(expired).toEqual([]);
    for (const id of runningAtKill) expect(audit.ended.get(id)?.status === 'failed' ? audit.ended.get(id)?.result?.error?.type : audit.ended.get(id)?.status).toMatch(/^(WorkerDied|finished)$/);
    expect(audit.failedBy.WorkerDied ?? 0).toBeGreaterThan(0);
    const counts = runCounts(devices, result.accepted.map((a) => `${run}r-${a.n}`));
    expect([...counts.values()].filter((c) => c > 1)).toEqual([]);
  });
});
