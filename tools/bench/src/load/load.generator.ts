import { setTimeout as sleep } from 'node:timers/promises';
import type { JobRecordReader } from './job-record.reader';

/** Options of one sustained-load run. Every loop is bounded by both a count and a time. */
export interface LoadOptions {
  /** One submission (e.g. a `/device/bulk` request): the ids of the jobs it created. */
  submit: () => Promise<string[]>;
  /** Jobs submitted and not yet terminal above which submitting pauses (keeps a backlog, bounded). */
  maxInFlight: number;
  /** Submissions in flight at once. */
  submitters: number;
  /** Submit for this long, ms. */
  durationMs: number;
  /** Never submit more jobs than this. */
  maxJobs: number;
  /** After submitting stops, wait at most this long for the backlog to finish, ms. */
  drainMs: number;
  progress: (m: string) => void;
  /** Called once, the moment submitting stops (the end of the span the system had a backlog). */
  onStopSubmitting?: () => void;
}

export interface LoadOutcome {
  ids: string[];
  /** Epoch ms of the first submission and of the moment submitting stopped. */
  startedAt: number;
  stoppedAt: number;
  /** Round trip of each submission, ms. */
  submitMs: number[];
  /** Jobs still not terminal when the drain time ran out. */
  unfinished: number;
}

const CHECK_EVERY_MS = 200;
/**
 * Only the oldest in-flight jobs are checked each time: jobs finish roughly in submission order, and
 * checking them all would make the bench a bigger Redis client than the system it measures.
 */
const CHECK_OLDEST = 500;

/**
 * A closed-loop load generator: submits while fewer than `maxInFlight` jobs are unfinished, so the
 * system always has a backlog (it is measured at capacity) but the backlog never grows without bound.
 */
export class LoadGenerator {
  private pending: string[] = [];
  private readonly all: string[] = [];

  constructor(
    private readonly reader: JobRecordReader,
    private readonly opts: LoadOptions,
  ) {}

  async run(): Promise<LoadOutcome> {
    const o = this.opts;
    const startedAt = Date.now();
    const stopAt = startedAt + o.durationMs;
    const submitMs: number[] = [];
    let submitting = true;
    const checker = this.check(() => submitting || this.pending.length > 0, stopAt + o.drainMs);
    let lastReport = startedAt;
    const submitter = async (): Promise<void> => {
      while (Date.now() < stopAt && this.all.length < o.maxJobs) {
        if (this.pending.length >= o.maxInFlight) {
          await sleep(10);
          continue;
        }
        const t = performance.now();
        const ids = await o.submit();
        submitMs.push(performance.now() - t);
        this.pending.push(...ids);
        this.all.push(...ids);
        if (Date.now() - lastReport > 5000) {
          lastReport = Date.now();
          o.progress(`  ${this.all.length} submitted, ${this.pending.length} in flight`);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: o.submitters }, submitter));
    } finally {
      submitting = false;
      o.onStopSubmitting?.();
    }
    const stoppedAt = Date.now();
    await checker;
    return { ids: [...this.all], startedAt, stoppedAt, submitMs, unfinished: this.pending.length };
  }

  private async check(active: () => boolean, deadline: number): Promise<void> {
    while (active() && Date.now() < deadline) {
      await sleep(CHECK_EVERY_MS);
      const oldest = this.pending.slice(0, CHECK_OLDEST);
      if (oldest.length === 0) continue;
      const done = await this.reader.terminal(oldest);
      if (done.size > 0) this.pending = this.pending.filter((id) => !done.has(id));
    }
  }
}

