import { DETACHED_RETENTION_SECONDS, DriverSession, ParamikoSession } from '@netpulse/drivers';
import type { AppLogger } from '@netpulse/observability';
import type { DetachedTaskStore } from '@netpulse/state';

/** At most one remote clean-up per host, port and user in this many seconds (contract §10). */
export const DETACHED_GC_PERIOD_S = 1800;

/**
 * On a new paramiko connection, removes the files of detached tasks that ended more than a day ago
 * (contract §8.3 / §10). Throttled across all workers through Redis, and run in the background:
 * a clean-up never delays or fails the job that opened the connection.
 */
export class DetachedGarbageCollector {
  constructor(
    private readonly tasks: DetachedTaskStore,
    private readonly logger: AppLogger,
  ) {}

  /** `DeviceGuard`'s hook for every new session. */
  afterConnect(session: DriverSession, args: Record<string, unknown>): void {
    if (!(session instanceof ParamikoSession)) return;
    void this.collect(session, Number(args.port ?? 22)).catch((err: unknown) => {
      // A session closed mid-way (FIFO jobs close theirs at once) is the usual cause: try again next period.
      this.logger.event('debug', 'detached task clean-up did not finish', { host: session.host, err: err instanceof Error ? err.message : String(err) });
    });
  }

  private async collect(session: ParamikoSession, port: number): Promise<void> {
    if (!(await this.tasks.claimGarbageCollection(session.host, port, session.username, DETACHED_GC_PERIOD_S))) return;
    let removed: string[];
    try {
      removed = await session.collectDetachedGarbage(DETACHED_RETENTION_SECONDS);
    } catch (err) {
      await this.tasks.releaseGarbageCollection(session.host, port, session.username);
      throw err;
    }
    if (removed.length > 0) this.logger.event('info', 'old detached task files removed', { host: session.host, tasks: removed });
  }
}
