import { DriverExecutionResult, JobResult, ResultType } from '@netpulse/contracts';
import { DriverRegistry, PartialResults, errorResult } from '@netpulse/drivers';
import type { SessionSource } from '../sessions/session.source';
import { DeviceJobRequest, driverRequestOf, isQuery, payloadList } from './device-job.request';
import type { SessionOperationRegistry } from './session-operation.registry';

export type RunOutcome = { status: 'finished' | 'failed' | 'stopped'; result: JobResult };

/** Why a run was interrupted, carried as the AbortSignal's reason. */
export type InterruptReason = 'stopped' | 'timeout';

export class JobFailure extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * The worker-side pipeline of contract §7.7: (render) → connect → send or config → (parse).
 * Connection and execution errors become one `exit_status: 1` result and the job still finishes
 * (§6.4); a timeout or a stop ends it failed or stopped with what was gathered.
 */
export class JobRunner {
  constructor(
    private readonly drivers: DriverRegistry,
    private readonly maxOutputBytes: number,
    /** File transfers, detached launches and detached-task jobs; null: plain send/config only. */
    private readonly operations: SessionOperationRegistry | null = null,
  ) {}

  async run(jobId: string, req: DeviceJobRequest, sessions: SessionSource, signal: AbortSignal): Promise<RunOutcome> {
    try {
      return await this.runJob(jobId, req, sessions, signal);
    } finally {
      // Whatever the outcome (connect error, stop, timeout): e.g. the multipart upload is removed.
      await this.operations?.afterJob(jobId, req);
    }
  }

  private async runJob(jobId: string, req: DeviceJobRequest, sessions: SessionSource, signal: AbortSignal): Promise<RunOutcome> {
    const driver = this.drivers.get(req.driver);
    if (!driver) return failed('UnknownDriverError', `Driver ${req.driver} is not available on this worker`);
    if (req.rendering) return failed('TemplateRenderError', 'Template rendering is not available on this server yet');
    const query = isQuery(req);
    const lines = payloadList(query ? req.command : req.config);
    const host = typeof req.connection_args.host === 'string' ? req.connection_args.host : null;
    let retval: DriverExecutionResult[] = [];
    let healthy = true;
    let acquired;
    try {
      acquired = await sessions.acquire(driver, req.connection_args, signal);
    } catch (err) {
      if (signal.aborted) return interrupted(signal, []);
      return finished([errorResult(lines.join('\n'), messageOf(err), host)]);
    }
    try {
      const ctx = { jobId, signal, maxOutputBytes: this.maxOutputBytes };
      const op = this.operations?.find(req) ?? null;
      if (op) retval = await op.run(acquired.session, req, lines, ctx);
      else retval = query ? await acquired.session.send(lines, driverRequestOf(req), ctx) : await acquired.session.config(lines, driverRequestOf(req), ctx);
      for (const r of retval) r.metadata = { ...r.metadata, session_reused: acquired.reused };
    } catch (err) {
      healthy = false;
      if (err instanceof PartialResults) retval = err.results;
      else if (!signal.aborted) retval = [errorResult(lines.join('\n'), messageOf(err), host)];
    } finally {
      if (signal.aborted) healthy = false;
      await sessions.release(acquired, healthy).catch(() => undefined);
    }
    if (signal.aborted) return interrupted(signal, retval);
    return finished(retval);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function finished(retval: DriverExecutionResult[]): RunOutcome {
  return { status: 'finished', result: { type: ResultType.Successful, retval, error: null } };
}

function failed(type: string, message: string): RunOutcome {
  return { status: 'failed', result: { type: ResultType.Failed, retval: null, error: { type, message } } };
}

function interrupted(signal: AbortSignal, retval: DriverExecutionResult[]): RunOutcome {
  const reason = signal.reason as InterruptReason | undefined;
  if (reason === 'stopped') {
    return { status: 'stopped', result: { type: ResultType.Stopped, retval, error: { type: 'JobStopped', message: 'Job was stopped by a client request' } } };
  }
  return { status: 'failed', result: { type: ResultType.Failed, retval: retval.length > 0 ? retval : null, error: { type: 'JobTimeoutException', message: 'Job exceeded its execution timeout' } } };
}
