import type { DeviceDriver, DriverSession } from '@netpulse/drivers';
import type { DeviceGuard } from './device.guard';

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

/** FIFO: connect for the job (through the device guard), close after it. */
export class FreshSessionSource implements SessionSource {
  constructor(private readonly guard: DeviceGuard) {}

  async acquire(driver: DeviceDriver, args: Record<string, unknown>, signal: AbortSignal): Promise<AcquiredSession> {
    return { session: await this.guard.connect(driver, args, signal), reused: false };
  }

  async release(acquired: AcquiredSession): Promise<void> {
    await acquired.session.close();
    this.guard.closed(acquired.session);
  }
}
