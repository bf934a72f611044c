import { pinAll, runSustained, type SustainedResult } from '../load/sustained-load.runner';
import { summarize } from '../measure/summary.stats';
import { FigureRow, ScenarioReport, fmtMs, fmtRate, fmtSpread } from '../report/scenario.report';
import { BenchSystem } from '../suite/bench-system';
import { SimFleetProcess } from '../sim/sim-fleet.process';
import type { BenchContext } from './bench-context';

/**
 * Scenario 6: the pinned throughput of scenario 3 with 1, 2 and 4 node-worker processes on the same
 * machine (one simulator for all; a fresh system, and so fresh pins spread by `least_load`, per
 * measurement). The counts are measured in interleaved rounds so a burst of load from other
 * sessions does not land on one count only.
 */
export async function scaleOut(ctx: BenchContext): Promise<ScenarioReport> {
  const s = ctx.settings.scaleOut;
  const tp = ctx.settings.throughput;
  const t0 = Date.now();
  ctx.progress(`  starting the simulator (${s.devices} × cisco_ios), shared by every node count`);
  const sim = await SimFleetProcess.start([{ count: s.devices, platform: 'cisco_ios', firstHost: '127.0.140.1', latencyMs: 0, loginDelayMs: 0 }], ctx.progress);
  const stopSim = ctx.teardown.add('simulator', () => sim.stop());
  const results = new Map<number, SustainedResult[]>(s.nodeCounts.map((n) => [n, []]));
  const base = { driver: 'netmiko', connection_args: { device_type: 'cisco_ios', username: 'admin', password: 'admin' }, command: 'show clock' };
  try {
    for (let round = 1; round <= s.rounds; round++) {
      for (const nodes of s.nodeCounts) {
        const bs = await BenchSystem.start(ctx, { fifoWorkers: 0, nodeWorkers: nodes }, sim);
        try {
          ctx.progress(`  round ${round}/${s.rounds}, ${nodes} node-worker(s): pinning ${s.devices} devices`);
          await pinAll(bs, base, sim.fleets[0], tp.bulkSize, 300_000);
          const r = await runSustained(bs, {
            label: `${nodes} node-worker${nodes > 1 ? 's' : ''}, round ${round}`,
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
          results.get(nodes)?.push(r);
        } finally {
          await bs.stop();
        }
      }
    }
  } finally {
    await stopSim();
  }
  const rateOf = (n: number): number[] => (results.get(n) ?? []).map((r) => r.figures.jobsPerSec.median);
  const one = summarize(rateOf(s.nodeCounts[0])).median;
  const rows: FigureRow[] = s.nodeCounts.flatMap((nodes) => {
    const rs = results.get(nodes) ?? [];
    const rate = summarize(rateOf(nodes)).median;
    return [
      {
        figure: `${nodes} node-worker${nodes > 1 ? 's' : ''}: finished jobs/s (× the ${s.nodeCounts[0]}-node figure)`,
        throughput: `${fmtRate(rate)} (× ${(rate / one).toFixed(2)})`,
        spread: fmtSpread(rateOf(nodes), fmtRate).replace('runs', 'rounds'),
        headline: true,
      },
      {
        figure: `  job latency under that load (created → ended; median of the rounds, worst p99)`,
        median: fmtMs(summarize(rs.map((r) => r.figures.latencyMs.median)).median),
        p99: fmtMs(Math.max(...rs.map((r) => r.figures.latencyMs.p99))),
      },
    ];
  });
  const all = [...results.values()].flat();
  return {
    id: '6',
    title: 'Scale-out: 1, 2, 4 node-workers on one machine',
    settings: [
      `per measurement: a fresh system (1 controller, N node-workers, no fifo-worker), ${s.devices} simulated cisco_ios devices (zero latency) pinned first, then the load of scenario 3 (bulk requests of ${tp.bulkSize}, ≤ ${tp.maxInFlight} in flight) for ${s.warmupMs / 1000} s warm-up + ${s.steadyMs / 1000} s counted; ${s.rounds} interleaved rounds over the counts, the figure is the median of the rounds`,
      ...all.map((r) => `${r.label}: ${r.submitted} submitted, ${r.figures.notOk} not clean, ${r.refused} refused, ${r.unfinished} unfinished after the drain`),
    ],
    rows,
    cpu: all.map((r) => r.cpu),
    limits: [
      'All node-workers share the same two cores with the controller, Redis, the simulator and the load generator: more processes add parallelism only while a core is idle. The CPU per finished job shows what each process costs; more node-workers do not make a job cheaper, they only spread it.',
    ],
    seconds: (Date.now() - t0) / 1000,
  };
}
