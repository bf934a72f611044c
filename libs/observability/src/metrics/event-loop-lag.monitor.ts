/** Options of an {@link EventLoopLagMonitor}. */
export interface EventLoopLagMonitorOptions {
  /** How often the loop is sampled, milliseconds. Default 100. */
  readonly intervalMs?: number;
  /** How far back {@link EventLoopLagMonitor.worstRecentLag} looks, milliseconds. Default 5000. */
  readonly windowMs?: number;
}

/**
 * Event-loop lag as a first-class signal: a timer that should fire every `intervalMs` records how late
 * it fired (`observe`, seconds: `netpulse_event_loop_lag_seconds`, a histogram), and the worst lag of the last few seconds
 * feeds `/readyz`, so a process whose loop was just held (a catastrophic regex, a huge render) is
 * taken out of rotation until it recovers. The timer is unref'd: it never keeps a process alive.
 */
export class EventLoopLagMonitor {
  private readonly intervalMs: number;
  private readonly windowMs: number;
  private readonly samples: { at: number; lag: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private expected = 0;

  constructor(
    private readonly observe: (seconds: number) => void,
    options: EventLoopLagMonitorOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 100;
    this.windowMs = options.windowMs ?? 5000;
    if (!(this.intervalMs > 0) || !(this.windowMs > 0)) throw new Error('intervalMs and windowMs must be numbers greater than 0');
  }

  start(): this {
    if (this.timer) return this;
    this.expected = performance.now() + this.intervalMs;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** The worst lag seen in the last `windowMs`, seconds (the one building up now included). */
  worstRecentLag(): number {
    const now = performance.now();
    this.forget(now);
    const pending = this.timer ? Math.max(0, now - this.expected) : 0;
    return Math.max(pending, ...this.samples.map((s) => s.lag)) / 1000;
  }

  private tick(): void {
    const now = performance.now();
    const lag = Math.max(0, now - this.expected);
    this.expected = now + this.intervalMs;
    this.observe(lag / 1000);
    // Only lags worth reporting are kept; a healthy loop keeps this list empty.
    if (lag >= 10) this.samples.push({ at: now, lag });
    this.forget(now);
  }

  private forget(now: number): void {
    while (this.samples.length > 0 && (this.samples[0] as { at: number }).at < now - this.windowMs) this.samples.shift();
  }
}
