import { AppLogger, NetpulseMetrics, forgetSecretValue, registerSecretValue, runWithRequestId } from '@netpulse/observability';
import { JobResult, ResultType, maskSecretValues, secretValuesOf } from '@netpulse/contracts';
import { JobStore, SecretBox, parsePinnedWorkerName } from '@netpulse/state';
import type { WorkerLease } from '../workers/worker-lease';
import type { JobEndNotifier } from './job-end.notifier';
import type { SessionSource } from '../sessions/session.source';
import type { DeviceJobRequest } from './device-job.request';
import { InterruptReason, JobRunner, RunOutcome } from './job.runner';
import { setTimeout as sleep } from 'node:timers/promises';

const SECRET_ARGS = ['password', 'secret', 'passphrase', 'proxy_password', 'proxy_passphrase', 'pkey', 'proxy_pkey'];
/** How long a claim or an outcome waits for Redis to come back (a restart, a Sentinel failover), ms. */
const RECORD_WAIT_MS = 60_000;

/** A job whose record this worker has just marked `started` (by `JobStore.start` or a pinned take). */
export interface StartedJob {
  id: string;
  payload: string;
  /** epoch micros */
  enqueuedAt: number | null;
}

/**
 * Runs one device job end to end on a worker: claims it in its record (skipping canceled and expired
 * ones), opens the sealed request, runs it under its execution timeout, records the outcome. A job that
 * a client stops (docs/compatibility.md: DELETE /jobs/{id} also stops a running job) ends `stopped`
 * with what it gathered. Every step that touches the device first checks the worker's lease: a worker
 * that stalled past it stops there, and an outcome that arrives after a sweeper declared the job
 * WorkerDied is kept as a late result, never dropped.
 */
export class DeviceJobProcessor {
  private readonly inFlight = new Map<string, AbortController>();

