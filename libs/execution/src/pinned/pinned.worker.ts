import type { AppLogger, NetpulseMetrics } from '@netpulse/observability';
import { PinStore, PinnedEntry, pinnedWorkerName } from '@netpulse/state';
import { randomUUID } from 'node:crypto';
import type { DeviceJobProcessor } from '../jobs/device-job.processor';
import type { DeviceGuard } from '../sessions/device.guard';
import type { WorkerLease } from '../workers/worker-lease';
import { PinnedSessionSource } from './pinned-session.source';

export interface PinnedWorkerDeps {
  guard: DeviceGuard;
  /** The node's lease: no job is taken, and no step of one runs, without it. */
  lease: WorkerLease;
  logger: Pick<AppLogger, 'event'>;
  metrics?: Pick<NetpulseMetrics, 'keepaliveProbe' | 'selfHealingTriggered'>;
  node: string;
  pins: Pick<PinStore, 'takeJob' | 'setPinned' | 'incrSelfHealing'>;
  processor: Pick<DeviceJobProcessor, 'runStarted' | 'expired'>;
  /** Reap after this long without a job, ms. */
  idleTimeoutMs: number;
  /** Called when the worker has been idle for `idleTimeoutMs`. */
  onIdle: (host: string) => void;
  /** Called when the device turned out to be pinned to another node now (this worker must go). */
  onMoved: (host: string) => void;
}

/** After a take failed (Redis away), the next attempt, ms: the job it may have taken must not wait for another wake-up. */
const TAKE_RETRY_MS = 1000;

/**
 * How long after its queue ran dry a worker is shown idle, ms. A client sending one job after
 * another keeps it busy in between, so a steady stream costs no busy/idle write per job.
 */
