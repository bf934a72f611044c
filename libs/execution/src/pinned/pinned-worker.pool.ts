import { AppLogger, NetpulseMetrics, backgroundFailure } from '@netpulse/observability';
import type { PinStore, RedisClient, RedisConnectionFactory } from '@netpulse/state';
import type { DeviceJobProcessor } from '../jobs/device-job.processor';
import type { DeviceGuard } from '../sessions/device.guard';
import type { WorkerLease } from '../workers/worker-lease';
import { PinnedWorker } from './pinned.worker';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PinnedPoolOptions {
  node: string;
  /** Reap a pinned worker idle this long, ms. */
  idleTimeoutMs: number;
  /** A controller's eviction request is honoured only for a worker unused this long, ms. */
  evictMinIdleMs: number;
  /** The node's lease (renewed by the node's presence). */
  lease: WorkerLease;
}

/**
 * A node's pinned workers, all in this process. One blocking wait on the node's control list
 * (`NodeQ_<node>`) wakes the worker of a device that has work; nothing else polls Redis, so idle
 * devices cost no Redis connections and no CPU (docs/design/pinned-workers.md).
 */
export class PinnedWorkerPool {
  private readonly workers = new Map<string, PinnedWorker>();
  private blocking: RedisClient | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private fenced = false;
  /** Since when the control list cannot be read (null: it can). */
  private listenFailingSince: number | null = null;

  constructor(
    private readonly opts: PinnedPoolOptions,
    private readonly pins: PinStore,
    private readonly processor: DeviceJobProcessor,
    private readonly connections: RedisConnectionFactory,
    private readonly logger: AppLogger,
    private readonly guard: DeviceGuard,
    private readonly metrics?: NetpulseMetrics,
  ) {}

  get size(): number {
    return this.workers.size;
  }

  get busyCount(): number {
    return [...this.workers.values()].filter((w) => w.busy).length;
  }

  start(): void {
    this.blocking = this.connections.create(`nodeq:${this.opts.node}`, { maxRetriesPerRequest: null });
    // A failed BLPOP rejects and is reported by the loop; the connection's own error events add nothing.
    this.blocking.on('error', () => undefined);
    this.loop = this.listen();
  }

  /** The lease is lost: stop fetching and close every session (someone else may take the devices). */
  async fence(): Promise<void> {
    if (this.fenced) return;
    this.fenced = true;
    this.logger.event('error', 'node lease lost: pinned workers stop fetching and close their sessions', { node: this.opts.node });
    await Promise.all([...this.workers.values()].map((w) => w.pause()));
  }

  /** Drain on shutdown: no new work, finish what runs, close sessions, release every pin. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.blocking?.disconnect();
    await this.loop?.catch(() => undefined);
    await Promise.all([...this.workers.values()].map((w) => w.stop()));
    for (const host of this.workers.keys()) await this.pins.release(host, this.opts.node, true).catch(() => 0);
    this.workers.clear();
  }

  /** `DELETE /jobs/{id}` of a running pinned job (docs/compatibility.md: DELETE /jobs/{id} also stops a running job). */
  stopJob(jobId: string): boolean {
    return this.processor.stop(jobId);
  }

  /** `DELETE /workers/<node>_HostQ_<host>`: drop the device's worker; it is re-pinned at once if jobs wait. */
  async unpin(host: string): Promise<void> {
    const w = this.workers.get(host);
    if (!w) return;
    this.workers.delete(host);
    await w.stop();
    await this.pins.removePinned(this.opts.node, host).catch(() => undefined);
    const released = await this.pins.release(host, this.opts.node);
    if (released === -1) await this.onWake(host);
  }

  private async listen(): Promise<void> {
    const blocking = this.blocking;
    if (!blocking) return;
    while (!this.stopping) {
      if (this.fenced) {
        await sleep(500);
        continue;
      }
      let msg: string | null = null;
      try {
        msg = await this.pins.nextSignal(blocking, this.opts.node, 1);
        if (this.listenFailingSince !== null) {
          this.logger.event('info', 'node control list readable again', { node: this.opts.node, down_ms: Date.now() - this.listenFailingSince });
          this.listenFailingSince = null;
        }
      } catch (err) {
        if (this.stopping) continue;
        // Logged once per outage (and counted), not once per retry; the loop keeps trying.
        if (this.listenFailingSince === null) {
          this.listenFailingSince = Date.now();
          backgroundFailure(this.logger, this.metrics, 'control_loop', 'node control list unreadable (wake-ups wait until it is back)', { node: this.opts.node })(err);
        }
        await sleep(500);
        continue;
      }
      if (!msg) continue;
      const space = msg.indexOf(' ');
      const verb = space > 0 ? msg.slice(0, space) : msg;
      const host = space > 0 ? msg.slice(space + 1) : '';
      try {
        if (verb === 'wake') await this.onWake(host);
        else if (verb === 'unpin') await this.unpin(host);
        else if (verb === 'evict') await this.evict(host);
      } catch (err) {
        backgroundFailure(this.logger, this.metrics, 'control_loop', 'control message failed', { node: this.opts.node, message: msg })(err);
      }
    }
  }

