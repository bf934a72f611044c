import type { LeaderLock } from '@netpulse/state';

/**
 * A background duty that exactly one controller performs at a time: every `everyMs` it takes or
 * renews its `LeaderLock` and, while it holds it, runs one pass. Passes never overlap (a slow pass
 * makes the next tick a no-op) and never reject: a failed pass goes to `onError` and the next tick
 * tries again. `stop` clears the timer and gives the lock up so another controller takes over at
 * once instead of after the lease.
 */
export class LeaderLoop {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly lock: LeaderLock,
    private readonly everyMs: number,
    private readonly pass: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.lock.release().catch(() => undefined);
  }

  /** One pass if this process is (or becomes) the leader and no pass is running. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      if (await this.lock.hold()) await this.pass();
    } catch (err) {
      this.onError(err);
    } finally {
      this.running = false;
    }
  }
}
