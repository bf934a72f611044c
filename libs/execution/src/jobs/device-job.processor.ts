import { ResultType } from '@netpulse/contracts';
import { AppLogger, NetpulseMetrics, forgetSecretValue, registerSecretValue, runWithRequestId } from '@netpulse/observability';
import { JobStore, SecretBox } from '@netpulse/state';
import type { JobEndNotifier } from './job-end.notifier';
import type { SessionSource } from '../sessions/session.source';
import type { DeviceJobRequest } from './device-job.request';
import { InterruptReason, JobRunner, RunOutcome } from './job.runner';

const SECRET_ARGS = ['password', 'secret', 'passphrase', 'proxy_password', 'proxy_passphrase', 'pkey', 'proxy_pkey'];
/** How long a claim or an outcome waits for Redis to come back (a restart, a Sentinel failover), ms. */
const RECORD_WAIT_MS = 60_000;

/**
 * Runs one device job end to end on a worker: claims it in its record (skipping canceled and expired
 * ones), opens the sealed request, runs it under its execution timeout, records the outcome. A job that
 * a client stops (docs/compatibility.md: DELETE /jobs/{id} also stops a running job) ends `stopped` with what it gathered.
 */
export class DeviceJobProcessor {
  private readonly inFlight = new Map<string, AbortController>();

  constructor(
    private readonly jobs: JobStore,
    private readonly box: SecretBox,
    private readonly runner: JobRunner,
    private readonly logger: AppLogger,
    private readonly metrics: NetpulseMetrics,
    private readonly notifier: JobEndNotifier | null = null,
  ) {}

  get busy(): number {
    return this.inFlight.size;
  }

  /** Interrupts a running job of this worker; false when it does not run here. */
  stop(jobId: string, reason: InterruptReason = 'stopped'): boolean {
    const c = this.inFlight.get(jobId);
    if (!c) return false;
    c.abort(reason);
    return true;
  }

  /** Runs one job; resolves to its final status, or null when it did not run (canceled, expired, gone). */
  async process(jobId: string, worker: string, sessions: SessionSource): Promise<RunOutcome['status'] | null> {
    const start = await this.untilRecorded(jobId, 'claim', () => this.jobs.start(jobId, worker));
    if (start.state === 'skipped') {
      this.logger.event('info', 'job skipped', { job_id: jobId, status: start.status });
      return null;
    }
    if (start.state === 'expired') {
      this.logger.event('info', 'job expired before it started', { job_id: jobId });
      const rec = await this.jobs.get(jobId);
      if (rec?.result) await this.notifier?.notifySealed(jobId, start.payload, 'failed', rec.result);
      return null;
    }
    let req: DeviceJobRequest;
    try {
      req = JSON.parse(this.box.open(start.payload)) as DeviceJobRequest;
    } catch {
      this.metrics.jobCompleted({ strategy: 'fifo', driver: 'other', status: 'failed' });
      await this.jobs.finish(jobId, worker, 'failed', { type: ResultType.Failed, retval: null, error: { type: 'PayloadError', message: 'The job request could not be decrypted (security.secret_key differs between apps?)' } });
      return 'failed';
    }
    if (start.enqueuedAt !== null) this.metrics.jobStarted(req.queue_strategy, Math.max(0, Date.now() / 1000 - start.enqueuedAt / 1e6));
    // Log lines of this job carry the id of the API request that created it.
    return runWithRequestId(req.request_id ?? jobId, () => this.run(jobId, worker, sessions, req));
  }

  private async run(jobId: string, worker: string, sessions: SessionSource, req: DeviceJobRequest): Promise<RunOutcome['status']> {
    const secrets = SECRET_ARGS.map((k) => req.connection_args[k]).concat([req.driver_args?.sudo_password]);
    secrets.forEach(registerSecretValue);
    const controller = new AbortController();
    this.inFlight.set(jobId, controller);
    const timer = setTimeout(() => controller.abort('timeout' satisfies InterruptReason), req.execution_timeout * 1000);
    const started = Date.now();
    let outcome: RunOutcome;
    try {
      outcome = await this.runner.run(jobId, req, sessions, controller.signal);
    } catch (err) {
      outcome = { status: 'failed', result: { type: ResultType.Failed, retval: null, error: { type: 'WorkerError', message: err instanceof Error ? err.message : String(err) } } };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(jobId);
    }
    if (outcome.result.error?.type === 'JobTimeoutException') {
      outcome.result.error.message = `Task exceeded maximum timeout value (${req.execution_timeout} seconds)`;
    }
    if (outcome.renderedLines) await this.jobs.setCommand(jobId, outcome.renderedLines).catch(() => undefined);
    const written = await this.untilRecorded(jobId, 'outcome', () => this.jobs.finish(jobId, worker, outcome.status, outcome.result));
    if (written) await this.notifier?.notify(jobId, req, outcome.status, outcome.result);
    this.logger.event('info', 'job ended', { job_id: jobId, status: outcome.status, written, duration_ms: Date.now() - started, host: req.connection_args.host });
    this.metrics.jobCompleted({ strategy: req.queue_strategy, driver: req.driver, status: outcome.status, executionSeconds: (Date.now() - started) / 1000 });
    secrets.forEach(forgetSecretValue);
    return outcome.status;
  }

  /**
   * A job popped from its queue, or one that has run, exists only in this worker's hands until its
   * record says so: when Redis is briefly away the write is retried instead of dropped (a dropped
   * outcome would leave the job `started` forever). Gives up after RECORD_WAIT_MS.
   */
  private async untilRecorded<T>(jobId: string, what: 'claim' | 'outcome', write: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + RECORD_WAIT_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (Date.now() > deadline) throw err;
        if (attempt === 1) this.logger.event('warn', `job ${what} not recorded yet (Redis unavailable); retrying`, { job_id: jobId, err: err instanceof Error ? err.message : String(err) });
        await new Promise((r) => setTimeout(r, Math.min(250 * attempt, 2000)));
      }
    }
  }
}
