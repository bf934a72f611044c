import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ResultType } from '@netpulse/contracts';
import { AppLogger } from '@netpulse/observability';
import { JobQueues, JobStore, REDIS, StateKeys, WorkerRegistry } from '@netpulse/state';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

const TICK_MS = 1000;
const LOCK_MS = 5000;

/**
 * The controller's background duties, run by exactly one controller at a time (a Redis lock):
 * queue-TTL expiry (decision 17) and the jobs of dead workers (decision 23: failed/WorkerDied,
 * never replayed).
 */
@Injectable()
export class SweeperService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly owner = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly jobs: JobStore,
    private readonly keys: StateKeys,
    private readonly logger: AppLogger,
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
    for (const id of await this.jobs.expireDue()) {
      const rec = await this.jobs.get(id);
      if (rec) await this.queues.remove(rec.queue, id);
      this.logger.event('info', 'job expired in queue', { job_id: id });
    }
  }

  private async failJobsOfDeadWorkers(): Promise<void> {
    for (const worker of await this.registry.deadWorkers()) {
      for (const id of await this.jobs.runningOn(worker)) {
        const ended = await this.jobs.finish(id, worker, 'failed', {
          type: ResultType.Failed,
          retval: null,
          error: { type: 'WorkerDied', message: `Worker ${worker} died while running the job; it was not retried` },
        });
        if (ended) this.logger.event('warn', 'job failed: worker died', { job_id: id, worker });
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
}