export const IDLE_MARK_DELAY_MS = 200;

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
  /** The token of a take whose reply has not come back: the next take repeats it (same job, never a second one). */
  private takeToken: string | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /** The pending write that shows the worker idle (see IDLE_MARK_DELAY_MS); its stored status is still busy. */
  private idleMark: NodeJS.Timeout | null = null;

  constructor(
    readonly host: string,
    private readonly deps: PinnedWorkerDeps,
  ) {
    this.name = pinnedWorkerName(deps.node, host);
    this.sessions = new PinnedSessionSource(deps.guard);
    const now = Date.now();
    this.entry = { name: this.name, host, status: 'idle', birth: now, last_used: now, successful: 0, failed: 0 };
  }

  get busy(): boolean {
    return this.running;
  }

  /** When it last started or ended a job (ms; its start before the first). */
  get lastUsed(): number {
    return this.entry.last_used ?? this.entry.birth;
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
    await this.markIdleNow();
    await this.sessions.close();
  }

  /** Stops after the job in hand; closes the session. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    await this.current;
    await this.markIdleNow();
    await this.sessions.close();
  }

  private async drain(): Promise<void> {
    this.running = true;
    this.clearTimers();
    try {
      do {
        this.wakeAgain = false;
        while (!this.stopped && !this.paused && (await this.next())) {
          // next() ran one job, or ended one that expired in the queue
        }
      } while (this.wakeAgain && !this.stopped && !this.paused);
    } catch (err) {
      this.deps.logger.event('warn', 'pinned worker drain failed', { worker: this.name, err: err instanceof Error ? err.message : String(err) });
      if (this.takeToken !== null) this.retryLater(TAKE_RETRY_MS);
    } finally {
      this.running = false;
      this.markIdleSoon();
      if (!this.stopped && !this.paused) {
        // No session open after its work (the device never answered, or the session died): the pin
        // holds nothing worth keeping, so its capacity is given back now instead of after the idle
        // timeout (the release keeps the pin when a job is waiting).
        if (this.sessions.current === null) this.deps.onIdle(this.host);
        else this.armIdle();
      }
    }
  }

  /**
   * Takes the device's next job (recorded started in the same step) and runs it; false when there is
   * nothing to run now. Nothing is taken without the node's lease.
   */
  private async next(): Promise<boolean> {
    if (!this.deps.lease.held()) {
      this.deps.logger.event('warn', 'node lease not held: the pinned worker takes no job', { worker: this.name });
      return false;
    }
    const epoch = this.deps.lease.epoch;
    this.takeToken ??= randomUUID();
    const taken = await this.deps.pins.takeJob(this.host, this.deps.node, this.name, this.takeToken);
    this.takeToken = null;
    switch (taken.state) {
      case 'empty':
        return false;
      case 'expired':
        await this.deps.processor.expired(taken.id, taken.payload);
        return true;
      case 'moved':
        this.deps.logger.event('warn', 'device is pinned to another node now: this pinned worker stops', { worker: this.name, owner: taken.owner });
        this.deps.onMoved(this.host);
        return false;
      case 'fenced':
        // The device's previous owner may still be running a job on it until its lease ran out.
        this.deps.logger.event('info', 'device taken over from another node: waiting out its previous owner\'s lease', { worker: this.name, wait_ms: taken.waitMs });
        this.retryLater(taken.waitMs + 50);
        return false;
      case 'started': {
        // Not awaited: the job does not wait for a display field. The write goes out on the same
        // connection before the drain's later 'idle' write (ioredis keeps a connection's order), and
        // setStatus never rejects. Still shown busy (its idle mark was pending): nothing to write.
        if (this.idleMark) {
          clearTimeout(this.idleMark);
          this.idleMark = null;
          this.entry.last_used = Date.now();
        } else {
          void this.setStatus('busy');
        }
        const status = await this.deps.processor.runStarted(taken, this.name, this.sessions, this.deps.lease, epoch);
        if (status === 'finished') this.entry.successful++;
        else this.entry.failed++;
        return true;
      }
    }
  }

  private retryLater(ms: number): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.wake();
    }, ms);
  }

  private markIdleSoon(): void {
    if (this.idleMark) clearTimeout(this.idleMark);
    this.idleMark = setTimeout(() => {
      this.idleMark = null;
      if (!this.running) void this.setStatus('idle');
    }, IDLE_MARK_DELAY_MS);
  }

  /** A pending idle mark written at once (before the worker stops or pauses, so no late write follows). */
  private async markIdleNow(): Promise<void> {
    if (!this.idleMark) return;
    clearTimeout(this.idleMark);
    this.idleMark = null;
    await this.setStatus('idle');
  }

  private async setStatus(status: PinnedEntry['status']): Promise<void> {
    this.entry.status = status;
    this.entry.last_used = Date.now();
    await this.deps.pins.setPinned(this.deps.node, this.entry).catch(() => undefined);
  }

  private armIdle(): void {
    this.clearTimers();
    this.idleTimer = setTimeout(() => this.deps.onIdle(this.host), this.deps.idleTimeoutMs);
    const k = this.sessions.keepaliveS;
    if (k > 0) this.keepaliveTimer = setInterval(() => void this.keepalive(), k * 1000);
  }

  private clearTimers(): void {
    if (this.retryTimer && (this.stopped || this.paused)) clearTimeout(this.retryTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.keepaliveTimer) clearInterval(this.keepaliveTimer);
    this.idleTimer = null;
    this.keepaliveTimer = null;
  }

  /** Application-level probe of an idle session; a dead one is closed (self-healing) and reopened by the next job. */
  private async keepalive(): Promise<void> {
    const s = this.sessions.current;
    if (!s || this.running || this.probing || !this.deps.lease.held()) return;
    this.probing = true;
    try {
      const ok = await s.probe().catch(() => false);
      this.deps.metrics?.keepaliveProbe(ok ? 'ok' : 'failed');
      if (!ok) {
        this.deps.logger.event('warn', 'pinned session failed its keepalive probe; closed, the next job reconnects', { worker: this.name });
        await this.sessions.close();
        await this.deps.pins.incrSelfHealing().catch((err: unknown) => this.deps.logger.event('warn', 'self-healing counter not incremented', { worker: this.name, err: String(err) }));
        this.deps.metrics?.selfHealingTriggered();
      }
    } finally {
      this.probing = false;
    }
  }
}
