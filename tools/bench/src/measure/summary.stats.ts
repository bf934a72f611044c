import { percentile } from './proc-stats';

/** Median, p99 and range of one series of samples. */
export interface Summary {
  n: number;
  median: number;
  p99: number;
  min: number;
  max: number;
}

export function summarize(values: number[]): Summary {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    min: sorted.length ? sorted[0] : NaN,
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
  };
}

/**
 * One figure measured over several runs: the median of the runs' values and their range, so a
 * reader sees how much a noisy machine moved it.
 */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function spreadOf(runs: number[]): Spread {
  const s = summarize(runs);
  return { median: s.median, min: s.min, max: s.max, runs };
}

/** Splits `values` into `parts` consecutive runs of (nearly) equal size. */
export function splitRuns<T>(values: T[], parts: number): T[][] {
  const out: T[][] = [];
  const size = Math.ceil(values.length / Math.max(1, parts));
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}
