import { ChaosReport, JobAudit, LoadLoop, sleep } from '@netpulse/chaos';
import type { JobInResponse } from '@netpulse/contracts';
import { DeviceFleet, SimulatedDevice, startDevice, startFleet } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';
import { alive, appLog, fifoJob, pinnedJob, taggedCommand, waitUntil } from './support/chaos.fixtures';

const EXPIRED = 'job expired in queue';

describe('chaos: kill -9 of a controller under load (two controllers)', () => {
  let sys: TestSystem;
  let fleet: DeviceFleet;
  let stuck: SimulatedDevice;
  const run = `ck${Date.now().toString(36)}`;

  beforeAll(async () => {
    fleet = await startFleet({ count: 4, firstHost: '127.0.202.1', port: 0, latencyMs: 100 });
    // A device whose first command hangs: jobs queued behind it on its pinned worker wait, so their
    // queue TTL runs out and only the sweeper can end them.
    stuck = await startDevice({ platform: 'cisco_ios', host: '127.0.202.100', port: 0, hangOnCommand: 'show tech-support' });
    sys = await TestSystem.start({ controllers: 2, fifoWorkers: 1, nodeWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
    await fleet?.stop();
    await stuck?.stop();
  });

  /** A job that can only end through the sweeper's queue-TTL expiry; resolves to the controller log that recorded it. */
  const expireOne = async (): Promise<{ job: JobInResponse; by: number }> => {
    const res = await sys.apis[sys.apis.length - 1].post<JobInResponse>('/device/exec', pinnedJob(stuck, 'show clock', { ttl: 1 }));
    expect(res.status).toBe(201);
    const job = await sys.apis[sys.apis.length - 1].waitForJob<JobInResponse>(res.body.id, 20_000);
    const controllers = sys.apps.filter((a) => a.opts.role === 'controller');
    return { job, by: controllers.findIndex((c) => appLog(sys, c).includes(res.body.id) && appLog(sys, c).split('\n').some((l) => l.includes(res.body.id) && l.includes(EXPIRED))) };
  };

  it('clients retry on the survivor, every accepted job ends, and the sweeper duty moves to the survivor', async () => {
    const devices = fleet.devices;
    const hang = await sys.api.post<JobInResponse>('/device/exec', pinnedJob(stuck, 'show tech-support', { execution_timeout: 90 }));
    expect(hang.status).toBe(201);
    await waitUntil(async () => (await sys.api.get<JobInResponse>(`/jobs/${hang.body.id}`)).body.status === 'started', 10_000, 'the hanging job started');
    // Which controller sweeps now: the one that logs the expiry. It is the one we kill.
    const before = await expireOne();
    expect(before.job.result?.error?.type).toBe('JobExpired');
    expect(before.by).toBeGreaterThanOrEqual(0);
    const controllers = sys.apps.filter((a) => a.opts.role === 'controller');
    const victim = controllers[before.by];
    const survivor = controllers[1 - before.by];
    // Clients try the victim first, then the survivor (same Idempotency-Key: a retry never makes a second job).
    const clients = [sys.apis[before.by], sys.apis[1 - before.by]];
    const load = new LoadLoop({
      clients,
      ratePerSec: 8,
      maxJobs: 120,
      maxDurationMs: 12_000,
      body: (n) => (n % 2 === 0 ? fifoJob : pinnedJob)(devices[n % devices.length], taggedCommand(run, n)),
    });
    const loading = load.start();
    await sleep(4000);
    victim.child?.kill('SIGKILL');
    const result = await loading;

    // The survivor took the sweeper lock (the victim's lapses after 5 s) and expires queued jobs now.
    const after = await expireOne();
    expect(after.job.result?.error?.type).toBe('JobExpired');
    expect(after.by).toBe(1 - before.by);

    const survivorApi = sys.apis[1 - before.by];
    const audit = await JobAudit.run(survivorApi, result.accepted.map((a) => a.id), 60_000);
    const row = ChaosReport.record(ChaosReport.row('kill -9 controller (of 2)', result, audit, `${result.retried} requests failed over to the survivor; sweeper lock moved to the survivor (queue-TTL expiry observed before and after)`));

    expect(audit.lostStatus).toEqual({});
    expect(row.lost).toBe(0);
    expect(audit.failed).toBe(0);
    expect(audit.finishedOk).toBe(audit.accepted);
    // A request cut by the kill was retried on the survivor; one whose first try the victim had already
    // claimed answers 409 (the Idempotency-Key stays "in progress"): the client cannot know that job's id.
    expect(result.refused.filter((r) => r.status !== 409)).toEqual([]);
    expect(result.accepted.length).toBeGreaterThan(80);
    expect(result.retried).toBeGreaterThan(10);
    expect(alive(survivor)).toBe(true);
    await survivorApi.delete(`/jobs/${hang.body.id}`);
  });
});
