import { ChaosReport, JobAudit, LoadLoop, PrivateRedis, sleep } from '@netpulse/chaos';
import { DeviceFleet, startFleet } from '@netpulse/device-sim';
import { TestSystem, readTestEnv } from '@netpulse/testing';
import { join } from 'node:path';
import { alive, fifoJob, pinnedJob, runCounts, taggedCommand } from './support/chaos.fixtures';

/**
 * Redis stays down this long, as in a restart. A node worker that cannot renew its lease for half of
 * `worker.node_ttl` (10 s) fences itself and exits (docs/reliability.md), so the outage plus the
 * reconnect backoff (up to 2 s) plus one heartbeat interval (2 s) must stay under 5 s.
 */
const OUTAGE_MS = 2000;
/** "Did not hang": every request during the outage is answered within this bound. */
const ANSWER_BOUND_MS = 10_000;

describe('chaos: Redis restarted under load (private Redis, AOF appendfsync always)', () => {
  let redis: PrivateRedis;
  let sys: TestSystem;
  let fleet: DeviceFleet;
  const run = `rr${Date.now().toString(36)}`;

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    fleet = await startFleet({ count: 4, firstHost: '127.0.203.1', port: 0, latencyMs: 700 });
    sys = await TestSystem.start({
      fifoWorkers: 1,
      nodeWorkers: 1,
      redis: { host: redis.host, port: redis.port, namespacePrefix: 'chaos-redis', logRoot: join(readTestEnv().stateDir, 'logs') },
    });
  });
  afterAll(async () => {
    await sys?.stop().catch(() => undefined);
    await fleet?.stop();
    await redis?.stop();
  });

  it('every app reconnects by itself, requests in the outage get a quick 503, and no accepted job is lost', async () => {
    const devices = fleet.devices;
    const pids = sys.apps.map((a) => a.pid);
    const load = new LoadLoop({
      clients: [sys.api],
      attempts: 1,
      ratePerSec: 6,
      maxJobs: 150,
      maxDurationMs: 18_000,
      requestTimeoutMs: 30_000,
      body: (n) => (n % 2 === 0 ? fifoJob : pinnedJob)(devices[n % devices.length], taggedCommand(run, n)),
    });
    const loading = load.start();
    await sleep(5000);
    await redis.kill();
    const downAt = Date.now();
    await sleep(OUTAGE_MS);
    await redis.restart();
    const upAt = Date.now();
    const result = await loading;

    const audit = await JobAudit.run(sys.api, result.accepted.map((a) => a.id), 60_000);
    const during = result.refused.length;
    const row = ChaosReport.record(
      ChaosReport.row('Redis restart (kill -9, 2 s down)', result, audit, `${during} requests refused during the outage, slowest answer ${result.slowestMs} ms; app pids unchanged`),
    );

    expect(audit.lostStatus).toEqual({});
    expect(row.lost).toBe(0);
    // Nothing hangs: every request got an answer, and a quick one.
    expect(result.hung).toBe(0);
    expect(result.slowestMs).toBeLessThan(ANSWER_BOUND_MS);
    // Refusals are clear 503s that name Redis, or nothing can take the job while the workers reconnect.
    expect(result.refused.length).toBeGreaterThan(0);
    for (const r of result.refused) {
      expect(r.status).toBe(503);
      expect(r.detail).toMatch(/Redis|No available/);
    }
    // Accepted before, during (none) and after the outage: all ran, once.
    expect(audit.failed).toBe(0);
    expect(audit.finishedOk).toBe(audit.accepted);
    expect(result.accepted.filter((a) => a.at < downAt).length).toBeGreaterThan(10);
    expect(result.accepted.filter((a) => a.at > upAt + 2000).length).toBeGreaterThan(10);
    const counts = runCounts(devices, result.accepted.map((a) => `${run}-${a.n}`));
    expect([...counts.values()].filter((c) => c !== 1)).toEqual([]);
    // No app restarted: the same processes are still there.
    expect(sys.apps.map((a) => a.pid)).toEqual(pids);
    expect(sys.apps.every(alive)).toBe(true);
  });
});