  private async onWake(host: string): Promise<void> {
    if (this.stopping || this.fenced || !this.opts.lease.held()) return;
    let w = this.workers.get(host);
    if (!w) {
      const owner = await this.pins.ownerOf(host);
      if (owner !== this.opts.node) {
        if (owner === null) {
          const claimed = await this.pins.claim(host, this.opts.node, null);
          if (!claimed.ok) return this.forward(host, claimed.reason === 'taken' ? claimed.owner : null);
        } else {
          return this.forward(host, owner);
        }
      }
      w = new PinnedWorker(host, {
        guard: this.guard,
        lease: this.opts.lease,
        logger: this.logger,
        metrics: this.metrics,
        node: this.opts.node,
        pins: this.pins,
        processor: this.processor,
        idleTimeoutMs: this.opts.idleTimeoutMs,
        onIdle: (h) => void this.reap(h).catch(backgroundFailure(this.logger, this.metrics, 'control_loop', 'idle pinned worker not reaped', { host: h })),
        onMoved: (h) => void this.drop(h).catch(backgroundFailure(this.logger, this.metrics, 'control_loop', 'moved pinned worker not dropped', { host: h })),
      });
      this.workers.set(host, w);
      await w.register();
      this.logger.event('info', 'pinned worker started', { worker: w.name });
    }
    w.wake();
  }

  /**
   * `evict <answers> <host>` from a controller whose new device found every node full: the device's
   * worker goes and its pin is released, if the worker is idle (no job in hand, none waiting, unused
   * for `evictMinIdleMs`). The worker stops before the release, so it takes nothing after it; a job
   * that arrived meanwhile keeps the pin (the release refuses) and the worker is started again. The
   * controller is answered either way.
   */
  private async evict(request: string): Promise<void> {
    const space = request.indexOf(' ');
    if (space <= 0) return;
    const answers = request.slice(0, space);
    const host = request.slice(space + 1);
    let evicted = false;
    try {
      evicted = await this.evictIdle(host);
    } finally {
      await this.pins.answerEviction(answers, evicted);
    }
  }

  private async evictIdle(host: string): Promise<boolean> {
    const w = this.workers.get(host);
    if (!w || w.busy || this.stopping || this.fenced || Date.now() - w.lastUsed < this.opts.evictMinIdleMs) return false;
    if ((await this.pins.waitingCount(host)) > 0) return false;
    this.workers.delete(host);
    await w.stop();
    await this.pins.removePinned(this.opts.node, host).catch(() => undefined);
    const released = await this.pins.release(host, this.opts.node);
    if (released === -1) {
      await this.onWake(host);
      return false;
    }
    // 0: the pin was not this node's any more (nothing freed here).
    if (released !== 1) return false;
    this.metrics?.pinnedEvicted();
    this.logger.event('info', 'idle pinned worker evicted for a new device (every node full)', { worker: w.name, idle_ms: Date.now() - w.lastUsed });
    return true;
  }

  /** A device pinned elsewhere: pass the wake-up to its owner, if it lives (else the controller re-pins it). */
  private async forward(host: string, owner: string | null): Promise<void> {
    if (owner && owner !== this.opts.node && (await this.pins.isNodeAlive(owner))) await this.pins.signal(owner, `wake ${host}`);
  }

  /** The device is pinned to another node now: its worker here goes, without touching the pin. */
  private async drop(host: string): Promise<void> {
    const w = this.workers.get(host);
    if (!w) return;
    this.workers.delete(host);
    await w.stop();
    await this.pins.removePinned(this.opts.node, host);
  }

  private async reap(host: string): Promise<void> {
    const w = this.workers.get(host);
    if (!w || w.busy || this.stopping) return;
    const released = await this.pins.release(host, this.opts.node).catch(() => 0);
    if (released === -1) {
      w.wake();
      return;
    }
    this.workers.delete(host);
    await w.stop();
    await this.pins.removePinned(this.opts.node, host).catch(() => undefined);
    this.logger.event('info', 'idle pinned worker reaped', { worker: w.name });
  }
}
