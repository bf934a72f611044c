import type { DeviceDriver, DriverSession } from '@netpulse/drivers';

export interface AcquiredSession {
  session: DriverSession;
  /** True when an already-open session is reused (result metadata `session_reused`). */
  reused: boolean;
}

/**
 * Where a job gets its session: a fresh one per job (FIFO) or the device's persistent one (pinned).
 */
export interface SessionSource {
  acquire(driver: DeviceDriver, args: Record<string, unknown>, signal: AbortSignal): Promise<AcquiredSession>;
  /** Gives the session back; `healthy: false` (timeout, stop mid-command, error) closes it. */
  release(acquired: AcquiredSession, healthy: boolean): Promise<void>;
}

/** FIFO: connect for the job, close after it. */
export class FreshSessionSource implements SessionSource {
  async acquire(driver: DeviceDriver, args: Record<string, unknown>, signal: AbortSignal): Promise<AcquiredSession> {
    return { session: await driver.connect(args, signal), reused: false };
  }

  async release(acquired: AcquiredSession): Promise<void> {
    await acquired.session.close();
  }
}
