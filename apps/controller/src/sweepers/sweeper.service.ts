import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ResultType } from '@netpulse/contracts';
import { JobEndNotifier } from '@netpulse/execution';
import { AppLogger, NetpulseMetrics } from '@netpulse/observability';
import { DeviceProtectionStore, JobQueues, JobStore, PinStore, REDIS, StateKeys, WorkerRegistry, hostOfQueue } from '@netpulse/state';
import { NodePlacementService } from '../pinning/node-placement.service';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

const TICK_MS = 1000;
const LOCK_MS = 5000;
/** How long a node's lease must stay lapsed before its devices move (on top of the lease TTL itself). */
const NODE_DEATH_MARGIN_MS = 2000;
/** A job at the head of a live node's device queue this old gets its node woken again. */
const REWAKE_AFTER_MS = 5000;

/**
 * The controller's background duties, run by exactly one controller at a time (a Redis lock):
 * queue-TTL expiry (docs/compatibility.md: An expired job stays readable), the jobs of dead workers (failed/WorkerDied, never
 * replayed), dead nodes (their devices released after the lease margin) and orphaned device queues
 * (waiting jobs whose device has no live node: re-pinned on a live one).
 */
@Injectable()
export class SweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly owner = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly deadSince = new Map<string, number>();

  constructor(
    private readonly jobs: JobStore,
    private readonly keys: StateKeys,
    private readonly logger: AppLogger,
    private readonly metrics: NetpulseMetrics,
    private readonly notifier: JobEndNotifier,
    private readonly pins: PinStore,
    private readonly placement: NodePlacementService,
    private readonly protection: DeviceProtectionStore,
    private readonly queues: JobQueues,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly registry: WorkerRegistry,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if ((await this.redis.get(this.keys.sweeperLock).catch(() => null)) === this.owner) await this.redis.del(this.keys.sweeperLock).catch(() => 0);
  }

  /** One pass; public for tests. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      if (!(await this.holdLock())) return;
      await this.expireQueued();
      await this.failJobsOfDeadWorkers();
      await this.releaseDeadNodes();
      await this.repinOrphans();
    } catch (err) {
      this.logger.event('warn', 'sweeper pass failed', { err: err instanceof Error ? err.message : String(err) });
    } finally {
      this.running = false;
    }
  }

  private async holdLock(): Promise<boolean> {
    const got = await this.redis.set(this.keys.sweeperLock, this.owner, 'PX', LOCK_MS, 'NX');
    if (got === 'OK') return true;
    if ((await this.redis.get(this.keys.sweeperLock)) !== this.owner) return false;
    await this.redis.pexpire(this.keys.sweeperLock, LOCK_MS);
    return true;
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

  private async failJobsOfDeadWorkers(): Promise<void> {
    for (const worker of await this.registry.deadWorkers()) {
      for (const id of await this.jobs.runningOn(worker)) {
        const payload = await this.jobs.payloadOf(id);
        const result = { type: ResultType.Failed, retval: null, error: { type: 'WorkerDied', message: `Worker ${worker} died while running the job; it was not retried` } };
        const ended = await this.jobs.finish(id, worker, 'failed', result);
        if (ended) {
          await this.notifier.notifySealed(id, payload, 'failed', result);
          this.logger.event('warn', 'job failed: worker died', { job_id: id, worker });
          this.metrics.jobCompleted({ strategy: 'fifo', driver: 'other', status: 'failed' });
        }
        // Its device session slot goes back now, not when the lease (execution timeout + 60 s) ends.
        const host = (await this.jobs.get(id))?.host;
        if (host) await this.protection.releaseSlot(host, id);
      }
      const entry = await this.redis.hgetall(this.keys.worker(worker));
      let queues: string[] = [];
      try {
        queues = JSON.parse(entry.queues ?? '[]') as string[];
      } catch {
        queues = [];
      }
      await this.registry.deregister(worker, queues);
    }
  }

  /**
   * A node whose lease lapsed (and stayed lapsed for a margin, so a slow heartbeat is not a death):
   * its running jobs fail with WorkerDied, its pins are released, its entry removed.
   */
  private async releaseDeadNodes(): Promise<void> {
    const now = Date.now();
    const live = new Set((await this.pins.liveNodes()).map((n) => n.hostname));
    for (const n of await this.pins.nodes()) {
      if (live.has(n.hostname)) {
        this.deadSince.delete(n.hostname);
        continue;
      }
      const since = this.deadSince.get(n.hostname) ?? now;
      this.deadSince.set(n.hostname, since);
      if (now - since < NODE_DEATH_MARGIN_MS) continue;
      const hosts = new Set([...(await this.pins.pinsOf(n.hostname)), ...(await this.pins.pinnedOf(n.hostname)).map((p) => p.host)]);
      for (const host of hosts) {
        const worker = `${n.hostname}_HostQ_${host}`;
        for (const id of await this.jobs.runningOn(worker)) {
          const payload = await this.jobs.payloadOf(id);
          const result = { type: ResultType.Failed, retval: null, error: { type: 'WorkerDied', message: `Node ${n.hostname} died while running the job; it was not retried` } };
          const ended = await this.jobs.finish(id, worker, 'failed', result);
          if (ended) {
            await this.notifier.notifySealed(id, payload, 'failed', result);
            this.logger.event('warn', 'job failed: node died', { job_id: id, node: n.hostname });
            this.metrics.jobCompleted({ strategy: 'pinned', driver: 'other', status: 'failed' });
          }
        }
        await this.pins.release(host, n.hostname, true);
      }
      await this.pins.removeNode(n.hostname);
      this.deadSince.delete(n.hostname);
      this.logger.event('warn', 'dead node released', { node: n.hostname, devices: hosts.size });
    }
  }

  /** Devices with waiting jobs and no live node get one; a live owner that seems to have missed its wake-up is woken again. */
  private async repinOrphans(): Promise<void> {
    for (const host of await this.pins.activeHosts()) {
      if ((await this.pins.waitingCount(host)) === 0) continue;
      const owner = await this.pins.ownerOf(host);
      if (owner && (await this.pins.isNodeAlive(owner))) {
        const head = await this.pins.headJob(host);
        const rec = head ? await this.jobs.get(head) : null;
        if (rec?.enqueuedAt && Date.now() - rec.enqueuedAt / 1000 > REWAKE_AFTER_MS) await this.pins.signal(owner, `wake ${host}`);
        continue;
      }
      const node = await this.placement.place(host);
      if (!node) continue;
      await this.pins.signal(node, `wake ${host}`);
      this.logger.event('info', 'orphaned device re-pinned', { host, node });
    }
  }
}
