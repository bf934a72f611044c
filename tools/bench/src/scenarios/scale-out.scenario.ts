import { pinAll, runSustained, type SustainedResult } from '../load/sustained-load.runner';
import { FigureRow, ScenarioReport, fmtMs, fmtRate, fmtSpread } from '../report/scenario.report';
import { BenchSystem } from '../suite/bench-system';
import { SimFleetProcess } from '../sim/sim-fleet.process';
import type { BenchContext } from './bench-context';

/**
 * Scenario 6: the pinned throughput of scenario 3 with 1, 2 and 4 node-worker processes on the same
 * machine (one simulator for all; a fresh system, and so fresh pins spread by `least_load`, per count).
 */
export async function scaleOut(ctx: BenchContext): Promise<ScenarioReport> {
  const s = ctx.settings.scaleOut;
  const tp = ctx.settings.throughput;
  const t0 = Date.now();
  ctx.progress(`  starting the simulator (${s.devices} × cisco_ios), shared by every node count`);
  const sim = await SimFleetProcess.start([{ count: s.devices, platform: 'cisco_ios', firstHost: '127.0.140.1', latencyMs: 0, loginDelayMs: 0 }], ctx.progress);
  const stopSim = ctx.teardown.add('simulator', () => sim.stop());
  const results: { nodes: number; r: SustainedResult }[] = [];
  const base = { driver: 'netmiko', connection_args: { device_type: 'cisco_ios', username: 'admin', password: 'admin' }, command: 'show clock' };
  try {
    for (const nodes of s.nodeCounts) {
      const bs = await BenchSystem.start(ctx, { fifoWorkers: 0, nodeWorkers: nodes }, sim);
      try {
        ctx.progress(`  ${nodes} node-worker(s): pinning ${s.devices} devices`);
        await pinAll(bs, base, sim.fleets[0], tp.bulkSize, 300_000);
        const r = await runSustained(bs, {
          label: `${nodes} node-worker${nodes > 1 ? 's' : ''}`,
          base,
          devices: sim.fleets[0],
          bulkSize: tp.bulkSize,
          submitters: tp.submitters,
          maxInFlight: tp.maxInFlight,
          warmupMs: s.warmupMs,
          steadyMs: s.steadyMs,
          windows: s.windows,
          drainMs: tp.drainMs,
          redisPid: ctx.redisPid,
          progress: ctx.progress,
        });
        results.push({ nodes, r });
      } finally {
        await bs.stop();
      }
    }
  } finally {
    await stopSim();
  }
  const one = results[0]?.r.figures.jobsPerSec.median ?? NaN;
  const rows: FigureRow[] = results.map(({ nodes, r }) => ({
    figure: `${nodes} node-worker${nodes > 1 ? 's' : ''}: finished jobs/s (× the 1-node figure)`,
    throughput: `${fmtRate(r.figures.jobsPerSec.median)} (× ${(r.figures.jobsPerSec.median / one).toFixed(2)})`,
    median: fmtMs(r.figures.latencyMs.median),
    p99: fmtMs(r.figures.latencyMs.p99),
    spread: fmtSpread(r.figures.jobsPerSec.runs, fmtRate).replace('runs', 'windows'),
    headline: true,
  }));
  return {
    id: '6',
    title: 'Scale-out: 1, 2, 4 node-workers on one machine',
    settings: [
      `per count: a fresh system (1 controller, N node-workers, no fifo-worker), ${s.devices} simulated cisco_ios devices (zero latency) pinned first, then the load of scenario 3 (bulk requests of ${tp.bulkSize}, ≤ ${tp.maxInFlight} in flight) for ${s.warmupMs / 1000} s warm-up + ${s.steadyMs / 1000} s counted`,
      'median / p99 columns: job latency under that load (created → ended)',
      ...results.map(({ r }) => `${r.label}: ${r.submitted} submitted, ${r.figures.notOk} not clean, ${r.refused} refused, ${r.unfinished} unfinished after the drain`),
    ],
    rows,
    cpu: results.map(({ r }) => r.cpu),
    limits: [
      'All node-workers share the same two cores with the controller, Redis, the simulator and the load generator: more processes add parallelism only while a core is idle. The CPU split per count shows where the time goes; with one controller, its share is the ceiling once the nodes are no longer the busiest.',
    ],
    seconds: (Date.now() - t0) / 1000,
  };
}
