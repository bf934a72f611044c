import type { DeviceDriver, DriverSession } from '@netpulse/drivers';
import type { DeviceGuard } from '../sessions/device.guard';
import type { AcquiredSession, SessionSource } from '../sessions/session.source';

/**
 * A pinned worker's one persistent session. Reused while the connection identity (driver, host,
 * port, username, credential digest, session-shaping args) is unchanged and the session
 * is alive; replaced otherwise.
 */
export class PinnedSessionSource implements SessionSource {
  constructor(private readonly guard: DeviceGuard) {}

  private session: DriverSession | null = null;
  private identity: string | null = null;
  /** Seconds between keepalive probes of the current session (connection_args.keepalive). */
  keepaliveS = 60;

  get current(): DriverSession | null {
    return this.session;
  }

  async acquire(driver: DeviceDriver, args: Record<string, unknown>, signal: AbortSignal): Promise<AcquiredSession> {
    const identity = `${driver.name}:${driver.identity(args)}`;
    if (this.session && this.identity === identity && this.session.isAlive()) {
      this.guard.reused(driver);
      return { session: this.session, reused: true };
    }
    await this.close();
    this.session = await this.guard.connect(driver, args, signal);
    this.identity = identity;
    const k = Number(args.keepalive ?? 60);
    this.keepaliveS = Number.isFinite(k) && k > 0 ? k : 0;
    return { session: this.session, reused: false };
  }

  async release(acquired: AcquiredSession, healthy: boolean): Promise<void> {
    if (!healthy && acquired.session === this.session) await this.close();
  }

  async close(): Promise<void> {
    const s = this.session;
    this.session = null;
    this.identity = null;
    if (s) {
      await s.close().catch(() => undefined);
      this.guard.closed(s);
    }
  }
}
