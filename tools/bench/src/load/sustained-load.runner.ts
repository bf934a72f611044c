import { summarize, type Summary } from '../measure/summary.stats';
import { throughputOf, type ThroughputFigures } from '../measure/throughput.stats';
import type { CpuFigure } from '../report/scenario.report';
import type { BenchSystem } from '../suite/bench-system';
import type { SimDevice } from '../sim/fleet.messages';
import { BulkSubmitter } from './bulk.submitter';
import { LoadGenerator } from './load.generator';
import { setTimeout as sleep } from 'node:timers/promises';

export interface SustainedOptions {
  label: string;
  /** The bulk request without `devices`. */
  base: Record<string, unknown>;
  devices: SimDevice[];
  bulkSize: number;
  submitters: number;
  maxInFlight: number;
  warmupMs: number;
  steadyMs: number;
  windows: number;
  drainMs: number;
  redisPid: number;
  progress: (m: string) => void;
}

export interface SustainedResult {
  label: string;
  figures: ThroughputFigures;
  cpu: CpuFigure;
  /** Round trip of one bulk request of `bulkSize` devices. */
  submitMs: Summary;
  submitted: number;
  refused: number;
  refusedReason: string | null;
  unfinished: number;
  /** Commands Redis processed per finished job in the steady span (the bench's own reads removed). */
  redisCommandsPerJob: number;
}

/**
 * Keeps the system at capacity for warm-up + steady time through bulk requests, then counts the
 * jobs that ended during the steady span (from their records) and the CPU each process used in it.
 */
export async function runSustained(bs: BenchSystem, o: SustainedOptions): Promise<SustainedResult> {
  const submitter = new BulkSubmitter(bs.http, o.base, o.devices, o.bulkSize);
  const sampler = bs.cpuSampler(o.redisPid);
  const stats = bs.redisStats();
  const counts: { start?: Promise<number>; end?: Promise<number>; sentStart: number; sentEnd: number } = { sentStart: 0, sentEnd: 0 };
  // Set from the generator's callback: a holder, since TypeScript does not see a closure assign a `let`.
  const measured: { cpu: CpuFigure | null } = { cpu: null };
  const warm = setTimeout(() => {
    sampler.begin();
    counts.sentStart = bs.records.sent;
    counts.start = stats.commandsProcessed();
  }, o.warmupMs);
  o.progress(`  ${o.label}: ${((o.warmupMs + o.steadyMs) / 1000).toFixed(0)} s of load (${o.bulkSize} devices per bulk request, ≤ ${o.maxInFlight} jobs in flight)`);
  const gen = new LoadGenerator(bs.records, {
    submit: () => submitter.submit(),
    maxInFlight: o.maxInFlight,
    submitters: o.submitters,
    durationMs: o.warmupMs + o.steadyMs,
    maxJobs: 1_000_000,
    drainMs: o.drainMs,
    progress: o.progress,
    onStopSubmitting: () => {
      clearTimeout(warm);
      counts.sentEnd = bs.records.sent;
      counts.end = stats.commandsProcessed();
      try {
        const c = sampler.end();
        measured.cpu = { label: o.label, seconds: c.seconds, split: c.split, otherPct: c.otherPct };
      } catch {
        // Submitting stopped before the warm-up ended (a failed submission): no CPU window; the error surfaces from run().
      }
    },
  });
  let commands = NaN;
  let out;
  try {
    out = await gen.run();
    // The second INFO call is a command too.
    commands = (await (counts.end ?? Promise.resolve(NaN))) - (await (counts.start ?? Promise.resolve(NaN))) - (counts.sentEnd - counts.sentStart) - 1;
  } finally {
    stats.close();
  }
  o.progress(`  ${o.label}: ${out.ids.length} jobs submitted, reading their records`);
  const times = await bs.records.times(out.ids);
  const figures = throughputOf(times, out.startedAt + o.warmupMs, out.stoppedAt, o.windows);
  const cpu = measured.cpu;
  if (!cpu) throw new Error('the CPU window never closed');
  cpu.jobsPerSec = figures.completed / figures.steadySeconds;
  return {
    label: o.label,
    figures,
    cpu,
    submitMs: summarize(out.submitMs),
    submitted: out.ids.length,
    refused: submitter.refused,
    refusedReason: submitter.firstReason,
    unfinished: out.unfinished,
    redisCommandsPerJob: commands / figures.completed,
  };
}

/** One bulk request per `bulkSize` devices, each device once, waiting for all of them: pins (and logs in) every device. */
export async function pinAll(bs: BenchSystem, base: Record<string, unknown>, devices: SimDevice[], bulkSize: number, timeoutMs: number): Promise<{ seconds: number; notOk: number }> {
  const submitter = new BulkSubmitter(bs.http, base, devices, bulkSize);
  const t0 = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < devices.length; i += bulkSize) ids.push(...(await submitter.send(devices.slice(i, i + bulkSize))).succeeded.map((j) => j.id));
  if (submitter.refused > 0) throw new Error(`${submitter.refused} devices refused: ${submitter.firstReason ?? ''}`);
  let pending = ids;
  while (pending.length > 0) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${pending.length} of ${ids.length} first jobs unfinished after ${timeoutMs} ms`);
    await sleep(100);
    const done = await bs.records.terminal(pending);
    pending = pending.filter((id) => !done.has(id));
  }
  const seconds = (Date.now() - t0) / 1000;
  const times = await bs.records.times(ids);
  return { seconds, notOk: times.filter((t) => !t.ok).length };
}
