import type { DriverExecutionResult } from '@netpulse/contracts';
import type { DriverSession, ExecContext } from '@netpulse/drivers';
import type { DeviceJobRequest } from './device-job.request';

/**
 * Work a job does on its session other than a plain `send` or `config`: file transfers, detached
 * launches and the detached-task jobs. The runner picks the first operation that applies.
 */
export interface SessionOperation {
  /** Unique among operations (logs, duplicate check at start). */
  readonly name: string;
  appliesTo(req: DeviceJobRequest): boolean;
  /** Runs on an open session; `lines` is the payload as lines. Transport errors propagate. */
  run(session: DriverSession, req: DeviceJobRequest, lines: string[], ctx: ExecContext): Promise<DriverExecutionResult[]>;
  /** Called once the job ended, whatever its outcome and whether or not `run` was called. Must not throw. */
  afterJob?(jobId: string, req: DeviceJobRequest): Promise<void>;
}
