import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { ResultType } from '@netpulse/contracts';
import { DeviceGuard, DeviceJobProcessor, JobEndNotifier, PinnedWorkerPool, WorkerReadiness, ProcessExit, WorkerCommand, WorkerPresence } from '@netpulse/execution';
import { AppLogger, NetpulseMetrics } from '@netpulse/observability';
import { JobStore, PinStore, RedisConnectionFactory, nodeQueue } from '@netpulse/state';
import { hostname } from 'node:os';

/**
 * The node: registers in `node_info_map` with a lease (renewed every `worker.heartbeat_interval`,
 * expiring after `worker.node_ttl`), hosts the pinned workers, and drains on shutdown. A node that
 * cannot renew its lease within half its TTL stops fetching and closes its sessions, then exits so
 * it comes back clean (docs/architecture.md §3).
 */
@Injectable()
export class NodePresenceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private readonly node: string;
  private readonly pool: PinnedWorkerPool;
  private lastRenew = Date.now();

  constructor(
    private readonly config: AppConfig,
    private readonly exit: ProcessExit,
    private readonly jobs: JobStore,
    private readonly logger: AppLogger,
    private readonly notifier: JobEndNotifier,
    private readonly pins: PinStore,
    private readonly presence: WorkerPresence,
    processor: DeviceJobProcessor,
    connections: RedisConnectionFactory,
    guard: DeviceGuard,
    metrics: NetpulseMetrics,
    private readonly readiness: WorkerReadiness,
  ) {
    this.node = config.value.worker.node_name;
    this.pool = new PinnedWorkerPool({ node: this.node, idleTimeoutMs: config.value.worker.pinned_idle_timeout * 1000 }, pins, processor, connections, logger, guard, metrics);
    metrics.setNodeSource(() => ({ capacity: config.value.worker.pinned_per_node, pinned: this.pool.size }));
  }

  async onApplicationBootstrap(): Promise<void> {
    const w = this.config.value.worker;
    // A restarted node starts empty: pins that still point at it are leftovers of a crash.
    await this.failJobsOfPreviousLife();
    for (const host of await this.pins.pinsOf(this.node)) await this.pins.release(host, this.node, true);
    await this.pins.registerNode(this.node, w.pinned_per_node, w.node_ttl * 1000);
    this.lastRenew = Date.now();
    await this.presence.start(this.node, { kind: 'node', queues: [nodeQueue(this.node)], hostname: hostname(), pid: process.pid }, (c) => void this.onCommand(c));
    this.pool.start();
    this.readiness.set(true);
    this.timer = setInterval(() => void this.renew(), w.heartbeat_interval * 1000);
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
    for (const host of hosts) {
      const worker = `${this.node}_HostQ_${host}`;
      for (const id of await this.jobs.runningOn(worker)) {
        const payload = await this.jobs.payloadOf(id);
        const result = { type: ResultType.Failed, retval: null, error: { type: 'WorkerDied', message: `Node ${this.node} restarted while running the job; it was not retried` } };
        if (!(await this.jobs.finish(id, worker, 'failed', result))) continue;
        await this.notifier.notifySealed(id, payload, 'failed', result);
        this.logger.event('warn', 'job failed: node restarted', { job_id: id, node: this.node });
      }
    }
  }

  private async renew(): Promise<void> {
    const ttlMs = this.config.value.worker.node_ttl * 1000;
    try {
      if (await this.pins.renewLease(this.node, ttlMs)) {
        this.lastRenew = Date.now();
        return;
      }
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