  constructor(
    private readonly jobs: Pick<JobStore, 'start' | 'get' | 'finish' | 'recordLate' | 'setCommand'>,
    private readonly box: Pick<SecretBox, 'open'>,
    private readonly runner: Pick<JobRunner, 'run'>,
    private readonly logger: Pick<AppLogger, 'event'>,
    private readonly metrics: Pick<NetpulseMetrics, 'jobStarted' | 'jobCompleted' | 'jobRanLate'>,
    private readonly notifier: Pick<JobEndNotifier, 'notify' | 'notifySealed'> | null = null,
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

  /** Claims and runs one job; resolves to its final status, or null when it did not run (canceled, expired, gone). */
  async process(jobId: string, worker: string, sessions: SessionSource, lease: WorkerLease): Promise<RunOutcome['status'] | null> {
    if (!lease.held()) throw new Error('the worker lease is not held: no job is claimed');
    const epoch = lease.epoch;
    const start = await this.untilRecorded(jobId, 'claim', () => this.jobs.start(jobId, worker));
    if (start.state === 'skipped') {
      this.logger.event('info', 'job skipped', { job_id: jobId, status: start.status });
      return null;
    }
    if (start.state === 'expired') {
      await this.expired(jobId, start.payload);
      return null;
    }
    return this.runStarted({ id: jobId, payload: start.payload, enqueuedAt: start.enqueuedAt }, worker, sessions, lease, epoch);
  }

  /** A job that ended JobExpired when it was taken: its webhook. */
  async expired(jobId: string, payload: string | null): Promise<void> {
    this.logger.event('info', 'job expired before it started', { job_id: jobId });
    const rec = await this.jobs.get(jobId);
    if (rec?.result) await this.notifier?.notifySealed(jobId, payload, 'failed', rec.result);
  }

  /**
   * Runs a job this worker has already marked started, under the lease epoch it was taken in;
   * resolves to its final status.
   */
  async runStarted(job: StartedJob, worker: string, sessions: SessionSource, lease: WorkerLease, epoch: number): Promise<RunOutcome['status']> {
    const jobId = job.id;
    let req: DeviceJobRequest;
    try {
      req = JSON.parse(this.box.open(job.payload)) as DeviceJobRequest;
    } catch {
      this.metrics.jobCompleted({ strategy: parsePinnedWorkerName(worker) ? 'pinned' : 'fifo', driver: 'other', status: 'failed' });
      await this.jobs.finish(jobId, worker, 'failed', { type: ResultType.Failed, retval: null, error: { type: 'PayloadError', message: 'The job request could not be decrypted (security.secret_key differs between apps?)' } });
      return 'failed';
    }
    if (job.enqueuedAt !== null) this.metrics.jobStarted(req.queue_strategy, Math.max(0, Date.now() / 1000 - job.enqueuedAt / 1e6));
    // Log lines of this job carry the id of the API request that created it.
    return runWithRequestId(req.request_id ?? jobId, () => this.run(jobId, worker, sessions, req, lease, epoch));
  }

  private async run(jobId: string, worker: string, sessions: SessionSource, req: DeviceJobRequest, lease: WorkerLease, epoch: number): Promise<RunOutcome['status']> {
    // Every secret value of the request (passwords, keys, tokens, webhook auth, header and cookie
    // values): kept out of log lines while the job runs, and replaced in what the job records.
    const values = secretValuesOf({ connection_args: req.connection_args, driver_args: req.driver_args, webhook: req.webhook });
    const secrets: unknown[] = [...new Set([...SECRET_ARGS.map((k) => req.connection_args[k]), req.driver_args?.sudo_password, ...values])];
    secrets.forEach(registerSecretValue);
    const controller = new AbortController();
    this.inFlight.set(jobId, controller);
    const timer = setTimeout(() => controller.abort('timeout' satisfies InterruptReason), req.execution_timeout * 1000);
    // Read synchronously before every step on the device: a timer could fire too late after a stall.
    const checkpoint = (): void => {
      if (!lease.held(epoch) && !controller.signal.aborted) controller.abort('lease-lost' satisfies InterruptReason);
    };
    const started = Date.now();
    let outcome: RunOutcome;
    try {
      outcome = await this.runner.run(jobId, req, sessions, controller.signal, checkpoint);
    } catch (err) {
      outcome = { status: 'failed', result: { type: ResultType.Failed, retval: null, error: { type: 'WorkerError', message: err instanceof Error ? err.message : String(err) } } };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(jobId);
    }
    if (outcome.result.error?.type === 'JobTimeoutException') {
      outcome.result.error.message = `Task exceeded maximum timeout value (${req.execution_timeout} seconds)`;
    }
    if (values.length > 0) outcome = { ...outcome, result: maskSecretValues(outcome.result, values), renderedLines: outcome.renderedLines && maskSecretValues(outcome.renderedLines, values) };
    if (outcome.renderedLines) await this.jobs.setCommand(jobId, outcome.renderedLines).catch(() => undefined);
    const written = await this.untilRecorded(jobId, 'outcome', () => this.jobs.finish(jobId, worker, outcome.status, outcome.result));
    if (written) await this.notifier?.notify(jobId, req, outcome.status, outcome.result);
    else await this.deliverLate(jobId, worker, req, outcome);
    this.logger.event('info', 'job ended', { job_id: jobId, status: outcome.status, written, duration_ms: Date.now() - started, host: req.connection_args.host });
    this.metrics.jobCompleted({ strategy: req.queue_strategy, driver: req.driver, status: outcome.status, executionSeconds: (Date.now() - started) / 1000 });
    secrets.forEach(forgetSecretValue);
    return outcome.status;
  }

  /**
   * The record was ended while this worker ran the job: by a client stop (nothing to add), or by a
   * sweeper that presumed the worker dead while it was only stalled. Then the outcome is kept, late:
   * the record stays failed but holds the device output and says the job ran; a webhook tells so.
   */
  private async deliverLate(jobId: string, worker: string, req: DeviceJobRequest, outcome: RunOutcome): Promise<void> {
    const result = lateResult(outcome);
    const recorded = await this.untilRecorded(jobId, 'outcome', () => this.jobs.recordLate(jobId, worker, result));
    if (!recorded) return;
    this.logger.event('warn', 'job ran late: it was declared WorkerDied while its worker stalled; its outcome is recorded now', { job_id: jobId, worker, status: outcome.status });
    this.metrics.jobRanLate(req.queue_strategy);
    await this.notifier?.notify(jobId, req, 'failed', result);
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
        await sleep(Math.min(250 * attempt, 2000));
      }
    }
  }
}

/**
 * The record of a job that ran on after it was declared WorkerDied: still `failed` (a terminal status
 * never changes), error type `JobRanLate`, the device output in `retval`, and a message that says what
 * ran so nobody resubmits a configuration that was applied.
 */
export function lateResult(outcome: RunOutcome): JobResult {
  const err = outcome.result.error;
  const what =
    outcome.status === 'finished'
      ? 'ran to its end'
      : err?.type === 'WorkerLeaseLost'
        ? 'stopped when the worker woke up, before sending anything more to the device'
        : outcome.status === 'stopped'
          ? 'was then stopped by a client request'
          : `then ended with ${err?.type ?? 'an error'}: ${err?.message ?? ''}`;
  const message =
    `The job was reported failed (WorkerDied) because its worker stopped answering, but the worker was only stalled: ` +
    `the job went on and ${what}. retval holds the device output; what it shows was applied to the device. ` +
    'Check the device before submitting the job again.';
  return { type: ResultType.Failed, retval: outcome.result.retval, error: { type: 'JobRanLate', message } };
}
