import { ChaosReport, JobAudit, LoadLoop, sleep } from '@netpulse/chaos';
import type { JobInResponse } from '@netpulse/contracts';
import { DeviceFleet, DeviceOptions, SimulatedDevice, startDevice, startFleet } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';
import { alive, fifoJob, pinnedJob, taggedCommand, waitUntil } from './support/chaos.fixtures';

/** The execution timeout of every faulty job, s. */
const TIMEOUT_S = 4;
/** "Did not hang": a faulty job ends within its timeout plus this much, s (queue wait and teardown included). */
const SLACK_S = 10;

type Fault = 'hang' | 'drop' | 'flood' | 'no-prompt';
const FAULTS: Record<Fault, { options: DeviceOptions; command: string }> = {
  hang: { options: { hangOnCommand: 'show tech-support' }, command: 'show tech-support' },
  drop: { options: { dropOnCommand: 'show tech-support' }, command: 'show tech-support' },
  flood: { options: { floodOnCommand: 'show logging' }, command: 'show logging' },
  'no-prompt': { options: { noPrompt: true }, command: 'show clock' },
};
const PATHS = ['fifo', 'pinned'] as const;

/** A faulty job ended at its timeout (failed, JobTimeoutException) or with a clear device error (exit status 1 and a message). */
function endedClearly(job: JobInResponse): boolean {
  if (job.status === 'failed') return job.result?.error?.type === 'JobTimeoutException' && /timeout/i.test(job.result.error.message ?? '');
  if (job.status !== 'finished') return false;
  const failedCommands = (job.result?.retval ?? []).filter((r) => r.exit_status !== 0);
  return failedCommands.length > 0 && failedCommands.every((r) => typeof r.stderr === 'string' && r.stderr.trim().length > 0);
}

describe('chaos: devices that hang, drop the session, flood output or never prompt (FIFO and pinned, under load)', () => {
  let sys: TestSystem;
  let fleet: DeviceFleet;
  const faulty = new Map<string, SimulatedDevice>();
  const run = `df${Date.now().toString(36)}`;

  beforeAll(async () => {
    fleet = await startFleet({ count: 3, firstHost: '127.0.205.1', port: 0, latencyMs: 100 });
    let octet = 10;
    for (const path of PATHS) {
      for (const [fault, spec] of Object.entries(FAULTS)) {
        faulty.set(`${path}/${fault}`, await startDevice({ platform: 'cisco_ios', host: `127.0.205.${octet++}`, port: 0, ...spec.options }));
      }
    }
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1, env: { NETPULSE_JOB__MAX_OUTPUT_BYTES: String(4 * 1024 * 1024) } });
  });
  afterAll(async () => {
    await sys?.stop();
    await fleet?.stop();
    await Promise.all([...faulty.values()].map((d) => d.stop()));
  });

  it('each faulty job ends at its timeout or with a clear error; the workers stay up and serve the next jobs', async () => {
    const devices = fleet.devices;
    const pids = sys.apps.map((a) => a.pid);
    const load = new LoadLoop({
      clients: [sys.api],
      ratePerSec: 4,
      maxJobs: 100,
      maxDurationMs: 22_000,
      body: (n) => (n % 2 === 0 ? fifoJob : pinnedJob)(devices[n % devices.length], taggedCommand(run, n)),
    });
    const loading = load.start();
    await sleep(2000);

    // Two rounds of every fault on both paths while the load runs; after each faulty pinned job, the
    // same device gets a healthy command, which its pinned worker must serve on a fresh session.
    const faultJobs: { key: string; id: string; submittedAt: number }[] = [];
    const nextJobs: { key: string; id: string }[] = [];
    for (let round = 0; round < 2; round++) {
      for (const path of PATHS) {
        for (const [fault, spec] of Object.entries(FAULTS) as [Fault, (typeof FAULTS)[Fault]][]) {
          const key = `${path}/${fault}`;
          const dev = faulty.get(key) as SimulatedDevice;
          const body = (path === 'fifo' ? fifoJob : pinnedJob)(dev, spec.command, { execution_timeout: TIMEOUT_S });
          const res = await sys.api.post<JobInResponse>('/device/exec', body);
          expect(res.status).toBe(201);
          faultJobs.push({ key, id: res.body.id, submittedAt: Date.now() });
          if (path === 'pinned' && fault !== 'no-prompt') {
            const next = await sys.api.post<JobInResponse>('/device/exec', pinnedJob(dev, 'show clock'));
            expect(next.status).toBe(201);
            nextJobs.push({ key, id: next.body.id });
          }
        }
      }
      await sleep(8000);
    }
    const result = await loading;

    const background = await JobAudit.run(sys.api, result.accepted.map((a) => a.id), 60_000);
    const faults = await JobAudit.run(sys.api, faultJobs.map((f) => f.id), 60_000);
    const next = await JobAudit.run(sys.api, nextJobs.map((f) => f.id), 60_000);
    const all = await JobAudit.run(sys.api, [...result.accepted.map((a) => a.id), ...faultJobs.map((f) => f.id), ...nextJobs.map((f) => f.id)], 10_000);
    const outcomes = faultJobs.map((f) => {
      const j = faults.ended.get(f.id);
      const failedCommand = (j?.result?.retval ?? []).find((r) => r.exit_status !== 0);
      const how = j?.result?.error?.type ?? (failedCommand ? `exit ${failedCommand.exit_status} "${String(failedCommand.stderr).trim().slice(0, 50)}"` : 'exit 0');
      return `${f.key}: ${j?.status ?? 'not ended'} ${how}`;
    });
    ChaosReport.record(
      ChaosReport.row('device faults: hang, drop, flood, no prompt (FIFO + pinned)', { ...result, submitted: result.submitted + faultJobs.length + nextJobs.length }, all, `${faultJobs.length} faulty jobs (${[...new Set(outcomes)].join('; ')}), ${nextJobs.length} follow-ups on the same pinned devices all finished`),
    );

    expect(all.lostStatus).toEqual({});
    // The load around the faults was unaffected.
    expect(background.finishedOk).toBe(background.accepted);
    // Every faulty job ended clearly, and not later than its timeout plus slack.
    expect(outcomes.filter((_, i) => !endedClearly(faults.ended.get(faultJobs[i].id) as JobInResponse))).toEqual([]);
    const slow = faultJobs.filter((f) => !((faults.ended.get(f.id)?.duration ?? Infinity) <= TIMEOUT_S + SLACK_S));
    expect(slow.map((f) => `${f.key}: ${String(faults.ended.get(f.id)?.duration)} s`)).toEqual([]);
    // A pinned worker whose session hung, dropped or flooded serves the device's next job.
    expect(next.finishedOk).toBe(nextJobs.length);
    // FIFO sessions to faulty devices were all closed; pinned ones hold at most their one session.
    await waitUntil(() => PATHS.every((p) => Object.keys(FAULTS).every((f) => (faulty.get(`${p}/${f}`) as SimulatedDevice).counters.sessionsOpen <= (p === 'fifo' ? 0 : 1))), 15_000, 'sessions to faulty devices closed');
    expect(sys.apps.map((a) => a.pid)).toEqual(pids);
    expect(sys.apps.every(alive)).toBe(true);
    // And the workers still serve new work on both paths.
    for (const body of [fifoJob(devices[0], 'show clock'), pinnedJob(devices[1], 'show clock')]) {
      const j = await sys.api.waitForJob<JobInResponse>((await sys.api.post<JobInResponse>('/device/exec', body)).body.id, 20_000);
      expect(j.result?.retval?.[0].exit_status).toBe(0);
    }
  });
});
