import { pinAll, runSustained, type SustainedResult } from '../load/sustained-load.runner';
import { throughputNotes, throughputRows } from '../report/throughput.rows';
import type { FigureRow, ScenarioReport } from '../report/scenario.report';
import { BenchSystem } from '../suite/bench-system';
import type { BenchContext } from './bench-context';

const CISCO = { device_type: 'cisco_ios', username: 'admin', password: 'admin' };

/**
 * Scenario 3: sustained finished jobs per second over N devices, pinned (netmiko) and FIFO (netmiko
 * with `queue_strategy: fifo`, and paramiko on the simulator's Linux platform), submitted through
 * bulk requests, counted from the job records, with the CPU split of every process.
 */
export async function throughput(ctx: BenchContext): Promise<ScenarioReport> {
  const s = ctx.settings.throughput;
  const t0 = Date.now();
  const fleets = [
    { count: s.devices, platform: 'cisco_ios', firstHost: '127.0.104.1', latencyMs: 0, loginDelayMs: 0 },
    { count: s.devices, platform: 'cisco_ios', firstHost: '127.0.106.1', latencyMs: 0, loginDelayMs: 0 },
    { count: s.devices, platform: 'linux', firstHost: '127.0.108.1', latencyMs: 0, loginDelayMs: 0 },
  ];
  const bs = await BenchSystem.start(ctx, { fifoWorkers: 1, nodeWorkers: 1 }, fleets);
  try {
    const common = { bulkSize: s.bulkSize, submitters: s.submitters, maxInFlight: s.maxInFlight, warmupMs: s.warmupMs, steadyMs: s.steadyMs, windows: s.windows, drainMs: s.drainMs, redisPid: ctx.redisPid, progress: ctx.progress };
    // FIFO runs at a quarter of the pinned rate: a shallower backlog keeps its latency figure about service, not queueing.
    const fifo = { bulkSize: s.fifoBulkSize, submitters: s.fifoSubmitters, maxInFlight: s.fifoMaxInFlight };
    const pinnedBase = { driver: 'netmiko', connection_args: CISCO, command: 'show clock' };
    ctx.progress(`  pinning ${s.devices} devices (one job each)`);
    const pin = await pinAll(bs, pinnedBase, bs.devices(0), s.bulkSize, 300_000);
    const phases: { r: SustainedResult; target?: (v: number) => { text: string; met: boolean } }[] = [];
    phases.push({
      r: await runSustained(bs, { ...common, label: 'pinned (netmiko)', base: pinnedBase, devices: bs.devices(0) }),
      target: (v) => ({ text: '≥ 1,000 jobs/s', met: v >= 1000 }),
    });
    phases.push({
      r: await runSustained(bs, { ...common, label: 'FIFO (netmiko, new session per job)', ...fifo, base: { ...pinnedBase, queue_strategy: 'fifo' }, devices: bs.devices(1) }),
      target: (v) => ({ text: '≥ 100 jobs/s from one fifo-worker', met: v >= 100 }),
    });
    phases.push({
      r: await runSustained(bs, { ...common, label: 'FIFO (paramiko, new session per job)', ...fifo, base: { driver: 'paramiko', connection_args: { username: 'admin', password: 'admin' }, command: 'uname -s' }, devices: bs.devices(2) }),
      target: (v) => ({ text: '≥ 100 jobs/s from one fifo-worker', met: v >= 100 }),
    });
    const rows: FigureRow[] = phases.flatMap((p, i) => throughputRows(p.r, i === 0 ? s.bulkSize : s.fifoBulkSize, p.target));
    return {
      id: '3',
      title: `Throughput over ${s.devices} devices`,
      settings: [
        `1 controller, 1 fifo-worker (\`worker.fifo_concurrency\` 64, 2 sessions per device), 1 node-worker; simulated devices with zero latency; ${s.devices} devices per phase (cisco_ios for netmiko, the simulator's linux platform for paramiko)`,
        `load: \`/device/bulk\` requests of ${s.bulkSize} devices from ${s.submitters} concurrent submitters (FIFO: ${s.fifoBulkSize} devices, ${s.fifoSubmitters} submitters), paused while ≥ ${s.maxInFlight} (pinned) / ${s.fifoMaxInFlight} (FIFO) jobs are unfinished, so the system always has a backlog: the latency under load is mostly that backlog (Little's law), not service time; ${s.warmupMs / 1000} s warm-up, then ${s.steadyMs / 1000} s counted in ${s.windows} windows; completions read from the job records (status, \`ended_at\`, every \`exit_status\` 0)`,
        `pinned phase after pinning every device first (${pin.seconds.toFixed(1)} s for ${s.devices} first jobs, ${pin.notOk} not clean)`,
        ...phases.map((p) => throughputNotes(p.r)),
      ],
      rows,
      cpu: phases.map((p) => p.r.cpu),
      limits: [
        'Everything shares two cores: the CPU split shows which process is the ceiling in each phase. A process near 100 % of one core is single-thread bound (Node runs one event loop per process).',
        'The load generator (`bench`) and the simulator are in the same box; on real hardware their share goes to the system.',
      ],
      seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    await bs.stop();
  }
}
