import type { JobTiming } from '../load/job.waiter';
import { summarize } from '../measure/summary.stats';
import { FigureRow, TargetCheck, fmtMs, fmtRate, fmtSpread } from './scenario.report';

type Field = keyof Pick<JobTiming, 'e2eMs' | 'acceptMs' | 'queueMs' | 'runMs' | 'deviceMs' | 'readMs' | 'overheadMs'>;

export interface LatencyRowOptions {
  /** Also report sequential jobs/s (1000 / mean e2e). */
  rate?: boolean;
  target?: (median: number, p99: number) => TargetCheck | undefined;
  headline?: boolean;
}

/**
 * One table row for a latency field: median and p99 over every job of every run; the spread is the
 * range of the per-run medians.
 */
export function latencyRow(figure: string, runs: JobTiming[][], field: Field, opts: LatencyRowOptions = {}): FigureRow {
  const all = runs.flat().map((t) => t[field]);
  const s = summarize(all);
  const runMedians = runs.map((r) => summarize(r.map((t) => t[field])).median);
  const row: FigureRow = { figure, median: fmtMs(s.median), p99: fmtMs(s.p99), spread: fmtSpread(runMedians, fmtMs) };
  if (opts.rate) {
    const mean = all.reduce((a, b) => a + b, 0) / Math.max(1, all.length);
    row.throughput = fmtRate(1000 / mean);
  }
  const target = opts.target?.(s.median, s.p99);
  if (target) row.target = target;
  if (opts.headline) row.headline = true;
  return row;
}

/** The breakdown rows of a series (indented under it): where the end-to-end time went. */
export function breakdownRows(label: string, runs: JobTiming[][]): FigureRow[] {
  const p = `  ${label ? `${label}: ` : ''}`;
  return [
    latencyRow(`${p}POST /device/exec answered (201)`, runs, 'acceptMs'),
    latencyRow(`${p}queue wait (enqueued → started)`, runs, 'queueMs'),
    latencyRow(`${p}run (started → ended)`, runs, 'runMs'),
    latencyRow(`${p}of which device exchange (duration_seconds, 1 ms resolution)`, runs, 'deviceMs'),
    latencyRow(`${p}ended → readable by the client`, runs, 'readMs'),
  ];
}
