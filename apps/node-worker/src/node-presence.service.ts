import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { DeadWorkerJobs, DeviceGuard, DeviceJobProcessor, PinnedWorkerPool, ProcessExit, WorkerCommand, WorkerRole, WorkerLease, WorkerPresence, WorkerReadiness } from '@netpulse/execution';
import { AppLogger, NetpulseMetrics, backgroundFailure } from '@netpulse/observability';
import { PinStore, RedisConnectionFactory, nodeQueue, pinnedWorkerName } from '@netpulse/state';
import { hostname } from 'node:os';

/**
 * The node: registers in `node_info_map` with a lease (renewed every `worker.heartbeat_interval`,
 * expiring after `worker.node_ttl`), hosts the pinned workers, and drains on shutdown. A node that
 * cannot renew its lease within half its TTL stops fetching and closes its sessions, then exits so
 * it comes back clean (docs/architecture.md §3). Its pinned workers read the lease (`WorkerLease`)
 * before every step on a device: a node that stalled past it sends nothing more when it wakes.
 */
@Injectable()
export class NodePresenceService implements WorkerRole, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private readonly node: string;
  private readonly pool: PinnedWorkerPool;
  private readonly lease = new WorkerLease();
  private lastRenew = Date.now();

  constructor(
    private readonly config: AppConfig,
    private readonly dead: DeadWorkerJobs,
    private readonly exit: ProcessExit,
    private readonly logger: AppLogger,
    private readonly metrics: NetpulseMetrics,
    private readonly pins: PinStore,
    private readonly presence: WorkerPresence,
    processor: DeviceJobProcessor,
    connections: RedisConnectionFactory,
    guard: DeviceGuard,
    private readonly readiness: WorkerReadiness,
  ) {
    this.node = config.value.worker.node_name;
    this.pool = new PinnedWorkerPool({ node: this.node, idleTimeoutMs: config.value.worker.pinned_idle_timeout * 1000, evictMinIdleMs: config.value.worker.pinned_evict_min_idle * 1000, lease: this.lease }, pins, processor, connections, logger, guard, metrics);
    metrics.setNodeSource(() => ({ capacity: config.value.worker.pinned_per_node, pinned: this.pool.size }));
  }

  async start(): Promise<void> {
    const w = this.config.value.worker;
    // A restarted node starts empty: pins that still point at it are leftovers of a crash.
    await this.failJobsOfPreviousLife();
    for (const host of await this.pins.pinsOf(this.node)) await this.pins.release(host, this.node, true);
    const sentAt = this.lease.mark();
    await this.pins.registerNode(this.node, w.pinned_per_node, w.node_ttl * 1000);
    this.lease.renewed(sentAt, w.node_ttl * 1000);
    this.lastRenew = Date.now();
    await this.presence.start(this.node, { kind: 'node', queues: [nodeQueue(this.node)], hostname: hostname(), pid: process.pid }, (c) =>
      void this.onCommand(c).catch(backgroundFailure(this.logger, this.metrics, 'control_loop', 'worker command failed', { node: this.node, command: c.kind })),
    );
    this.pool.start();
    this.readiness.set(true);
    this.timer = setInterval(() => void this.renew().catch(backgroundFailure(this.logger, this.metrics, 'control_loop', 'node lease renewal failed', { node: this.node })), w.heartbeat_interval * 1000);
    this.logger.event('info', 'node registered', { node: this.node, capacity: w.pinned_per_node });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.readiness.set(false, 'draining');
    await this.pool.stop();
    await this.presence.stop();
    await this.pins.removeNode(this.node).catch(() => undefined);
    this.logger.event('info', 'node drained and deregistered', { node: this.node });
  }

  /**
   * Jobs still recorded as running on this node's pinned workers died with its previous process
   * (kill -9, OOM): failed/WorkerDied, never replayed. The sweeper does this for a node that stays
   * dead, but a node restarted under its name within its lease (launcher, StatefulSet) never looks dead.
   */
  private async failJobsOfPreviousLife(): Promise<void> {
    const hosts = new Set([...(await this.pins.pinsOf(this.node)), ...(await this.pins.pinnedOf(this.node)).map((p) => p.host)]);
    for (const host of hosts) await this.dead.failRunning(pinnedWorkerName(this.node, host), `Node ${this.node} restarted`);
  }

  private async renew(): Promise<void> {
    const ttlMs = this.config.value.worker.node_ttl * 1000;
    const sentAt = this.lease.mark();
    try {
      if (await this.pins.renewLease(this.node, ttlMs)) {
        this.lease.renewed(sentAt, ttlMs);
        this.lastRenew = Date.now();
        return;
      }
      this.lease.lost();
      this.logger.event('error', 'node lease expired (another controller may have moved its devices); restarting clean', { node: this.node });
    } catch (err) {
      if (Date.now() - this.lastRenew < ttlMs / 2) return;
      this.logger.event('error', 'node lease not renewed for half its TTL', { node: this.node, err: err instanceof Error ? err.message : String(err) });
    }
    if (this.timer) clearInterval(this.timer);
    this.readiness.set(false, 'node lease lost');
    await this.pool.fence();
    process.exitCode = 3;
    this.exit.request();
  }

  private async onCommand(c: WorkerCommand): Promise<void> {
    switch (c.kind) {
      case 'shutdown':
        this.exit.request();
        return;
      case 'stop-job':
        this.pool.stopJob(c.jobId);
        return;
      case 'unpin':
        await this.pool.unpin(c.host);
        return;
    }
  }
}
