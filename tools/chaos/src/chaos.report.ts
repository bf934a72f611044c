import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditResult } from './job.audit';
import type { LoadResult } from './load.loop';

/** One line of the chaos report: a fault, the load held while it hit, and where every accepted job ended. */
export interface ChaosRow {
  accepted: number;
  /** Load duration, s. */
  durationS: number;
  failed: number;
  /** Failed jobs by `error.type`. */
  failedBy: Record<string, number>;
  fault: string;
  finished: number;
  /** Requests that took longer than the loop's request timeout. */
  hung: number;
  /** Achieved submissions per second. */
  jobsPerSec: number;
  lost: number;
  /** Free text: what else the test checked. */
  notes: string;
  /** Jobs not accepted (503 during an outage, ...), by final status. */
  refusedBy: Record<string, number>;
  /** The slowest single request, ms. */
  slowestMs: number;
}

/**
 * Rows of the chaos report. Each chaos test records its rows in the run directory that
 * `jest.chaos.config.js` names (`NETPULSE_CHAOS_REPORT_DIR`); the chaos reporter gathers them into
 * `.netpulse/chaos-report.json` and prints the table. Outside a chaos run (the short form in
 * `npm test`) recording is a no-op.
 */
export class ChaosReport {
  static row(fault: string, load: LoadResult, audit: AuditResult, notes = ''): ChaosRow {
    const refusedBy: Record<string, number> = {};
    for (const r of load.refused) refusedBy[String(r.status)] = (refusedBy[String(r.status)] ?? 0) + 1;
    const seconds = load.durationMs / 1000;
    return {
      accepted: audit.accepted,
      durationS: Math.round(seconds * 10) / 10,
      failed: audit.failed,
      failedBy: audit.failedBy,
      fault,
      finished: audit.finished,
      hung: load.hung,
      jobsPerSec: seconds > 0 ? Math.round((load.submitted / seconds) * 10) / 10 : 0,
      lost: audit.lost.length,
      notes,
      refusedBy,
      slowestMs: load.slowestMs,
    };
  }

  /** Records a row for the report (no-op outside `npm run test:chaos`); returns it. */
  static record(row: ChaosRow): ChaosRow {
    const dir = process.env.NETPULSE_CHAOS_REPORT_DIR;
    if (dir) {
      mkdirSync(dir, { recursive: true });
      const file = `${row.fault.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${process.pid}-${Date.now()}.json`;
      writeFileSync(join(dir, file), JSON.stringify(row, null, 2));
    }
    return row;
  }
}
