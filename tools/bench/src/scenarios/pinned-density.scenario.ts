import type { JobInResponse } from '@netpulse/contracts';
import { startFleet } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';
import { MB, cpuSeconds, median, p99, rssBytes } from '../measure/proc-stats';
import { RedisStats } from '../measure/redis-stats';
import type { BenchContext } from './bench-context';

export interface PinnedDensityResult {
  devices: number;
  pinSeconds: number;
  redisConnectionsAdded: number;
  nodeRssBeforeMB: number;
  nodeRssAfterMB: number;
  rssPerSessionKB: number;
  idleNodeCpuPct: number;
  idleRedisCpuPct: number;
  wakeQueueTimeMedianMs: number;
  wakeQueueTimeP99Ms: number;
  wakeEndToEndMedianMs: number;
}

/**
 * One node worker pins N simulated devices (one persistent SSH session each), then sits idle:
 * how many Redis connections, how much memory per session, how much idle CPU (keepalive included),
 * and how fast an idle pinned device wakes for a new job.
 */
export async function pinnedDensity(ctx: BenchContext, devices: number, idleSeconds = 10): Promise<PinnedDensityResult> {
  const stats = new RedisStats(ctx.redisHost, ctx.redisPort);
  ctx.progress(`starting ${devices} simulated devices`);
  const fleet = await startFleet({ count: devices, platform: 'cisco_ios', firstHost: '127.0.100.1', port: 0, onProgress: (n, t) => n % 1000 === 0 && ctx.progress(`  ${n}/${t} devices up`) });
  const connBefore = await stats.connections();
  const sys = await TestSystem.start({
    fifoWorkers: 0,
    nodeWorkers: 1,
    env: { NETPULSE_WORKER__PINNED_PER_NODE: String(devices + 100), NETPULSE_LOG__LEVEL: 'warning' },
    redis: { host: ctx.redisHost, port: ctx.redisPort, namespacePrefix: 'npbench', logRoot: ctx.logRoot },
  });
  try {
    const node = sys.apps.find((a) => a.opts.role === 'node-worker');
    const nodePid = node?.pid ?? 0;
    const rssBefore = rssBytes(nodePid);
    const conn = (i: number) => ({ device_type: 'cisco_ios', host: fleet.devices[i].host, port: fleet.devices[i].port, username: 'admin', password: 'admin', keepalive: 60 });
    ctx.progress(`pinning ${devices} devices (one job each)`);
    const t0 = Date.now();
    const ids: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        while (next < devices) {
          const i = next++;
          const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(i), command: 'show clock' });
          if (res.status !== 201) throw new Error(`submit failed: ${res.status} ${res.text}`);
          ids.push(res.body.id);
        }
      }),
    );
    let done = 0;
    for (const id of ids) {
      await sys.api.waitForJob(id, 600_000);
      if (++done % 1000 === 0) ctx.progress(`  ${done}/${devices} pinned`);
    }
    const pinSeconds = (Date.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 2000));
    const connAfter = await stats.connections();
    const rssAfter = rssBytes(nodePid);

    ctx.progress(`idle for ${idleSeconds}s (keepalive probes every 60 s per session)`);
    const nodeCpu0 = cpuSeconds(nodePid);
    const redisCpu0 = await stats.cpuSeconds();
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const idleNodeCpuPct = ((cpuSeconds(nodePid) - nodeCpu0) / idleSeconds) * 100;
    const idleRedisCpuPct = (((await stats.cpuSeconds()) - redisCpu0) / idleSeconds) * 100;

    ctx.progress('waking 50 idle pinned devices one at a time');
    const queueTimes: number[] = [];
    const e2e: number[] = [];
    for (let k = 0; k < 50; k++) {
      const i = Math.floor((k * devices) / 50);
      const t = Date.now();
      const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(i), command: 'show clock' });
      const job = await sys.api.waitForJob<JobInResponse>(res.body.id, 30_000);
      e2e.push(Date.now() - t);
      queueTimes.push((job.queue_time ?? 0) * 1000);
    }
    return {
      devices,
      pinSeconds,
      redisConnectionsAdded: connAfter - connBefore,
      nodeRssBeforeMB: rssBefore / MB,
      nodeRssAfterMB: rssAfter / MB,
      rssPerSessionKB: (rssAfter - rssBefore) / devices / 1024,
      idleNodeCpuPct,
      idleRedisCpuPct,
      wakeQueueTimeMedianMs: median(queueTimes),
      wakeQueueTimeP99Ms: p99(queueTimes),
      wakeEndToEndMedianMs: median(e2e),
    };
  } finally {
    await sys.stop();
    await fleet.stop();
    stats.close();
  }
}
