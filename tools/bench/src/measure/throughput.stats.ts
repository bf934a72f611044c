import type { JobTimes } from '../load/job-record.reader';
import { Spread, Summary, spreadOf, summarize } from './summary.stats';

export interface ThroughputFigures {
  /** Finished jobs per second in each of the consecutive windows of the steady span. */
  jobsPerSec: Spread;
  /** Of jobs that ended in the steady span: created → ended, ms. */
  latencyMs: Summary;
  /** Of jobs that ended in the steady span: created → started, ms. */
  waitMs: Summary;
  /** Jobs that ended in the steady span, and how many of them did not finish cleanly (failed, or an exit_status ≠ 0). */
  completed: number;
  notOk: number;
  steadySeconds: number;
}

/**
 * Completions counted by their `ended_at` inside [fromMs, toMs) (the span the system had a backlog),
 * cut into `windows` equal windows so the figure comes with its spread.
 */
export function throughputOf(times: JobTimes[], fromMs: number, toMs: number, windows: number): ThroughputFigures {
  const inSpan = times.filter((t) => t.endedMs >= fromMs && t.endedMs < toMs);
  const width = (toMs - fromMs) / windows;
  const counts = new Array<number>(windows).fill(0);
  // Only clean completions count toward jobs/s; the others are reported as notOk.
  for (const t of inSpan.filter((x) => x.ok)) counts[Math.min(windows - 1, Math.floor((t.endedMs - fromMs) / width))]++;
  return {
    jobsPerSec: spreadOf(counts.map((c) => c / (width / 1000))),
    latencyMs: summarize(inSpan.map((t) => t.endedMs - t.createdMs)),
    waitMs: summarize(inSpan.map((t) => t.startedMs - t.createdMs)),
    completed: inSpan.length,
    notOk: inSpan.filter((t) => !t.ok).length,
    steadySeconds: (toMs - fromMs) / 1000,
  };
}
