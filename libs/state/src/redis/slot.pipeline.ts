import type { ChainableCommander } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { keySlot } from './key-slot';
import { isClusterRedirect } from './redis-errors';
import { RedisClient, isCluster } from './redis.connection';
import type { ReplicaWait } from './replica.wait';

/** One command of a batch: a key it touches (all its keys share that key's slot) and how to add it. */
export interface SlotCall {
  key: string;
  add(pipeline: ChainableCommander): void;
}

/**
 * Runs independent commands in as few round trips as the topology allows: one pipeline on a single
 * server; on a cluster one pipeline per slot, all sent at once (a pipeline must stay on one node, and
 * a one-slot pipeline is redirected whole when its slot moved). With `wait`, each pipeline ends with
 * a Redis `WAIT` for its writes. Results are in call order; a call that failed yields its Error.
 */
export async function pipelineBySlot(redis: RedisClient, calls: SlotCall[], wait: ReplicaWait | null = null): Promise<unknown[]> {
  if (calls.length === 0) return [];
  const groups = new Map<number, number[]>();
  if (isCluster(redis)) {
    calls.forEach((c, i) => {
      const slot = keySlot(c.key);
      const g = groups.get(slot);
      if (g) g.push(i);
      else groups.set(slot, [i]);
    });
  } else {
    groups.set(0, calls.map((_, i) => i));
  }
  const out = new Array<unknown>(calls.length);
  await Promise.all([...groups.values()].map((idx) => runGroup(redis, calls, idx, wait, out)));
  return out;
}

/** Tries of a one-slot pipeline a cluster refused whole (a moved slot, a failover): its own budget, as a single command has. */
const REDIRECT_TRIES = 16;
const REDIRECT_DELAY_MS = 200;

/**
 * One pipeline of calls on one slot. A cluster follows a redirection for a single command but not
 * for a pipeline of writes: when every call of it was refused unrun (MOVED, ASK, TRYAGAIN,
 * CLUSTERDOWN), the slot map is refreshed and the pipeline sent again.
 */
async function runGroup(redis: RedisClient, calls: SlotCall[], idx: number[], wait: ReplicaWait | null, out: unknown[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const pipe = redis.pipeline();
    for (const i of idx) calls[i].add(pipe);
    const waited = wait?.append(pipe) === true;
    let res: [Error | null, unknown][];
    try {
      res = (await pipe.exec()) ?? [];
    } catch (err) {
      for (const i of idx) out[i] = err instanceof Error ? err : new Error(String(err));
      return;
    }
    const refused = isCluster(redis) && idx.every((_, n) => isClusterRedirect(res[n]?.[0]));
    if (refused && attempt < REDIRECT_TRIES) {
      const moved = /^MOVED /.test(res[0]?.[0]?.message ?? '');
      await new Promise<void>((resolve) => redis.refreshSlotsCache(() => resolve()));
      if (!moved) await sleep(REDIRECT_DELAY_MS);
      continue;
    }
    // A WAIT after calls that all failed (nothing written, e.g. NOSCRIPT before the text is sent) says nothing.
    if (waited && idx.some((_, n) => !res[n]?.[0])) wait?.acknowledged(res[idx.length]?.[1]);
    idx.forEach((i, n) => {
      const [err, v] = res[n] ?? [new Error('no reply'), null];
      out[i] = err ?? v;
    });
    return;
  }
}

/**
 * How many connections listen on a pub/sub channel. On a cluster a subscriber may sit on any node
 * and `PUBSUB NUMSUB` counts one node's, so every node is asked and the counts are added.
 */
export async function subscriberCount(redis: RedisClient, channel: string): Promise<number> {
  const count = async (r: { pubsub(sub: 'NUMSUB', ch: string): Promise<unknown> }): Promise<number> => Number(((await r.pubsub('NUMSUB', channel)) as [string, number])[1] ?? 0);
  if (!isCluster(redis)) return count(redis);
  const counts = await Promise.all(redis.nodes('all').map((n) => count(n).catch(() => 0)));
  return counts.reduce((a, b) => a + b, 0);
}
