import { Injectable } from '@nestjs/common';
import { ApiError, JobInResponse, JobStatus, TERMINAL_STATUSES } from '@netpulse/contracts';
import { JobEndWatcher, JobStore } from '@netpulse/state';

/** The longest `?wait=` a request may ask for, seconds. */
export const MAX_WAIT_S = 60;

/**
 * `?wait=S` on `GET /jobs/{id}` and `POST /device/exec`: the answer is held until the job is terminal
 * or S seconds passed (then its current state). Driven by the job-ended channel (one subscriber per
 * controller, shared); Redis is read once before waiting and once after.
 */
@Injectable()
export class JobWaitService {
  constructor(
    private readonly jobs: JobStore,
    private readonly watcher: JobEndWatcher,
  ) {}

  /** `wait` as milliseconds; undefined when absent. A bad value is a 400 naming the parameter. */
  static parseWait(raw: string | undefined): number | undefined {
    if (raw === undefined) return undefined;
    const s = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(s) || s < 0 || s > MAX_WAIT_S) {
      throw ApiError.badRequest(`Query parameter 'wait' must be a number of seconds from 0 to ${MAX_WAIT_S}, got '${raw.slice(0, 40)}'`);
    }
    return Math.round(s * 1000);
  }

  /**
   * Until the job is terminal or `waitMs` passed. Only its status is read (a large result is read
   * once, by the answer that follows). False when the job does not exist.
   */
  async until(id: string, waitMs: number): Promise<boolean> {
    return (await this.untilTerminal(id, waitMs, null)) !== null;
  }

  /** Before creating a job to wait for: the shared subscription must be live before the job can end. */
  prepare(): Promise<void> {
    return this.watcher.ready();
  }

  /** Like `until` for a job just created (`known`, its record as written): no first read. */
  async untilAfterCreate(known: JobInResponse, waitMs: number): Promise<void> {
    if (TERMINAL_STATUSES.includes(known.status)) return;
    await this.untilTerminal(known.id, waitMs, known.status);
  }

  /**
   * Registers interest before reading, so an end between the read and the wait is not missed. With
   * `known` (a non-terminal state just written by this request) the first read is skipped. Returns
   * the status at the end, null when the job does not exist.
   */
  private async untilTerminal(id: string, waitMs: number, known: JobStatus | null): Promise<JobStatus | null> {
    if (waitMs <= 0) return known ?? this.jobs.statusOf(id);
    await this.watcher.ready();
    const watch = this.watcher.watch(id);
    try {
      if (!known) {
        const first = await this.jobs.statusOf(id);
        if (!first || TERMINAL_STATUSES.includes(first)) return first;
      }
      await watch.until(waitMs);
      return await this.jobs.statusOf(id);
    } finally {
      watch.cancel();
    }
  }
}
