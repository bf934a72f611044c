import type { AppLogger, NetpulseMetrics } from '@netpulse/observability';
import type { PinStore, PinnedEntry } from '@netpulse/state';
import type { DeviceJobProcessor } from '../jobs/device-job.processor';
import type { DeviceGuard } from '../sessions/device.guard';
import { PinnedSessionSource } from './pinned-session.source';

export interface PinnedWorkerDeps {
  guard: DeviceGuard;
  logger: AppLogger;
  metrics?: NetpulseMetrics;
  node: string;
  pins: PinStore;
  processor: DeviceJobProcessor;
  /** Reap after this long without a job, ms. */
  idleTimeoutMs: number;
  /** Called when the worker has been idle for `idleTimeoutMs`. */
  onIdle: (host: string) => void;
}

/**
 * One device's pinned worker, in-process: runs the device's jobs strictly in order on one
 * persistent session, probes the session while idle, and asks to be reaped when idle too long.
 */
export class PinnedWorker {
  readonly name: string;
  readonly sessions: PinnedSessionSource;
  private running = false;
  private wakeAgain = false;
  private stopped = false;
  private paused = false;
  private idleTimer: NodeJS.Timeout | null = null;
  private keepaliveTimer: NodeJS.Timeout | null = null;
  private probing = false;
  private current: Promise<void> = Promise.resolve();
  private readonly entry: PinnedEntry;

  constructor(
    readonly host: string,
    private readonly deps: PinnedWorkerDeps,
  ) {
    this.name = `${deps.node}_HostQ_${host}`;
    this.sessions = new PinnedSessionSource(deps.guard);
    this.entry = { name: this.name, host, status: 'idle', birth: Date.now(), successful: 0, failed: 0 };
  }

  get busy(): boolean {
    return this.running;
  }

  async register(): Promise<void> {
    await this.deps.pins.setPinned(this.deps.node, this.entry);
    this.armIdle();
  }

  /** A job may be waiting: drain the device's queue (again, if a drain is under way). */
  wake(): void {
    if (this.stopped || this.paused) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.current = this.drain();
  }

  /** Stops fetching (lost lease) and closes the session; jobs stay queued for whoever takes over. */
  async pause(): Promise<void> {
    this.paused = true;
    await this.current;
    await this.sessions.close();
  }

  /** Stops after the job in hand; closes the session. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    await this.current;
    await this.sessions.close();
  }

  private async drain(): Promise<void> {
    this.running = true;
    this.clearTimers();
    try {
      do {
        this.wakeAgain = false;
        while (!this.stopped && !this.paused) {
          const id = await this.deps.pins.popJob(this.host);
          if (!id) break;
          await this.setStatus('busy');
          const status = await this.deps.processor.process(id, this.name, this.sessions);
          if (status === 'finished') this.entry.successful++;
          else if (status) this.entry.failed++;
        }
      } while (this.wakeAgain && !this.stopped && !this.paused);
    } catch (err) {
      this.deps.logger.event('warn', 'pinned worker drain failed', { worker: this.name, err: err instanceof Error ? err.message : String(err) });
    } finally {
      this.running = false;
      await this.setStatus('idle');
      if (!this.stopped && !this.paused) this.armIdle();
    }
  }

  private async setStatus(status: PinnedEntry['status']): Promise<void> {
    this.entry.status = status;
    await this.deps.pins.setPinned(this.deps.node, this.entry).catch(() => undefined);
  }

  private armIdle(): void {
    this.clearTimers();
    this.idleTimer = setTimeout(() => this.deps.onIdle(this.host), this.deps.idleTimeoutMs);
    const k = this.sessions.keepaliveS;
    if (k > 0) this.keepaliveTimer = setInterval(() => void this.keepalive(), k * 1000);
  }

  private clearTimers(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.keepaliveTimer) clearInterval(this.keepaliveTimer);
    this.idleTimer = null;
    this.keepaliveTimer = null;
  }

  /** Application-level probe of an idle session; a dead one is closed (self-healing) and reopened by the next job. */
  private async keepalive(): Promise<void> {
    const s = this.sessions.current;
    if (!s || this.running || this.probing) return;
    this.probing = true;
    try {
      const ok = await s.probe();
      this.deps.metrics?.keepaliveProbe(ok ? 'ok' : 'failed');
      if (!ok) {
        this.deps.logger.event('warn', 'pinned session failed its keepalive probe; closed, the next job reconnects', { worker: this.name });
        await this.sessions.close();
        await this.deps.pins.incrSelfHealing().catch(() => undefined);
        this.deps.metrics?.selfHealingTriggered();
      }
    } finally {
      this.probing = false;
    }
  }
}
