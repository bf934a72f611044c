import { ChaosReport, JobAudit, LoadLoop, SentinelCluster, sleep } from '@netpulse/chaos';
import { DeviceFleet, startFleet } from '@netpulse/device-sim';
import { TestSystem, readTestEnv } from '@netpulse/testing';
import Redis from 'ioredis';
import { join } from 'node:path';
import { alive, fifoJob, pinnedJob, runCounts, taggedCommand } from './support/chaos.fixtures';

describe('chaos: Redis Sentinel failover under load (primary, replica, three sentinels)', () => {
  let cluster: SentinelCluster;
  let sys: TestSystem;
  let fleet: DeviceFleet;
  const run = `sf${Date.now().toString(36)}`;

  beforeAll(async () => {
    cluster = await SentinelCluster.start({ downAfterMs: 1000, failoverTimeoutMs: 5000 });
    fleet = await startFleet({ count: 4, firstHost: '127.0.204.1', port: 0, latencyMs: 300 });
    const sentinel = cluster.sentinels[0];
    sys = await TestSystem.start({
      fifoWorkers: 1,
      nodeWorkers: 1,
      env: {
        NETPULSE_REDIS__SENTINEL__ENABLED: 'true',
        NETPULSE_REDIS__SENTINEL__HOST: sentinel.host,
        NETPULSE_REDIS__SENTINEL__PORT: String(sentinel.port),
        NETPULSE_REDIS__SENTINEL__MASTER_NAME: cluster.masterName,
      },
      // Where the test system deletes its namespace at the end: the replica, primary by then.
      redis: { host: cluster.replica.host, port: cluster.replica.port, namespacePrefix: 'chaos-sentinel', logRoot: join(readTestEnv().stateDir, 'logs') },
    });
  });
  afterAll(async () => {
    await sys?.stop().catch(() => undefined);
    await fleet?.stop();
    await cluster?.stop();
  });

  it('follows the promoted replica: jobs submitted after the failover finish, accepted ones are not lost, no app restarts', async () => {
    const devices = fleet.devices;
    const pids = sys.apps.map((a) => a.pid);
    const load = new LoadLoop({
      clients: [sys.api],
      attempts: 1,
      ratePerSec: 5,
      maxJobs: 150,
      maxDurationMs: 22_000,
      requestTimeoutMs: 30_000,
      body: (n) => (n % 2 === 0 ? fifoJob : pinnedJob)(devices[n % devices.length], taggedCommand(run, n)),
    });
    const loading = load.start();
    await sleep(5000);
    const failoverStarted = Date.now();
    const promoted = await cluster.failover();
    const failoverMs = Date.now() - failoverStarted;
    const result = await loading;

    const audit = await JobAudit.run(sys.api, result.accepted.map((a) => a.id), 90_000);
    const row = ChaosReport.record(
      ChaosReport.row('Sentinel failover (kill -9 primary)', result, audit, `replica promoted ${failoverMs} ms after the kill; ${result.refused.length} requests refused meanwhile`),
    );

    expect(promoted.port).toBe(cluster.replica.port);
    expect(audit.lostStatus).toEqual({});
    expect(row.lost).toBe(0);
    expect(result.hung).toBe(0);
    for (const r of result.refused) expect(r.status).toBe(503);
    expect(audit.failed).toBe(0);
    expect(audit.finishedOk).toBe(audit.accepted);
    // Jobs submitted once the replica was promoted were accepted, and ran.
    const afterwards = result.accepted.filter((a) => a.at > failoverStarted + failoverMs + 2000);
    expect(afterwards.length).toBeGreaterThan(10);
    // Their records live on the new primary: the system follows it.
    const r = new Redis({ host: promoted.host, port: promoted.port, lazyConnect: true, maxRetriesPerRequest: 1 });
    await r.connect();
    try {
      expect(await r.exists(`${sys.namespace}:job:${afterwards[afterwards.length - 1].id}`)).toBe(1);
    } finally {
      r.disconnect();
    }
    const counts = runCounts(devices, result.accepted.map((a) => `${run}-${a.n}`));
    expect([...counts.values()].filter((c) => c !== 1)).toEqual([]);
    expect(sys.apps.map((a) => a.pid)).toEqual(pids);
    expect(sys.apps.every(alive)).toBe(true);
  });
});
