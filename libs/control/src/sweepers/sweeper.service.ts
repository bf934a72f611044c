import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DeadWorkerJobs, JobEndNotifier, NodeDeathTracker } from '@netpulse/execution';
import { AppLogger, NetpulseMetrics, backgroundFailure } from '@netpulse/observability';
import { JobQueues, JobStore, LEASE_MARGIN_MS, LeaderLockFactory, PinStore, StateKeys, WorkerRegistry, hostOfQueue, pinnedWorkerName } from '@netpulse/state';
import { LeaderLoop } from '../leadership/leader.loop';
import { NodePlacementService } from '../placement/node-placement.service';

const TICK_MS = 1000;
const LOCK_MS = 5000;
/** A job at the head of a live node's device queue this old gets its node woken again. */
const REWAKE_AFTER_MS = 5000;

/**
 * The controller's background duties, run by exactly one controller at a time (`LeaderLock`):
 * queue-TTL expiry (docs/compatibility.md: An expired job stays readable), the jobs of dead workers
 * (failed/WorkerDied, never replayed), dead nodes (their devices released once the lease stayed
 * lapsed for a margin) and orphaned device queues (waiting jobs whose device has no live node:
 * re-pinned on a live one).
 */
@Injectable()
export class SweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: LeaderLoop;
  private readonly deaths = new NodeDeathTracker(LEASE_MARGIN_MS);

  constructor(
    private readonly dead: DeadWorkerJobs,
    private readonly jobs: JobStore,
    keys: StateKeys,
    locks: LeaderLockFactory,
    private readonly logger: AppLogger,
    private readonly metrics: NetpulseMetrics,
    private readonly notifier: JobEndNotifier,
    private readonly pins: PinStore,
    private readonly placement: NodePlacementService,
    private readonly queues: JobQueues,
    private readonly registry: WorkerRegistry,
  ) {
    this.loop = new LeaderLoop(locks.create(keys.sweeperLock, LOCK_MS), TICK_MS, () => this.pass(), backgroundFailure(logger, metrics, 'control_loop', 'sweeper pass failed'));
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One pass if this controller leads; public for tests. Never rejects: a failed pass is logged, counted and retried by the next. */
  tick(): Promise<void> {
    return this.loop.tick();
  }

  private async pass(): Promise<void> {
    await this.expireQueued();
    await this.failJobsOfDeadWorkers();
    await this.releaseDeadNodes();
    await this.repinOrphans();
  }

  private async expireQueued(): Promise<void> {
    for (const { id, payload } of await this.jobs.expireDue()) {
      const rec = await this.jobs.get(id);
      if (rec?.result) await this.notifier.notifySealed(id, payload, 'failed', rec.result);
      const host = rec ? hostOfQueue(rec.queue) : null;
      if (rec && host !== null) await this.pins.removeWaiting(host, id);
      else if (rec) await this.queues.remove(rec.queue, id);
      this.logger.event('info', 'job expired in queue', { job_id: id });
      this.metrics.jobCompleted({ strategy: host !== null ? 'pinned' : 'fifo', driver: 'other', status: 'failed' });
    }
  }

  /**
   * Workers silent past the liveness window and a margin: their running jobs end WorkerDied, their
   * entries go. A worker that was only stalled registers again when it wakes.
   */
  private async failJobsOfDeadWorkers(): Promise<void> {
    for (const worker of await this.registry.deadWorkers(LEASE_MARGIN_MS)) {
      await this.dead.failRunning(worker, `Worker ${worker} stopped heartbeating`);
      await this.registry.deregister(worker, await this.registry.queuesOf(worker));
    }
  }

  /**
   * A node whose lease lapsed (and stayed lapsed for a margin, so a slow heartbeat is not a death):
   * its running jobs fail with WorkerDied, its pins are released, its entry removed.
   */
  private async releaseDeadNodes(): Promise<void> {
    const known = (await this.pins.nodes()).map((n) => n.hostname);
    const live = new Set((await this.pins.liveNodes()).map((n) => n.hostname));
    for (const node of this.deaths.dead(known, live)) {
      const hosts = new Set([...(await this.pins.pinsOf(node)), ...(await this.pins.pinnedOf(node)).map((p) => p.host)]);
      for (const host of hosts) {
        await this.dead.failRunning(pinnedWorkerName(node, host), `Node ${node} stopped renewing its lease`);
        await this.pins.release(host, node, true);
      }
      await this.pins.removeNode(node);
      this.deaths.forget(node);
      this.logger.event('warn', 'dead node released', { node, devices: hosts.size });
    }
  }

  /** Devices with waiting jobs and no live node get one; a live owner that seems to have missed its wake-up is woken again. */
  private async repinOrphans(): Promise<void> {
    // Read in batches (a few round trips whatever the device count): right after a bulk request every
    // device has jobs waiting, and one read per device per pass competed with accepting the next request.
    const active = await this.pins.activeHosts();
    const heads = await this.pins.waitingHeads(active);
    const queued = active.map((host, i) => ({ host, head: heads[i].head })).filter((_, i) => heads[i].waiting > 0);
    const owners = await this.pins.ownersOf(queued.map((q) => q.host));
    const alive = new Map<string, boolean>();
    const served: { host: string; owner: string; head: string }[] = [];
    const orphans: string[] = [];
    for (const [n, q] of queued.entries()) {
      const owner = owners[n];
      if (owner && !alive.has(owner)) alive.set(owner, await this.pins.isNodeAlive(owner));
      if (owner && alive.get(owner)) {
        if (q.head) served.push({ host: q.host, owner, head: q.head });
      } else {
        orphans.push(q.host);
      }
    }
    const enqueuedAt = await this.jobs.enqueuedAtOf(served.map((s) => s.head));
    for (const [n, s] of served.entries()) {
      const at = enqueuedAt[n];
      if (at && Date.now() - at / 1000 > REWAKE_AFTER_MS) await this.pins.signal(s.owner, `wake ${s.host}`);
    }
    for (const host of orphans) {
      const node = await this.placement.place(host);
      if (!node) continue;
      await this.pins.signal(node, `wake ${host}`);
      this.logger.event('info', 'orphaned device re-pinned', { host, node });
    }
  }
}
