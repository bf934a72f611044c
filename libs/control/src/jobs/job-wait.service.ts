import { Injectable } from '@nestjs/common';
import { ApiError, JobInResponse, TERMINAL_STATUSES } from '@netpulse/contracts';
import { JobEndWatcher, JobRecord, JobStore, toJobResponse } from '@netpulse/state';

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

  /** The job once terminal, or as it is after `waitMs`; 404 when it does not exist. */
  async get(id: string, waitMs: number): Promise<JobInResponse> {
    const rec = await this.untilTerminal(id, waitMs, null);
    if (!rec) throw ApiError.notFound(`Job ${id} not found`);
    return toJobResponse(rec);
  }

  /** Before creating a job to wait for: the shared subscription must be live before the job can end. */
  prepare(): Promise<void> {
    return this.watcher.ready();
  }

  /** Like `get` for a job just created (`known`, its record as written): no first read. */
  async afterCreate(known: JobInResponse, waitMs: number): Promise<JobInResponse> {
    if (TERMINAL_STATUSES.includes(known.status)) return known;
    const rec = await this.untilTerminal(known.id, waitMs, known);
    return rec ? toJobResponse(rec) : known;
  }

  /**
   * Registers interest before reading, so an end between the read and the wait is not missed. With
   * `known` (a non-terminal state just written by this request) the first read is skipped.
   */
  private async untilTerminal(id: string, waitMs: number, known: JobInResponse | null): Promise<JobRecord | null> {
    if (waitMs <= 0) return this.jobs.get(id);
    await this.watcher.ready();
    const watch = this.watcher.watch(id);
    try {
      if (!known) {
        const first = await this.jobs.get(id);
        if (!first || TERMINAL_STATUSES.includes(first.status)) return first;
      }
      await watch.until(waitMs);
      return await this.jobs.get(id);
    } finally {
      watch.cancel();
    }
  }
}
