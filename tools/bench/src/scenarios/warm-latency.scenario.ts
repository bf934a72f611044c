import type { JobTiming } from '../load/job.waiter';
import { runSeries } from '../load/job-series.runner';
import { breakdownRows, latencyRow } from '../report/latency.rows';
import { RedisCommandCount, RedisCommandTally } from '../measure/redis-command.tally';
import { RedisStats } from '../measure/redis-stats';
import { cpuSeconds } from '../measure/proc-stats';
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
    const stats = bs.redisStats();
    const cpu = bs.cpuSampler(ctx.redisPid);
    let commands0 = await stats.commandsProcessed();
    cpu.begin();
    const runs: JobTiming[][] = [];
    for (let r = 0; r < s.runs; r++) {
      ctx.progress(`  run ${r + 1}/${s.runs}: ${s.jobs} sequential jobs`);
      runs.push(await runSeries(waiter, s.jobs, () => body(0, 'pinned'), 180_000));
    }
    const c = cpu.end();
    const commandsPerJob = ((await stats.commandsProcessed()) - commands0 - 1) / (s.runs * s.jobs);
    // The same jobs with `POST /device/exec?wait=`: the 201 carries the finished job.
    const waitCpu = bs.cpuSampler(ctx.redisPid);
    commands0 = await stats.commandsProcessed();
    waitCpu.begin();
    const waited: JobTiming[][] = [];
    for (let r = 0; r < s.runs; r++) {
      ctx.progress(`  run ${r + 1}/${s.runs} with ?wait=: ${s.jobs} sequential jobs`);
      waited.push(await runSeries(waiter, s.jobs, () => body(0, 'pinned'), 180_000, 'wait'));
    }
    const wc = waitCpu.end();
    const waitCommandsPerJob = ((await stats.commandsProcessed()) - commands0 - 1) / (s.runs * s.jobs);
    // Who sends which Redis command: a MONITOR over two more series (it slows Redis, so none of the timed ones).
    ctx.progress(`  Redis commands: ${s.jobs} jobs, then ${s.jobs} with ?wait=, under MONITOR`);
    const tally = await RedisCommandTally.open(ctx.redisHost, ctx.redisPort, bs.sys.namespace);
    let sent: RedisCommandCount;
    let sentWait: RedisCommandCount;
    try {
      await runSeries(waiter, s.jobs, () => body(0, 'pinned'), 180_000);
      sent = tally.take();
      await runSeries(waiter, s.jobs, () => body(0, 'pinned'), 180_000, 'wait');
      sentWait = tally.take();
    } finally {
      tally.close();
    }
    const perJob = (n: number): string => (n / s.jobs).toFixed(1);
    const mix = (c: RedisCommandCount): string => c.byName.map(([name, n]) => `${name} ${perJob(n)}`).join(', ');
    // A client without either: it polls GET /jobs/{id} back to back, competing with the job for the controller.
    ctx.progress(`  polling client: ${s.jobs} sequential jobs, each polled back to back`);
    const polled = [await runSeries(bs.pollingWaiter(), s.jobs, () => body(0, 'pinned'), 180_000)];
    // Controller CPU of one request, from its /proc counters over many sequential requests.
    const lastId = (await bs.http.get<{ id: string }[]>(`/jobs?host=${bs.devices()[0].host}&limit=1`)).body[0]?.id ?? '';
    const perRequestMs = async (path: string): Promise<number> => {
      const pid = bs.pidsOf('controller')[0];
      // Untimed first: a path the controller has not served for a while runs slower until V8 has re-tuned it.
      for (let i = 0; i < s.cpuRequests / 4; i++) await bs.http.get(path);
      const before = cpuSeconds(pid);
      for (let i = 0; i < s.cpuRequests; i++) await bs.http.get(path);
      return ((cpuSeconds(pid) - before) * 1000) / s.cpuRequests;
    };
    const getCpuMs = await perRequestMs(`/jobs/${lastId}`);
    const healthCpuMs = await perRequestMs('/health');
    stats.close();
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
        `${s.runs} runs × ${s.jobs} sequential pinned jobs after ${s.warmup} warm-up jobs (the first few hundred jobs after a process starts run slower while V8 compiles the hot paths: these figures are the steady state of a running system), then ${s.runs} runs × ${s.fifoJobs} sequential jobs with \`queue_strategy: fifo\` on a second device; each job read with one \`GET /jobs/{id}\` the moment Redis reports its record terminal (keyspace notifications on the bench's Redis), so the client adds no polling load`,
        `jobs not on a reused session: ${notReused}`,
      ],
      rows: [
        latencyRow('end to end (POST → result readable)', runs, 'e2eMs', { rate: true, headline: true }),
        latencyRow('overhead (end to end − device exchange)', runs, 'overheadMs', {
          headline: true,
          target: (m, p) => ({ text: 'p50 ≤ 3 ms, p99 ≤ 10 ms', met: m <= 3 && p <= 10 }),
        }),
        ...breakdownRows('', runs),
        latencyRow('with `POST /device/exec?wait=`: end to end (the 201 carries the finished job)', waited, 'e2eMs', {
          rate: true,
          headline: true,
          target: (m) => ({ text: 'p50 ≤ 5 ms', met: m <= 5 }),
        }),
        latencyRow('  with ?wait=: overhead (end to end − device exchange)', waited, 'overheadMs', { headline: true }),
        latencyRow('polling client (GET /jobs/{id} back to back): end to end', polled, 'e2eMs', { rate: true }),
        { figure: 'Redis commands per warm pinned job sent by the apps (a script call counts once; POST + one GET)', median: perJob(sent.sent), target: { text: '≤ 15', met: sent.sent / s.jobs <= 15 }, headline: true },
        { figure: '  with ?wait= (POST only)', median: perJob(sentWait.sent), target: { text: '≤ 15', met: sentWait.sent / s.jobs <= 15 } },
        { figure: '  and run inside those scripts', median: perJob(sent.inScripts) },
        { figure: 'Redis commands per warm pinned job, server count (scripts\' inner commands included; POST + one GET)', median: commandsPerJob.toFixed(1) },
        { figure: '  with ?wait= (POST only)', median: waitCommandsPerJob.toFixed(1) },
        { figure: `controller CPU per GET /jobs/{id} (${s.cpuRequests} sequential, after ${s.cpuRequests / 4} untimed)`, median: fmtMs(getCpuMs), target: { text: '≤ 0.3 ms', met: getCpuMs <= 0.3 }, headline: true },
        { figure: `controller CPU per GET /health (${s.cpuRequests} sequential, after ${s.cpuRequests / 4} untimed)`, median: fmtMs(healthCpuMs) },
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
        { label: 'pinned series with ?wait=', seconds: wc.seconds, split: wc.split, otherPct: wc.otherPct },
        { label: 'FIFO series', seconds: fc.seconds, split: fc.split, otherPct: fc.otherPct },
      ],
      limits: [
        'One job at a time: the figure is a sum of hops (HTTP in, Redis writes, the node\'s BLPOP wake-up, the SSH round trip, the result write, the poll), not a capacity.',
        '"Readable" includes the one `GET /jobs/{id}` that reads the terminal job (about one HTTP floor); a client polling every 50 ms would see it 25 ms later on average.',
        'Before each job on a reused session the netmiko session re-finds the prompt (one RETURN round trip to the device): part of "run" that is not "device exchange".',
        `Redis commands "sent by the apps" are counted with MONITOR over ${s.jobs} more jobs (not timed): every command a NetPulse process sent on the namespace's keys, the apps' heartbeats and sweeps during the series included, a script call (EVALSHA) once and MULTI/EXEC each once. Per job: ${mix(sent)}; with ?wait=: ${mix(sentWait)}.`,
        'The server count is Redis\' own total over the timed series divided by the jobs: every command of every client and each command a Lua script runs.',
        'Controller CPU per request is read from /proc (10 ms ticks) over the sequential requests: it includes Node\'s HTTP parsing and the socket writes.',
      ],
      seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    await bs.stop();
  }
}
