import { DelayedError, Job, Processor, Queue, Worker, WorkerOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import { RedisClient, RedisConnectionFactory, isCluster } from '../redis/redis.connection';
import type { ReplicaWait } from '../redis/replica.wait';
import type { StateKeys } from '../state.keys';

const ADD_TIMEOUT_MS = 5000;

/** What travels through BullMQ: only the job id. The request itself (sealed) lives in the job record. */
export interface JobOfDevice {
  id: string;
}

/**
 * The one adapter over BullMQ: queues by wire name (`FifoQ`, `HostQ_<host>`, ...), consumers created
 * with `autorun: false` so an app starts consuming only when it is ready. On a Redis Cluster each
 * queue's BullMQ name is its own hash tag (`{FifoQ}`), so all of one queue's keys share a slot, and
 * each queue and consumer gets a cluster client of its own, closed with it.
 */
export class JobQueues {
  private readonly queues = new Map<string, Queue>();
  /** Cluster clients handed to BullMQ (it does not close a client it was given). */
  private readonly owned = new Map<Queue, Cluster>();

  /**
   * @param wait a Redis `WAIT` after a job is queued (`redis.wait_replicas`), on the connection that
   *             queued it, so a failover keeps the queue entry along with the job's record
   */
  constructor(
    private readonly connections: RedisConnectionFactory,
    private readonly keys: StateKeys,
    private readonly wait: ReplicaWait | null = null,
  ) {}

  queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      const connection = this.connections.bullConnection(`bull:${name}`);
      q = new Queue(this.keys.bullQueueName(name), {
        connection,
        prefix: this.keys.bullPrefix,
        streams: { events: { maxLen: 100 } },
      });
      q.on('error', () => undefined); // reconnects by itself; callers see errors on their own calls
      if (connection instanceof Cluster) this.owned.set(q, connection);
      this.queues.set(name, q);
    }
    return q;
  }

  async add(queue: string, data: JobOfDevice): Promise<void> {
    // No retries: a job must never run twice (a config line applied twice can break a network).
    const q = this.queue(queue);
    const adding = q.add('device', data, { jobId: data.id, attempts: 1, removeOnComplete: true, removeOnFail: true }).then(() => this.replicated(q));
    // BullMQ's connection waits for Redis forever; a client must get an answer (503), not a hang.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not accept the job within 5 s')), ADD_TIMEOUT_MS);
    });
    try {
      await Promise.race([adding, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Many `add`s in one BullMQ bulk insert (one round trip); all or nothing. */
  async addMany(queue: string, items: JobOfDevice[]): Promise<void> {
    if (items.length === 0) return;
    const q = this.queue(queue);
    const adding = q.addBulk(items.map((data) => ({ name: 'device', data, opts: { jobId: data.id, attempts: 1, removeOnComplete: true, removeOnFail: true } }))).then(() => this.replicated(q));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not accept the jobs within 5 s')), ADD_TIMEOUT_MS);
    });
    try {
      await Promise.race([adding, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Waits until the replicas have what this queue's connection wrote (with `wait`). On a cluster
   * the WAIT rides in a pipeline with a read of one of the queue's keys, which sends it to the master
   * of the queue's slot.
   */
  private async replicated(q: Queue): Promise<void> {
    const wait = this.wait;
    if (!wait?.active) return;
    const client = (await q.client) as unknown as RedisClient;
    const p = client.pipeline();
    if (isCluster(client)) p.exists(`${q.opts.prefix ?? 'bull'}:${q.name}:meta`);
    if (!wait.append(p)) return;
    const res = (await p.exec()) ?? [];
    wait.acknowledged(res[res.length - 1]?.[1]);
  }

  /**
   * Adds any job (e.g. a webhook delivery) under a caller-chosen id, optionally delayed: BullMQ runs a
   * delayed job by itself when it is due.
   */
  async addTask(queue: string, name: string, data: object, jobId: string, delayMs = 0): Promise<void> {
    await this.queue(queue).add(name, data, { jobId, delay: delayMs > 0 ? delayMs : undefined, attempts: 1, removeOnComplete: true, removeOnFail: true });
  }

  /** Removes a waiting job from its queue; false when it is not there (taken, or gone). */
  async remove(queue: string, id: string): Promise<boolean> {
    try {
      return (await this.queue(queue).remove(id)) === 1;
    } catch {
      return false;
    }
  }

  consumer<T = JobOfDevice>(queue: string, processor: Processor<T>, options: Partial<WorkerOptions> = {}): Worker<T> {
    const connection = this.connections.bullConnection(`bull:${queue}:consumer`);
    const worker = new Worker<T>(this.keys.bullQueueName(queue), processor, {
      connection,
      prefix: this.keys.bullPrefix,
      autorun: false,
      // A job whose worker died is failed, never handed to another worker (docs/architecture.md §1).
      maxStalledCount: 0,
      ...options,
    });
    if (connection instanceof Cluster) worker.once('closed', () => connection.disconnect());
    return worker;
  }

  /**
   * Puts a job back to wait `delayMs` without holding a consumer slot (a device at its session cap);
   * the processor must return the rejection this resolves to (BullMQ's DelayedError).
   */
  static async postpone(job: Job, token: string | undefined, delayMs: number): Promise<Error> {
    await job.moveToDelayed(Date.now() + delayMs, token);
    return new DelayedError();
  }

  async counts(queue: string): Promise<Record<string, number>> {
    return this.queue(queue).getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    for (const c of this.owned.values()) c.disconnect();
    this.owned.clear();
    this.queues.clear();
  }
}

export type { Job };
