import { WorkerInResponse, formatDatetime } from '@netpulse/contracts';
import type { RedisClient } from '../redis/redis.connection';
import { pipelineBySlot, subscriberCount } from '../redis/slot.pipeline';
import type { StateKeys } from '../state.keys';

export type WorkerKind = 'fifo' | 'node' | 'pinned';
export type WorkerState = 'starting' | 'started' | 'idle' | 'busy' | 'suspended';

export interface WorkerRegistration {
  name: string;
  kind: WorkerKind;
  queues: string[];
  hostname: string;
  pid: number;
  /** The node hosting a pinned worker. */
  node?: string;
}

export interface WorkerEntry extends WorkerRegistration {
  status: WorkerState;
  lastHeartbeatMs: number;
  birthMs: number;
  successful: number;
  failed: number;
}

/**
 * The worker registry behind `/workers` and `/system/stats`, and the liveness test the controller
 * uses before it enqueues: a queue is alive while one of its workers heartbeats within `livenessMs`.
 */
export class WorkerRegistry {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: StateKeys,
    /** A worker whose last heartbeat is older than this is dead. */
    private readonly livenessMs: number,
  ) {}

  /**
   * Takes the first free name of `<base>`, `<base>-2`, `<base>-3`, ... as a lease owned by `owner`
   * (several FIFO workers on one host get suffixes, as docs/architecture.md §3 says).
   */
  async claimName(base: string, owner: string): Promise<string> {
    for (let n = 1; n < 1000; n++) {
      const name = n === 1 ? base : `${base}-${n}`;
      const ok = await this.redis.set(this.keys.workerName(name), owner, 'PX', this.livenessMs, 'NX');
      if (ok === 'OK' || (await this.redis.get(this.keys.workerName(name))) === owner) return name;
    }
    throw new Error(`no free worker name for ${base}`);
  }

  /**
   * Writes a worker's entry and name lease, then indexes it. The entry and the indexes live in
   * different slots on a cluster, so they are two writes: the entry first, so an indexed name always
   * has one (a name without an entry is skipped by `list` and swept as dead).
   */
  async register(reg: WorkerRegistration, owner: string): Promise<void> {
    const now = Date.now();
    await this.redis
      .multi()
      .hset(this.keys.worker(reg.name), {
        name: reg.name,
        kind: reg.kind,
        queues: JSON.stringify(reg.queues),
        hostname: reg.hostname,
        pid: String(reg.pid),
        node: reg.node ?? '',
        status: 'idle',
        birth: String(now),
        last_heartbeat: String(now),
        successful: '0',
        failed: '0',
      })
      .pexpire(this.keys.worker(reg.name), this.livenessMs * 3)
      .exec();
    await this.redis.set(this.keys.workerName(reg.name), owner, 'PX', this.livenessMs);
    await this.index(reg.name, reg.queues, now);
  }

  /** Puts a worker in the liveness indexes (one slot): all workers, and the workers of each of its queues. */
  private async index(name: string, queues: string[], now: number): Promise<void> {
    const pipe = this.redis.multi();
    pipe.zadd(this.keys.workers, now, name);
    for (const q of queues) pipe.zadd(this.keys.queueWorkers(q), now, name);
    await pipe.exec();
  }

  /**
   * Renews a worker's entry; false when the entry was gone (a sweeper presumed the worker dead while
   * it stalled): the caller registers again instead of heartbeating an entry nobody lists.
   */
  async heartbeat(name: string, queues: string[], owner: string): Promise<boolean> {
    if (!(await this.redis.hexists(this.keys.worker(name), 'name'))) return false;
    const now = Date.now();
    await Promise.all([
      this.redis.multi().hset(this.keys.worker(name), 'last_heartbeat', String(now)).pexpire(this.keys.worker(name), this.livenessMs * 3).exec(),
      this.redis.set(this.keys.workerName(name), owner, 'PX', this.livenessMs),
    ]);
    await this.index(name, queues, now);
    return true;
  }

  async setStatus(name: string, status: WorkerState): Promise<void> {
    await this.redis.hset(this.keys.worker(name), 'status', status);
  }

  async countJob(name: string, ok: boolean): Promise<void> {
    await this.redis.hincrby(this.keys.worker(name), ok ? 'successful' : 'failed', 1);
  }

  /** Takes a worker out of the indexes first (it stops being listed or used), then deletes its entry. */
  async deregister(name: string, queues: string[]): Promise<void> {
    const pipe = this.redis.multi();
    pipe.zrem(this.keys.workers, name);
    for (const q of queues) pipe.zrem(this.keys.queueWorkers(q), name);
    await pipe.exec();
    await Promise.all([this.redis.del(this.keys.worker(name)), this.redis.del(this.keys.workerName(name))]);
  }

  /** True while at least one worker on `queue` heartbeats. */
  async isQueueAlive(queue: string): Promise<boolean> {
    return (await this.redis.zcount(this.keys.queueWorkers(queue), Date.now() - this.livenessMs, '+inf')) > 0;
  }

  /**
   * Live workers, optionally only those on one queue. Dead ones stay in the global index until the
   * sweeper has failed their running jobs and deregistered them.
   */
  async list(queue?: string): Promise<WorkerEntry[]> {
    const index = queue ? this.keys.queueWorkers(queue) : this.keys.workers;
    const cutoff = Date.now() - this.livenessMs;
    if (queue) await this.redis.zremrangebyscore(index, '-inf', `(${cutoff}`);
    const names = await this.redis.zrangebyscore(index, cutoff, '+inf');
    if (names.length === 0) return [];
    const out: WorkerEntry[] = [];
    for (const h of await pipelineBySlot(this.redis, names.map((n) => ({ key: this.keys.worker(n), add: (p) => void p.hgetall(this.keys.worker(n)) })))) {
      const e = h instanceof Error ? null : entryFromHash(h as Record<string, string>);
      if (e) out.push(e);
    }
    return out;
  }

  /**
   * Names of workers that stopped heartbeating (for the dead-worker sweeper): silent for the liveness
   * window plus `graceMs`, so a worker's own view of its lease (which ends with the window) has surely
   * run out first.
   */
  async deadWorkers(graceMs = 0): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.workers, '-inf', `(${Date.now() - this.livenessMs - graceMs}`);
  }

  /** The liveness window, ms: a worker silent this long is presumed dead. */
  get livenessWindowMs(): number {
    return this.livenessMs;
  }

  /** The queues a registered worker consumes (empty when its entry is gone or unreadable). */
  async queuesOf(name: string): Promise<string[]> {
    try {
      return JSON.parse((await this.redis.hget(this.keys.worker(name), 'queues')) ?? '[]') as string[];
    } catch {
      return [];
    }
  }

  /** How many connections listen for a worker's commands (0: its command channel is down). */
  async commandListeners(name: string): Promise<number> {
    return subscriberCount(this.redis, this.keys.workerCommands(name));
  }

  /** Sends a command (`shutdown`, `stop-job:<id>`) to a worker; resolves to the number of receivers. */
  async sendCommand(name: string, command: string): Promise<number> {
    return this.redis.publish(this.keys.workerCommands(name), command);
  }
}

