import type { JobTiming } from '../load/job.waiter';
import { runSeries } from '../load/job-series.runner';
import { latencyRow } from '../report/latency.rows';
import { FigureRow, ScenarioReport, fmtS, fmtSpread } from '../report/scenario.report';
import { summarize } from '../measure/summary.stats';
import { BenchSystem } from '../suite/bench-system';
import type { BenchContext } from './bench-context';

const FIRST_HOST = '127.0.100.20';

/**
 * Scenario 2: a device with 50 ms per command and a login cost. On the pinned path the first job
 * logs in and later jobs reuse the session; on FIFO every job logs in (the same device type and
 * command, `queue_strategy: fifo`).
 */
export async function sessionReuse(ctx: BenchContext): Promise<ScenarioReport> {
  const s = ctx.settings.sessionReuse;
  const t0 = Date.now();
  const count = s.devicesPerRun * s.runs + 1;
  const bs = await BenchSystem.start(ctx, { fifoWorkers: 1, nodeWorkers: 1 }, [{ count, platform: 'cisco_ios', firstHost: FIRST_HOST, latencyMs: s.latencyMs, loginDelayMs: s.loginDelayMs }]);
  try {
    const devices = bs.devices();
    const body = (i: number, strategy: 'pinned' | 'fifo') => ({
      driver: 'netmiko',
      queue_strategy: strategy,
      connection_args: { device_type: 'cisco_ios', host: devices[i].host, port: devices[i].port, username: 'admin', password: 'admin' },
      command: 'show clock',
    });
    const waiter = await bs.waiter();
    const cpu = bs.cpuSampler(ctx.redisPid);
    cpu.begin();
    const first: JobTiming[][] = [];
    const later: JobTiming[][] = [];
    const fifo: JobTiming[][] = [];
    const tenPinned: number[] = [];
    const tenFifo: number[] = [];
    for (let r = 0; r < s.runs; r++) {
      ctx.progress(`  run ${r + 1}/${s.runs}: ${s.devicesPerRun} devices × (first + ${s.laterJobs} later pinned jobs), then ${s.fifoJobs} FIFO jobs`);
      first.push([]);
      later.push([]);
      for (let d = 0; d < s.devicesPerRun; d++) {
        const i = r * s.devicesPerRun + d;
        const series = await runSeries(waiter, s.laterJobs + 1, () => body(i, 'pinned'), 120_000);
        first[r].push(series[0]);
        later[r].push(...series.slice(1));
        tenPinned.push(series.slice(0, 10).reduce((a, t) => a + t.e2eMs, 0));
      }
      // FIFO on the spare last device, so no pinned session of this scenario touches it.
      const f = await runSeries(waiter, s.fifoJobs, () => body(count - 1, 'fifo'), 180_000);
      fifo.push(f);
      if (f.length >= 10) tenFifo.push(f.slice(0, 10).reduce((a, t) => a + t.e2eMs, 0));
    }
    const c = cpu.end();
    const laterMed = summarize(later.flat().map((t) => t.e2eMs)).median;
    const fifoMed = summarize(fifo.flat().map((t) => t.e2eMs)).median;
    const rows: FigureRow[] = [
      latencyRow('pinned: first job on a device (login)', first, 'e2eMs', { headline: true }),
      latencyRow('pinned: later jobs (session reused)', later, 'e2eMs', { rate: true, headline: true }),
      latencyRow('  overhead of a later job (end to end − device exchange)', later, 'overheadMs'),
      latencyRow('FIFO: every job (new session each time)', fifo, 'e2eMs', { rate: true, headline: true }),
      latencyRow('  overhead of a FIFO job (end to end − device exchange)', fifo, 'overheadMs'),
      { figure: 'later pinned job ÷ FIFO job (medians)', median: `${((laterMed / fifoMed) * 100).toFixed(0)} %` },
    ];
    if (tenPinned.length > 0) rows.push({ figure: '10 operations on one device, pinned (first + 9 later)', median: fmtS(summarize(tenPinned).median), spread: fmtSpread(tenPinned, fmtS).replace('runs', 'devices') });
    if (tenFifo.length > 0) rows.push({ figure: '10 operations on one device, FIFO', median: fmtS(summarize(tenFifo).median), spread: fmtSpread(tenFifo, fmtS) });
    return {
      id: '2',
      title: 'Session reuse (50 ms device latency, login cost)',
      settings: [
        `simulated cisco_ios devices with ${s.latencyMs} ms before each command's output and ${s.loginDelayMs} ms before each authentication answer (a TACACS round trip); 1 controller, 1 fifo-worker, 1 node-worker`,
        `driver netmiko, \`show clock\`; ${s.runs} runs, each: ${s.devicesPerRun} fresh devices × (first + ${s.laterJobs} later jobs, pinned), then ${s.fifoJobs} jobs with \`queue_strategy: fifo\` on one device; jobs sequential`,
        'A new netmiko session on cisco_ios costs the login, two RETURNs to find the prompt, and `terminal length 0` + `terminal width 511` (2 × the command latency) before the command itself.',
      ],
      rows,
      cpu: [{ label: 'whole scenario', seconds: c.seconds, split: c.split, otherPct: c.otherPct }],
      limits: [
        `Device time dominates by construction: ${s.latencyMs} ms per command, ${s.loginDelayMs} ms per login. A later pinned job costs one command; a FIFO job pays the login, the handshake and the session setup every time.`,
        'The simulator answers the SSH handshake itself in the same machine (curve25519 key exchange and host key signature on both ends), so a fresh session here is cheaper than against a real device and a TACACS server.',
      ],
      seconds: (Date.now() - t0) / 1000,
    };
  } finally {
    await bs.stop();
  }
}
