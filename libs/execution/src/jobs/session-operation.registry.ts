import type { DeviceJobRequest } from './device-job.request';
import type { SessionOperation } from './session-operation';

/**
 * The session operations of this worker, in priority order, built once at start. A duplicate name
 * is a startup error, not a silent shadowing.
 */
export class SessionOperationRegistry {
  private readonly ops: readonly SessionOperation[];

  constructor(ops: readonly SessionOperation[]) {
    const seen = new Set<string>();
    for (const op of ops) {
      if (seen.has(op.name)) throw new Error(`Session operation '${op.name}' is registered twice`);
      seen.add(op.name);
    }
    this.ops = ops;
  }

  /** The operation that runs `req`, or null for a plain send/config. */
  find(req: DeviceJobRequest): SessionOperation | null {
    return this.ops.find((op) => op.appliesTo(req)) ?? null;
  }

  /** Every operation's end-of-job clean-up; failures are swallowed (a clean-up never changes an outcome). */
  async afterJob(jobId: string, req: DeviceJobRequest): Promise<void> {
    await Promise.all(this.ops.map((op) => op.afterJob?.(jobId, req).catch(() => undefined)));
  }
}