function entryFromHash(h: Record<string, string>): WorkerEntry | null {
  if (!h.name) return null;
  let queues: string[] = [];
  try {
    queues = JSON.parse(h.queues ?? '[]') as string[];
  } catch {
    queues = [];
  }
  return {
    name: h.name,
    kind: (h.kind as WorkerKind | undefined) ?? 'fifo',
    queues,
    hostname: h.hostname ?? '',
    pid: Number(h.pid ?? 0),
    node: h.node || undefined,
    status: (h.status as WorkerState | undefined) ?? 'idle',
    lastHeartbeatMs: Number(h.last_heartbeat ?? 0),
    birthMs: Number(h.birth ?? 0),
    successful: Number(h.successful ?? 0),
    failed: Number(h.failed ?? 0),
  };
}

/** The wire shape. */
export function toWorkerResponse(w: WorkerEntry): WorkerInResponse {
  return {
    name: w.name,
    status: w.status,
    pid: w.pid,
    hostname: w.hostname,
    queues: w.queues,
    last_heartbeat: w.lastHeartbeatMs ? formatDatetime(w.lastHeartbeatMs * 1000) : null,
    birth_at: w.birthMs ? formatDatetime(w.birthMs * 1000) : null,
    successful_job_count: w.successful,
    failed_job_count: w.failed,
  };
}
