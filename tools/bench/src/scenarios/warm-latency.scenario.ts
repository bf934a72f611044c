import type { JobTiming } from '../load/job.waiter';
import { runSeries } from '../load/job-series.runner';
import { breakdownRows, latencyRow } from '../report/latency.rows';
import { RedisStats } from '../measure/redis-stats';
import { summarize } from '../measure/summary.stats';
import { ScenarioReport, fmtMs } from '../report/scenario.report';
import { BenchSystem } from '../suite/bench-system';
import type { BenchContext } from './bench-context';

export const WARM_LATENCY_HOST = '127.0.100.1';

/**
 * Scenario 1: one device, zero simulated latency, sequential `show clock` jobs on its pinned
 * session. End to end is POST → terminal record read back; overhead is that minus the device's own
 * command exchange. Then the same job on the FIFO path (a fresh session per job) for comparison.
 */
export async function warmLatency(ctx: BenchContext): Promise<ScenarioReport> {
  const s = ctx.settings.warmLatency;
  const t0 = Date.now();
  const bs = await BenchSystem.start(ctx, { fifoWorkers: 1, nodeWorkers: 1 }, [{ count: 2, platform: 'cisco_ios', firstHost: WARM_LATENCY_HOST, latencyMs: 0, loginDelayMs: 0 }]);
  try {
    const body = (i: number, strategy: 'pinned' | 'fifo') => {
      const dev = bs.devices()[i];
      return { driver: 'netmiko', queue_strategy: strategy, connection_args: { device_type: 'cisco_ios', host: dev.host, port: dev.port, username: 'admin', password: 'admin' }, command: 'show clock' };
    };
    const waiter = await bs.waiter();
    ctx.progress(`  warm-up: pin the device and run ${s.warmup} jobs`);
    await runSeries(waiter, s.warmup + 1, () => body(0, 'pinned'), 120_000);
    // The floor under every figure: one HTTP round trip to the controller that touches nothing else.
    const floor: number[] = [];
    for (let i = 0; i < s.jobs; i++) floor.push((await bs.http.get('/health')).ms);
    const redis = new RedisStats(ctx.redisHost, ctx.redisPort);
    const pings: number[] = [];
    try {
      for (let i = 0; i < s.jobs; i++) pings.push(await redis.pingMs());
    } finally {
      redis.close();
    }
    const cpu = bs.cpuSampler(ctx.redisPid);
    cpu.begin();
    const runs: JobTiming[][] = [];
    for (let r = 0; r < s.runs; r++) {
      ctx.progress(`  run ${r + 1}/${s.runs}: ${s.jobs} sequential jobs`);
      runs.push(await runSeries(waiter, s.jobs, () => body(0, 'pinned'), 180_000));
    }
    const c = cpu.end();
    // The same job on the FIFO path (a second device): a new SSH session per job, zero latency.
    const fifoCpu = bs.cpuSampler(ctx.redisPid);
    fifoCpu.begin();
    const fifo: JobTiming[][] = [];
    for (let r = 0; r < s.runs; r++) {
      ctx.progress(`  FIFO run ${r + 1}/${s.runs}: ${s.fifoJobs} sequential jobs, each on a new session`);
      fifo.push(await runSeries(waiter, s.fifoJobs, () => body(1, 'fifo'), 180_000));
    }
    const fc = fifoCpu.end();
    const notReused = runs.flat().filter((t) => t.reused !== true).length;
    return {
      id: '1',
      title: 'Warm pinned latency',
      settings: [
        `simulated cisco_ios devices (latency 0 ms, login delay 0 ms), 1 controller, 1 fifo-worker, 1 node-worker; driver netmiko (pinned), \`show clock\``,
        `${s.runs} runs × ${s.jobs} sequential pinned jobs after ${s.warmup} warm-up jobs, then ${s.runs} runs × ${s.fifoJobs} sequential jobs with \`queue_strategy: fifo\` on a second device; each job read with one \`GET /jobs/{id}\` the moment Redis reports its record terminal (keyspace notifications on the bench's Redis), so the client adds no polling load`,
        `jobs not on a reused session: ${notReused}`,
      ],
      rows: [
        latencyRow('end to end (POST → result readable)', runs, 'e2eMs', { rate: true, headline: true }),
        latencyRow('overhead (end to end − device exchange)', runs, 'overheadMs', {
          headline: true,
          target: (m, p) => ({ text: 'p50 ≤ 5 ms, p99 ≤ 20 ms', met: m <= 5 && p <= 20 }),
        }),
        ...breakdownRows('', runs),
        { figure: '  for scale: GET /health round trip (the HTTP floor)', median: fmtMs(summarize(floor).median), p99: fmtMs(summarize(floor).p99) },
        { figure: '  for scale: Redis PING round trip', median: fmtMs(summarize(pings).median), p99: fmtMs(summarize(pings).p99) },
        latencyRow('FIFO, fresh session per job: end to end', fifo, 'e2eMs', {
          rate: true,
          headline: true,
          target: (m) => ({ text: 'p50 ≤ 50 ms', met: m <= 50 }),
        }),
        ...breakdownRows('FIFO', fifo),
      ],
      cpu: [
        { label: 'pinned series', seconds: c.seconds, split: c.split, otherPct: c.otherPct },
        { label: 'FIFO series', seconds: fc.seconds, split: fc.split, otherPct: fc.otherPct },
      ],
      limits: [
        'One job at a time: the figure is a sum of hops (HTTP in, Redis writes, the node\'s BLPOP wake-up, the SSH round trip, the result write, the poll), not a capacity.',
        '"Readable" includes the one `GET /jobs/{id}` that reads the terminal job (about one HTTP floor); a client polling every 50 ms would see it 25 ms later on average.',
        'Before each job on a reused session the netmiko session re-finds the prompt (two RETURN round trips to the device): part of "run" that is not "device exchange".',
      ],
      seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    await bs.stop();
  }
}
