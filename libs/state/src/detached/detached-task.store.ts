import type { RedisClient } from '../redis/redis.connection';
import { runScript } from '../redis/lua.scripts';
import type { StateKeys } from '../state.keys';
import type { DetachedTaskEntry } from './detached-task.entry';

/**
 * The detached-task registry: one hash per task, fields JSON-encoded one by one (so
 * a partial update never rewrites the rest), indexed by a zset of creation times. Written by the
 * controller (launch, query, supervisor) and by the workers (launch outcome, log offsets).
 */
export class DetachedTaskStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: StateKeys,
  ) {}

  async create(entry: DetachedTaskEntry): Promise<void> {
    await this.redis
      .multi()
      .hset(this.keys.detachedTask(entry.task_id), encode(entry))
      .zadd(this.keys.detachedTasks, Math.round(entry.created_at * 1000), entry.task_id)
      .exec();
  }

  async get(taskId: string): Promise<DetachedTaskEntry | null> {
    return decode(await this.redis.hgetall(this.keys.detachedTask(taskId)));
  }

  /** Every entry, oldest first; ids whose hash is gone are pruned from the index. */
  async list(): Promise<DetachedTaskEntry[]> {
    const ids = await this.redis.zrange(this.keys.detachedTasks, 0, -1);
    if (ids.length === 0) return [];
    // Entries and index share the `{detached}` tag: one pipeline even on a cluster.
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(this.keys.detachedTask(id));
    const rows = (await pipe.exec()) ?? [];
    const out: DetachedTaskEntry[] = [];
    const gone: string[] = [];
    rows.forEach(([err, h], i) => {
      const e = err ? null : decode(h as Record<string, string>);
      if (e) out.push(e);
      else if (!err) gone.push(ids[i]);
    });
    if (gone.length > 0) await this.redis.zrem(this.keys.detachedTasks, ...gone);
    return out;
  }

  /** Updates some fields, only if the task is still registered; false when it is not. */
  async patch(taskId: string, fields: Partial<Omit<DetachedTaskEntry, 'task_id'>>): Promise<boolean> {
    const args: string[] = [];
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) args.push(k, JSON.stringify(v));
    if (args.length === 0) return (await this.redis.exists(this.keys.detachedTask(taskId))) === 1;
    return (await runScript(this.redis, 'patch-detached-task-1', [this.keys.detachedTask(taskId)], args)) === 1;
  }

  /** Removes a task; false when it was not registered. */
  async remove(taskId: string): Promise<boolean> {
    const res = await this.redis.multi().del(this.keys.detachedTask(taskId)).zrem(this.keys.detachedTasks, taskId).exec();
    return Number(res?.[0]?.[1] ?? 0) === 1;
  }

  /**
   * True at most once per `periodS` for one host, port and user across all workers: the remote
   * clean-up of old task files runs on a new connection, but not on every one.
   */
  async claimGarbageCollection(host: string, port: number, username: string, periodS: number): Promise<boolean> {
    return (await this.redis.set(this.keys.detachedGc(host, port, username), String(Date.now()), 'EX', periodS, 'NX')) === 'OK';
  }

  /** Empties the registry (no remote kill, as the original); resolves how many tasks were removed. */
  async clear(): Promise<number> {
    const ids = await this.redis.zrange(this.keys.detachedTasks, 0, -1);
    let n = 0;
    for (const id of ids) if (await this.remove(id)) n++;
    return n;
  }
}

function encode(entry: DetachedTaskEntry): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entry)) out[k] = JSON.stringify(v);
  return out;
}

function decode(h: Record<string, string>): DetachedTaskEntry | null {
  if (!h.task_id) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(h)) {
    try {
      out[k] = JSON.parse(v) as unknown;
    } catch {
      out[k] = v;
    }
  }
  return out as unknown as DetachedTaskEntry;
}
