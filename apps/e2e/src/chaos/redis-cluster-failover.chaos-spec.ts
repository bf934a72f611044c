import { ChaosReport, JobAudit, LoadLoop, sleep } from '@netpulse/chaos';
import { DeviceFleet, startFleet } from '@netpulse/device-sim';
import { StateKeys, keySlot } from '@netpulse/state';
import { ClusterNodeInfo, RedisCluster, TestSystem } from '@netpulse/testing';
import { alive, fifoJob, pinnedJob, runCounts, taggedCommand } from './support/chaos.fixtures';

/** Does a master's slot list (`0-5460`, `5461`) hold `slot`? */
function serves(m: ClusterNodeInfo, slot: number): boolean {
  return m.slots.some((r) => {
    const [lo, hi] = r.split('-').map(Number);
    return slot >= lo && slot <= (hi ?? lo);
  });
}

/**
 * Without `redis.wait_replicas` a write is acknowledged before a replica has it (asynchronous
 * replication); with 1, each step that accepts, starts or ends a job waits for a replica first.
 */
describe.each<{ mode: string; env: Record<string, string> }>([
  { mode: 'replication as Redis does it', env: {} },
  { mode: 'redis.wait_replicas 1', env: { NETPULSE_REDIS__WAIT_REPLICAS: '1' } },
])('chaos: a Redis Cluster master killed under load (3 masters, 3 replicas; $mode)', ({ mode, env }) => {
  let cluster: RedisCluster;
  let sys: TestSystem;
  let fleet: DeviceFleet;
  const run = `rc${Date.now().toString(36)}`;

  beforeAll(async () => {
    cluster = await RedisCluster.start({ masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 2000 });
    fleet = await startFleet({ count: 4, firstHost: '127.0.205.1', port: 0, latencyMs: 300 });
    sys = await TestSystem.start({
      redisCluster: cluster.seeds,
      fifoWorkers: 1,
      nodeWorkers: 1,
      env: {
        // A node fences itself when it cannot renew its lease for half of node_ttl: longer than a failover.
        NETPULSE_WORKER__NODE_TTL: '20',
        NETPULSE_LOG__LEVEL: 'info',
        ...env,
      },
    });
  }, 90_000);
  afterAll(async () => {
    await sys?.stop().catch(() => undefined);
    await fleet?.stop();
    await cluster?.stop();
  });

  it('the replica is promoted and followed: accepted jobs are not lost nor run twice, no app restarts', async () => {
    const devices = fleet.devices;
    const pids = sys.apps.map((a) => a.pid);
    // The master to kill: the one holding the control keys (pins, node leases, the worker index).
    const controlSlot = keySlot(new StateKeys(sys.namespace, { cluster: true }).hostToNodeMap);
    const before = await cluster.topology();
    const victim = before.find((m) => m.role === 'master' && serves(m, controlSlot));
    const replica = before.find((n) => n.role === 'replica' && n.masterId === victim?.id);
    expect(victim && replica).toBeTruthy();
    const load = new LoadLoop({
      clients: [sys.api],
      attempts: 1,
      ratePerSec: 5,
      maxJobs: 150,
      maxDurationMs: 24_000,
      requestTimeoutMs: 30_000,
      body: (n) => (n % 2 === 0 ? fifoJob : pinnedJob)(devices[n % devices.length], taggedCommand(run, n)),
    });
    const loading = load.start();
    await sleep(5000);
    const killedAt = Date.now();
    await cluster.kill(victim?.port ?? 0);
    await cluster.waitHealthy(30_000);
    const failoverMs = Date.now() - killedAt;
    const result = await loading;

    const audit = await JobAudit.run(sys.api, result.accepted.map((a) => a.id), 90_000);
    const row = ChaosReport.record(
      ChaosReport.row(`Redis Cluster master killed (kill -9, replica promoted; ${mode})`, result, audit, `cluster healthy again ${failoverMs} ms after the kill; ${result.refused.length} requests refused meanwhile`),
    );

    const after = await cluster.masters();
    expect(after.find((m) => serves(m, controlSlot))?.port).toBe(replica?.port);
    expect(audit.lostStatus).toEqual({});
    expect(row.lost).toBe(0);
    expect(result.hung).toBe(0);
    for (const r of result.refused) expect(r.status).toBe(503);
    expect(audit.failedBy).toEqual({});
    expect(audit.finishedOk).toBe(audit.accepted);
    expect(result.accepted.filter((a) => a.at > killedAt + failoverMs + 2000).length).toBeGreaterThan(10);
    // Each accepted job ran exactly once.
    const counts = runCounts(devices, result.accepted.map((a) => `${run}-${a.n}`));
    expect([...counts.values()].filter((c) => c !== 1)).toEqual([]);
    expect(sys.apps.map((a) => a.pid)).toEqual(pids);
    expect(sys.apps.every(alive)).toBe(true);
  });
});
