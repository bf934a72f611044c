import type { SustainedResult } from '../load/sustained-load.runner';
import { FigureRow, TargetCheck, fmtMs, fmtRate, fmtSpread } from './scenario.report';

/** The rows of one sustained-load phase. */
export function throughputRows(r: SustainedResult, bulkSize: number, target?: (jobsPerSec: number) => TargetCheck): FigureRow[] {
  const f = r.figures;
  const rate: FigureRow = {
    figure: `${r.label}: finished jobs/s, sustained`,
    throughput: fmtRate(f.jobsPerSec.median),
    spread: fmtSpread(f.jobsPerSec.runs, fmtRate).replace('runs', 'windows'),
    headline: true,
  };
  if (target) rate.target = target(f.jobsPerSec.median);
  return [
    rate,
    { figure: `  ${r.label}: job latency under that load (created → ended)`, median: fmtMs(f.latencyMs.median), p99: fmtMs(f.latencyMs.p99) },
    { figure: `  ${r.label}: of which waiting (created → started)`, median: fmtMs(f.waitMs.median), p99: fmtMs(f.waitMs.p99) },
    { figure: `  ${r.label}: Redis commands per finished job (those run inside Lua scripts included)`, median: r.redisCommandsPerJob.toFixed(1) },
    { figure: `  ${r.label}: one /device/bulk request of ${bulkSize} devices answered`, median: fmtMs(r.submitMs.median), p99: fmtMs(r.submitMs.p99), throughput: fmtRate((bulkSize * 1000) / r.submitMs.median).replace('jobs/s', 'jobs/s accepted') },
  ];
}

/** Settings lines that say how clean the phase was. */
export function throughputNotes(r: SustainedResult): string {
  const f = r.figures;
  return `${r.label}: ${r.submitted} jobs submitted, ${f.completed} ended in the ${f.steadySeconds.toFixed(0)} s steady span (${f.notOk} of them not clean: failed or exit_status ≠ 0), ${r.refused} devices refused by bulk${r.refusedReason ? ` (${r.refusedReason})` : ''}, ${r.unfinished} unfinished after the drain`;
}
