import type { DeviceJobRequest } from './device-job.request';
import type { SessionOperation } from './session-operation';

/**
 * The session operations of this worker, in priority order, built once at start. A duplicate name
 * is a startup error, not a silent shadowing.
 */
export class SessionOperationRegistry {
  private readonly ops: readonly SessionOperation[];

  /** @param onCleanupError told of each failed clean-up (the worker logs and counts it) */
  constructor(
    ops: readonly SessionOperation[],
    private readonly onCleanupError: (operation: string, jobId: string, err: unknown) => void = () => undefined,
  ) {
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

  /** Every operation's end-of-job clean-up; a failure is reported, never thrown (a clean-up never changes an outcome). */
  async afterJob(jobId: string, req: DeviceJobRequest): Promise<void> {
    await Promise.all(
      this.ops.map(async (op) => {
        try {
          await op.afterJob?.(jobId, req);
        } catch (err) {
          this.onCleanupError(op.name, jobId, err);
        }
      }),
    );
  }
}
