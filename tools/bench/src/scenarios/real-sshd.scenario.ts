import { prepare, startSshd } from '@netpulse/testing';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { JobTiming } from '../load/job.waiter';
import { runSeries } from '../load/job-series.runner';
import { latencyRow } from '../report/latency.rows';
import type { CpuFigure, FigureRow, ScenarioReport } from '../report/scenario.report';
import { BenchSystem } from '../suite/bench-system';
import type { BenchContext } from './bench-context';
import { setTimeout as sleep } from 'node:timers/promises';

/** The test user `prepare()` creates, and where it keeps the password. */
const TEST_USER = 'nptest';
const TEST_PASSWORD_FILE = '/var/lib/netpulse-test/password';
const COMMAND = 'uname -s';

interface DriverCase {
  label: string;
  driver: 'paramiko' | 'netmiko';
  extra: Record<string, unknown>;
}

const CASES: DriverCase[] = [
  { label: 'paramiko', driver: 'paramiko', extra: {} },
  { label: 'netmiko (device_type linux)', driver: 'netmiko', extra: { device_type: 'linux' } },
];

/**
 * Scenario 2b: scenarios 1 and 2 against a real OpenSSH server on 127.0.0.1 (a private sshd, the
 * test user), with both Linux-capable drivers: pinned first job, later jobs on the reused session,
 * and FIFO jobs with a new session each.
 */
export async function realSshd(ctx: BenchContext): Promise<ScenarioReport> {
  const s = ctx.settings.realSshd;
  const t0 = Date.now();
  ctx.progress('  preparing the test user and a private sshd on 127.0.0.1');
  await prepare();
  const dir = join(ctx.logRoot, 'sshd');
  const sshd = await startSshd(dir);
  const stopSshd = ctx.teardown.add('sshd', async () => {
    try {
      process.kill(sshd.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  });
  const password = readFileSync(TEST_PASSWORD_FILE, 'utf8').trim();
  try {
    const bs = await BenchSystem.start(ctx, { fifoWorkers: 1, nodeWorkers: 1 }, []);
    try {
      const waiter = await bs.waiter();
      const rows: FigureRow[] = [];
      const cpu: CpuFigure[] = [];
      for (const c of CASES) {
        const body = (strategy: 'pinned' | 'fifo') => ({
          driver: c.driver,
          queue_strategy: strategy,
          connection_args: { host: '127.0.0.1', port: sshd.port, username: TEST_USER, password, ...c.extra },
          command: COMMAND,
        });
        const first: JobTiming[][] = [];
        const later: JobTiming[][] = [];
        const fifo: JobTiming[][] = [];
        const sampler = bs.cpuSampler(ctx.redisPid);
        sampler.begin();
        for (let r = 0; r < s.runs; r++) {
          ctx.progress(`  ${c.label}, run ${r + 1}/${s.runs}: first + ${s.warmup} warm-up + ${s.laterJobs} pinned jobs, ${s.fifoJobs} FIFO jobs`);
          // Each run's first job pins the host anew and opens a new session (one sshd, one host: 127.0.0.1).
          await unpin(bs, '127.0.0.1');
          const pinned = await runSeries(waiter, 1 + s.warmup + s.laterJobs, () => body('pinned'), 120_000);
          first.push(pinned.slice(0, 1));
          later.push(pinned.slice(1 + s.warmup));
          fifo.push(await runSeries(waiter, s.fifoJobs, () => body('fifo'), 120_000));
        }
        const u = sampler.end();
        cpu.push({ label: c.label, seconds: u.seconds, split: u.split, otherPct: u.otherPct });
        rows.push(
          latencyRow(`${c.label}: pinned first job (login)`, first, 'e2eMs'),
          latencyRow(`${c.label}: pinned later jobs`, later, 'e2eMs', { rate: true, headline: true }),
          latencyRow(`  ${c.label}: overhead of a later job (end to end − device exchange)`, later, 'overheadMs'),
          latencyRow(`${c.label}: FIFO job (new session each)`, fifo, 'e2eMs', { rate: true, headline: true }),
        );
      }
      return {
        id: '2b',
        title: 'Real sshd (OpenSSH on 127.0.0.1)',
        settings: [
          `a private OpenSSH sshd on 127.0.0.1 (password auth, \`UsePAM no\`), the test user \`${TEST_USER}\`; command \`${COMMAND}\`; 1 controller, 1 fifo-worker, 1 node-worker`,
          `per driver, ${s.runs} runs of: a first pinned job (the host unpinned before it through \`DELETE /workers?queue=HostQ_127.0.0.1\`, so it pins and logs in anew), ${s.warmup} warm-up and ${s.laterJobs} measured later jobs on that session, then ${s.fifoJobs} jobs with \`queue_strategy: fifo\`; jobs sequential`,
          'paramiko runs each command in its own exec channel (sshd forks a shell per command); netmiko types it into one interactive bash and reads to the prompt.',
        ],
        rows,
        cpu,
        limits: [
          'The device exchange is real here: sshd forks a process per exec channel (paramiko) and bash runs `uname` either way; the new-session cost is OpenSSH\'s key exchange, password check and session setup.',
          'With a single device, a pinned job is serial by design: the figure is latency, not capacity.',
        ],
        seconds: (Date.now() - t0) / 1000,
      };
    } finally {
      await bs.stop();
    }
  } finally {
    await stopSshd();
  }
}

/** Unpins a host through the API and waits until its pinned worker is gone (bounded). */
async function unpin(bs: BenchSystem, host: string): Promise<void> {
  const q = encodeURIComponent(`HostQ_${host}`);
  await bs.http.delete(`/workers?queue=${q}`);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const res = await bs.http.get<unknown[]>(`/workers?queue=${q}`);
    if (res.status === 200 && Array.isArray(res.body) && res.body.length === 0) return;
    await sleep(50);
  }
  throw new Error(`the pinned worker of ${host} was still listed 15 s after DELETE /workers`);
}
