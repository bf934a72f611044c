import { setTimeout as sleep } from 'node:timers/promises';
import { pinAll } from '../load/sustained-load.runner';
import { MB, rssBytes } from '../measure/proc-stats';
import { RedisStats } from '../measure/redis-stats';
import { summarize } from '../measure/summary.stats';
import { BenchSystem } from '../suite/bench-system';
import type { BenchContext } from './bench-context';

export interface PinnedDensityResult {
  devices: number;
  pinSeconds: number;
  pinNotOk: number;
  redisConnectionsAdded: number;
  nodeRssBeforeMB: number;
  nodeRssAfterMB: number;
  rssPerSessionKB: number;
  /** Node CPU with no session, then idle with every session open (keepalive probes included), % of one core. */
  baselineNodeCpuPct: number;
  idleNodeCpuPct: number;
  idleSimulatorCpuPct: number;
  idleRedisCpuPct: number;
  keepaliveS: number;
  /** Node CPU per keepalive probe, ms (idle minus baseline, over the probes due in the window). */
  cpuPerProbeMs: number;
  wakeQueueTimeMedianMs: number;
  wakeQueueTimeP99Ms: number;
  wakeEndToEndMedianMs: number;
  wakeEndToEndP99Ms: number;
}

const BASELINE_S = 3;

/**
 * One node worker pins N simulated devices (one persistent SSH session each), then sits idle:
 * how many Redis connections, how much memory per session, how much idle CPU (keepalive probes
 * every `keepaliveS`), and how fast an idle pinned device wakes for a new job.
 */
export async function pinnedDensity(ctx: BenchContext, devices: number, idleSeconds = 10, keepaliveS = 60, wakes = 50, firstHost = '127.0.110.1'): Promise<PinnedDensityResult> {
  const stats = new RedisStats(ctx.redisHost, ctx.redisPort);
  const connBefore = await stats.connections();
  const bs = await BenchSystem.start(
    ctx,
    { fifoWorkers: 0, nodeWorkers: 1, env: { NETPULSE_WORKER__PINNED_PER_NODE: String(devices + 100) } },
    [{ count: devices, platform: 'cisco_ios', firstHost, latencyMs: 0, loginDelayMs: 0 }],
  );
  try {
    const nodePid = bs.pidsOf('node-worker')[0] ?? 0;
    const fleet = bs.devices();
    const base = { driver: 'netmiko', connection_args: { device_type: 'cisco_ios', username: 'admin', password: 'admin', keepalive: keepaliveS }, command: 'show clock' };
    ctx.progress(`  node baseline for ${BASELINE_S} s (no session)`);
    const baseline = bs.cpuSampler(0);
    baseline.begin();
    await sleep(BASELINE_S * 1000);
    const baselineNodeCpuPct = baseline.end().split['node-worker'];
    const rssBefore = rssBytes(nodePid);
    ctx.progress(`  pinning ${devices} devices (bulk requests of 500, one job each)`);
    const pin = await pinAll(bs, base, fleet, 500, 600_000);
    await sleep(2000);
    const connAfter = await stats.connections();
    const rssAfter = rssBytes(nodePid);

    ctx.progress(`  idle for ${idleSeconds} s (keepalive probe every ${keepaliveS} s per session)`);
    const idle = bs.cpuSampler(ctx.redisPid);
    idle.begin();
    await sleep(idleSeconds * 1000);
    const u = idle.end();
    const probes = (devices * idleSeconds) / keepaliveS;
    const keepaliveCpuS = (Math.max(0, u.split['node-worker'] - baselineNodeCpuPct) / 100) * idleSeconds;

    ctx.progress(`  waking ${wakes} idle pinned devices one at a time`);
    const waiter = await bs.waiter();
    const queueTimes: number[] = [];
    const e2e: number[] = [];
    for (let k = 0; k < wakes; k++) {
      const d = fleet[Math.floor((k * devices) / wakes)];
      const t = await waiter.run({ ...base, connection_args: { ...base.connection_args, host: d.host, port: d.port } }, 30_000);
      e2e.push(t.e2eMs);
      queueTimes.push(t.queueMs);
    }
    const q = summarize(queueTimes);
    const e = summarize(e2e);
    return {
      devices,
      pinSeconds: pin.seconds,
      pinNotOk: pin.notOk,
      // The bench's own job-record reader is one of the new connections.
      redisConnectionsAdded: connAfter - connBefore - 1,
      nodeRssBeforeMB: rssBefore / MB,
      nodeRssAfterMB: rssAfter / MB,
      rssPerSessionKB: (rssAfter - rssBefore) / devices / 1024,
      baselineNodeCpuPct,
      idleNodeCpuPct: u.split['node-worker'],
      idleSimulatorCpuPct: u.split.simulator,
      idleRedisCpuPct: u.split.redis ?? NaN,
      keepaliveS,
      cpuPerProbeMs: probes > 0 ? (keepaliveCpuS / probes) * 1000 : NaN,
      wakeQueueTimeMedianMs: q.median,
      wakeQueueTimeP99Ms: q.p99,
      wakeEndToEndMedianMs: e.median,
      wakeEndToEndP99Ms: e.p99,
    };
  } finally {
    await bs.stop();
    stats.close();
  }
}

