import { DETACHED_RETENTION_SECONDS, DriverSession, ParamikoSession } from '@netpulse/drivers';
import type { AppLogger } from '@netpulse/observability';
import type { DetachedTaskStore } from '@netpulse/state';

/** At most one remote clean-up per host, port and user in this many seconds. */
export const DETACHED_GC_PERIOD_S = 1800;
/** A clean-up slower than this is abandoned (and tried again next period). */
const GC_TIMEOUT_MS = 10_000;

/**
 * On a new paramiko connection, removes the files of detached tasks that ended more than a day ago.
 * Throttled across all workers through Redis, so a job pays one extra exec
 * round trip at most once per period and target. It runs before the job (a FIFO job would close the
 * session under a background clean-up) and never fails it.
 */
export class DetachedGarbageCollector {
  constructor(
    private readonly tasks: DetachedTaskStore,
    private readonly logger: AppLogger,
  ) {}

  /** `DeviceGuard`'s hook for every new session; never rejects. */
  async afterConnect(session: DriverSession, args: Record<string, unknown>): Promise<void> {
    if (!(session instanceof ParamikoSession)) return;
    const port = Number(args.port ?? 22);
    try {
      if (!(await this.tasks.claimGarbageCollection(session.host, port, session.username, DETACHED_GC_PERIOD_S))) return;
      const removed = await session.collectDetachedGarbage(DETACHED_RETENTION_SECONDS, AbortSignal.timeout(GC_TIMEOUT_MS));
      if (removed.length > 0) this.logger.event('info', 'old detached task files removed', { host: session.host, tasks: removed });
    } catch (err) {
      this.logger.event('debug', 'detached task clean-up did not finish; the next period tries again', { host: session.host, err: err instanceof Error ? err.message : String(err) });
    }
  }
}
