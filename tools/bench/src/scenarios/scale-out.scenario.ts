import { pinAll, runSustained, type SustainedResult } from '../load/sustained-load.runner';
import { summarize } from '../measure/summary.stats';
import { FigureRow, ScenarioReport, fmtMs, fmtRate, fmtSpread } from '../report/scenario.report';
import { BenchSystem } from '../suite/bench-system';
import { SimFleetProcess } from '../sim/sim-fleet.process';
import type { BenchContext } from './bench-context';
import { availableParallelism } from 'node:os';

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
  const combos = s.controllerCounts.flatMap((c) => s.nodeCounts.map((n) => ({ c, n, key: `${c}x${n}` })));
  const results = new Map<string, SustainedResult[]>(combos.map((k) => [k.key, []]));
  const base = { driver: 'netmiko', connection_args: { device_type: 'cisco_ios', username: 'admin', password: 'admin' }, command: 'show clock' };
  try {
    for (let round = 1; round <= s.rounds; round++) {
      for (const { c, n: nodes, key } of combos) {
        const bs = await BenchSystem.start(ctx, { fifoWorkers: 0, nodeWorkers: nodes, controllers: c }, sim);
        try {
          ctx.progress(`  round ${round}/${s.rounds}, ${c} controller(s) × ${nodes} node-worker(s): pinning ${s.devices} devices`);
          await pinAll(bs, base, sim.fleets[0], tp.bulkSize, 300_000);
          const r = await runSustained(bs, {
            label: `${c} controller${c > 1 ? 's' : ''} × ${nodes} node-worker${nodes > 1 ? 's' : ''}, round ${round}`,
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
          results.get(key)?.push(r);
        } finally {
          await bs.stop();
        }
      }
    }
  } finally {
    await stopSim();
  }
  const rateOf = (key: string): number[] => (results.get(key) ?? []).map((r) => r.figures.jobsPerSec.median);
  const one = summarize(rateOf(combos[0].key)).median;
  const rows: FigureRow[] = combos.flatMap(({ c, n, key }) => {
    const rs = results.get(key) ?? [];
    const rate = summarize(rateOf(key)).median;
    const cpu = rs[0]?.cpu;
    const perJob = (g: string): string => (cpu?.jobsPerSec ? `${(((cpu.split[g] ?? 0) / 100) * (1000 / cpu.jobsPerSec)).toFixed(2)} ms` : '–');
    return [
      {
        figure: `${c} controller${c > 1 ? 's' : ''} × ${n} node-worker${n > 1 ? 's' : ''}: finished jobs/s (× the 1 × 1 figure)`,
        throughput: `${fmtRate(rate)} (× ${(rate / one).toFixed(2)})`,
        spread: s.rounds > 1 ? fmtSpread(rateOf(key), fmtRate).replace('runs', 'rounds') : undefined,
        headline: true,
      },
      {
        figure: `  CPU per finished job: controllers ${perJob('controller')}, node-workers ${perJob('node-worker')}, Redis ${perJob('redis')}, simulator ${perJob('simulator')}, load generator ${perJob('bench')}`,
      },
      { figure: `  what ends the scaling here: ${cpu ? limitOf(cpu.split, cpu.otherPct, c, n) : '–'}` },
      {
        figure: `  job latency under that load (created → ended; median, worst p99)`,
        median: fmtMs(summarize(rs.map((r) => r.figures.latencyMs.median)).median),
        p99: fmtMs(Math.max(...rs.map((r) => r.figures.latencyMs.p99))),
      },
    ];
  });
  const all = [...results.values()].flat();
  return {
    id: '6',
    title: `Scale-out: controllers × node-workers (${s.controllerCounts.join(', ')} × ${s.nodeCounts.join(', ')}) on one machine`,
    settings: [
      `per measurement: a fresh system (C controller processes on one port via \`launcher.controllers\`, N node-workers, no fifo-worker), ${s.devices} simulated cisco_ios devices (zero latency) pinned first, then the load of scenario 3 (bulk requests of ${tp.bulkSize}, ≤ ${tp.maxInFlight} in flight) for ${s.warmupMs / 1000} s warm-up + ${s.steadyMs / 1000} s counted; ${s.rounds} interleaved rounds over the counts, the figure is the median of the rounds`,
      ...all.map((r) => `${r.label}: ${r.submitted} submitted, ${r.figures.notOk} not clean, ${r.refused} refused, ${r.unfinished} unfinished after the drain`),
    ],
    rows,
    cpu: all.map((r) => r.cpu),
    limits: [
      'CPU per finished job is each group\'s CPU in the counted window divided by the jobs finished in it (all processes of the group together): multiply by the target rate to size a cluster.',
      '"What ends the scaling" reads the window\'s CPU split: the machine full (every core busy, other sessions included), else one process at a full core (a single Redis or a lone controller), else none found.',
      'All node-workers share the same two cores with the controller, Redis, the simulator and the load generator: more processes add parallelism only while a core is idle. The CPU per finished job shows what each process costs; more node-workers do not make a job cheaper, they only spread it.',
    ],
    seconds: (Date.now() - t0) / 1000,
  };
}

/** The resource that limits a window, from its CPU split (% of one core per group) and the cores. */
function limitOf(split: Record<string, number>, otherPct: number, controllers: number, nodes: number): string {
  const cores = availableParallelism();
  const total = Object.values(split).reduce((a, b) => a + b, 0) + otherPct;
  if (total >= cores * 100 * 0.9) return `the machine's ${cores} cores (${total.toFixed(0)} % busy, other sessions ${otherPct.toFixed(0)} %)`;
  if ((split.redis ?? 0) >= 85) return `Redis (one core: ${(split.redis ?? 0).toFixed(0)} %)`;
  if ((split.controller ?? 0) / controllers >= 85) return `the controller${controllers > 1 ? 's' : ''} (${((split.controller ?? 0) / controllers).toFixed(0)} % of a core each)`;
  if ((split['node-worker'] ?? 0) / nodes >= 85) return `the node-workers (${((split['node-worker'] ?? 0) / nodes).toFixed(0)} % of a core each)`;
  if ((split.bench ?? 0) >= 85) return `the load generator (${(split.bench ?? 0).toFixed(0)} %)`;
  return `none full (machine ${total.toFixed(0)} % of ${cores * 100} %)`;
}
