import { setTimeout as sleep } from 'node:timers/promises';
import type { ApiClient } from '@netpulse/testing';
import { randomUUID } from 'node:crypto';

/** Options of one bounded load loop: it stops by itself at `maxJobs` submissions or `maxDurationMs`, whichever comes first. */
export interface LoadLoopOptions {
  /** Request body of the n-th job (n from 0). */
  body: (n: number) => Record<string, unknown>;
  /**
   * Controllers to try, in order: a request that fails (no answer, or 5xx) is retried on the next one,
   * with the same `Idempotency-Key` so a retry never creates a second job.
   */
  clients: readonly ApiClient[];
  /** Tries per job across `clients` before it counts as refused. Default: 2 per client. */
  attempts?: number;
  /** Requests in flight at most; a slow system slows the loop instead of piling requests up. Default 32. */
  maxInFlight?: number;
  /** Stop after this long, in ms. */
  maxDurationMs: number;
  /** Stop after this many jobs. */
  maxJobs: number;
  /** Submissions per second (the loop never goes faster). */
  ratePerSec: number;
  /** A single HTTP request taking longer is aborted and counted in `hung`. Default 15,000 ms. */
  requestTimeoutMs?: number;
  /** Pause before a retry, in ms. Default 200. */
  retryDelayMs?: number;
}

/** One job the API accepted (201). */
export interface AcceptedJob {
  id: string;
  /** Its index in the loop (the `n` passed to `body`). */
  n: number;
  /** When the 201 came, ms since the epoch. */
  at: number;
}

/** One job the API did not accept after every try: the last answer (status 0: no answer at all). */
export interface RefusedJob {
  detail: string;
  n: number;
  status: number;
}

/** What a finished loop saw. */
export interface LoadResult {
  accepted: AcceptedJob[];
  /** Wall time from start to the last answer, ms. */
  durationMs: number;
  /** Requests aborted at `requestTimeoutMs`. */
  hung: number;
  refused: RefusedJob[];
  /** Jobs accepted only on a retry (the first try got no answer or a 5xx). */
  retried: number;
  /** Every 5xx answer (including those a retry then got through), by status. */
  serverErrors: Record<number, number>;
  /** The slowest single HTTP request, ms (answered or aborted). */
  slowestMs: number;
  submitted: number;
}

/**
 * Sustained, bounded load on `POST /device/exec`: `ratePerSec` submissions a second, each retried on
 * the next controller when one does not answer, until `maxJobs` or `maxDurationMs`. Records which jobs
 * were accepted (their ids are what a chaos test audits), what was refused and how long requests took.
 */
export class LoadLoop {
  private readonly accepted: AcceptedJob[] = [];
  private readonly refused: RefusedJob[] = [];
  private readonly serverErrors: Record<number, number> = {};
  private done: Promise<LoadResult> | null = null;
  private hung = 0;
  private retried = 0;
  private inFlight = 0;
  private slowestMs = 0;
  private stopRequested = false;
  private submitted = 0;

  constructor(private readonly opts: LoadLoopOptions) {
    if (!(opts.ratePerSec > 0)) throw new Error('ratePerSec must be a number greater than 0');
    if (!(opts.maxJobs > 0)) throw new Error('maxJobs must be a number greater than 0');
    if (!(opts.maxDurationMs > 0)) throw new Error('maxDurationMs must be a number greater than 0');
    if (opts.clients.length === 0) throw new Error('clients must not be empty');
  }

  /** Jobs accepted so far (the loop keeps running). */
  get acceptedSoFar(): readonly AcceptedJob[] {
    return this.accepted;
  }

  /** Starts the loop; the promise resolves when it has stopped and every request has been answered. */
  start(): Promise<LoadResult> {
    this.done ??= this.run();
    return this.done;
  }

  /** Ends the loop early; resolves like `start()`. */
  stop(): Promise<LoadResult> {
    this.stopRequested = true;
    return this.start();
  }

  private async run(): Promise<LoadResult> {
    const started = Date.now();
    const interval = 1000 / this.opts.ratePerSec;
    const maxInFlight = this.opts.maxInFlight ?? 32;
    const pending = new Set<Promise<void>>();
    for (let n = 0; n < this.opts.maxJobs && !this.stopRequested; n++) {
      const due = started + n * interval;
      if (due - started > this.opts.maxDurationMs) break;
      if (due > Date.now()) await sleep(due - Date.now());
      while (this.inFlight >= maxInFlight && Date.now() - started < this.opts.maxDurationMs) await sleep(10);
      if (this.stopRequested || Date.now() - started > this.opts.maxDurationMs) break;
      const p = this.submit(n).finally(() => pending.delete(p));
      pending.add(p);
    }
    await Promise.all(pending);
    return {
      accepted: [...this.accepted],
      durationMs: Date.now() - started,
      hung: this.hung,
      refused: [...this.refused],
      retried: this.retried,
      serverErrors: { ...this.serverErrors },
      slowestMs: this.slowestMs,
      submitted: this.submitted,
    };
  }

  private async submit(n: number): Promise<void> {
    this.submitted += 1;
    this.inFlight += 1;
    const key = `chaos-${randomUUID()}`;
    const body = JSON.stringify(this.opts.body(n));
    const attempts = this.opts.attempts ?? this.opts.clients.length * 2;
    let last: RefusedJob = { n, status: 0, detail: 'not tried' };
    try {
      for (let a = 0; a < attempts; a++) {
        const client = this.opts.clients[a % this.opts.clients.length];
        const answer = await this.post(client, body, key);
        if (answer.status === 201 && typeof answer.id === 'string') {
          this.accepted.push({ id: answer.id, n, at: Date.now() });
          if (a > 0) this.retried += 1;
          return;
        }
        last = { n, status: answer.status, detail: answer.detail };
        if (answer.status >= 500) this.serverErrors[answer.status] = (this.serverErrors[answer.status] ?? 0) + 1;
        // A 4xx other than 409 (an earlier try is still being processed) will not change on a retry.
        if (answer.status >= 400 && answer.status < 500 && answer.status !== 409) break;
        await sleep(this.opts.retryDelayMs ?? 200);
      }
      this.refused.push(last);
    } finally {
      this.inFlight -= 1;
    }
  }

  private async post(client: ApiClient, body: string, key: string): Promise<{ status: number; id?: string; detail: string }> {
    const timeoutMs = this.opts.requestTimeoutMs ?? 15_000;
    const t0 = Date.now();
    try {
      const res = await fetch(`${client.baseUrl}/device/exec`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-API-KEY': client.apiKey, 'Idempotency-Key': key },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let parsed: { id?: unknown; detail?: unknown } = {};
      try {
        parsed = JSON.parse(text) as { id?: unknown; detail?: unknown };
      } catch {
        parsed = {};
      }
      return { status: res.status, id: typeof parsed.id === 'string' ? parsed.id : undefined, detail: typeof parsed.detail === 'string' ? parsed.detail : text.slice(0, 200) };
    } catch (err) {
      const e = err as { name?: string; message?: string; cause?: { code?: string } };
      if (e.name === 'TimeoutError') this.hung += 1;
      return { status: 0, detail: `${e.name ?? 'Error'}: ${e.cause?.code ?? e.message ?? String(err)}` };
    } finally {
      this.slowestMs = Math.max(this.slowestMs, Date.now() - t0);
    }
  }
}

/** Node's promise timer, under the name the chaos suites import it by. */
export { sleep };
