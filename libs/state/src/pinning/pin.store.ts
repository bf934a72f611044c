import type Redis from 'ioredis';
import { expiredResult } from '../jobs/job.store';
import { runScript, runScriptMany } from '../redis/lua.scripts';
import type { StateKeys } from '../state.keys';
import { nodeQueue } from '../queues/queue.names';

/** A node's entry in `node_info_map` (the original's shape). */
export interface NodeEntry {
  hostname: string;
  count: number;
  capacity: number;
  queue: string;
}

/** A pinned worker as its node records it (for `/workers` and `/system/stats`). */
export interface PinnedEntry {
  name: string;
  host: string;
  status: 'idle' | 'busy';
  birth: number;
  successful: number;
  failed: number;
}

/**
 * What a pinned worker's take gives: a job now recorded `started` by it; one that ended JobExpired
 * instead (its webhook is the caller's, then it takes again); nothing waiting; the device pinned
 * elsewhere now; or a wait for a previous owner's lease to run out.
 */
export type TakeResult =
  | { state: 'started'; id: string; payload: string; /** epoch micros */ enqueuedAt: number | null }
  | { state: 'expired'; id: string; payload: string | null }
  | { state: 'empty' }
  | { state: 'moved'; owner: string | null }
  | { state: 'fenced'; waitMs: number };

/** After a node's lease ran out, how long its devices stay fenced from a new owner, ms (clock drift, the last write in flight). */
export const LEASE_MARGIN_MS = 2000;

/** Hosts per batch claim step (one Lua call; Redis runs nothing else meanwhile). */
const CLAIM_BATCH = 500;

export type ClaimResult = { ok: true; node: string } | { ok: false; reason: 'taken'; owner: string } | { ok: false; reason: 'dead' | 'full' | 'unknown' };

/**
 * Device pinning state: which node serves which device (`host_to_node_map`), node capacity
 * (`node_info_map`), node leases, each device's ordered job list, and node control lists.
 * Claims and releases are single Lua steps.
 */
export class PinStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: StateKeys,
  ) {}

  async registerNode(node: string, capacity: number, leaseMs: number): Promise<void> {
    const entry: NodeEntry = { hostname: node, count: 0, capacity, queue: nodeQueue(node) };
    await this.redis.multi().set(this.keys.nodeLease(node), String(Date.now()), 'PX', leaseMs).hset(this.keys.nodeInfoMap, node, JSON.stringify(entry)).del(this.keys.pinned(node)).exec();
    await this.renewLease(node, leaseMs);
  }

  /**
   * Renews the lease only if it still exists (a node whose lease lapsed must not come back silently)
   * and records when it ends, for the fence of a host taken over from this node.
   */
  async renewLease(node: string, leaseMs: number): Promise<boolean> {
    return (await runScript(this.redis, 'renew-node-lease-2', [this.keys.nodeLease(node), this.keys.nodeLeaseEnds], [node, Math.round(leaseMs), String(Date.now())])) === 1;
  }

  async isNodeAlive(node: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.nodeLease(node))) === 1;
  }

  async nodes(): Promise<NodeEntry[]> {
    const raw = await this.redis.hgetall(this.keys.nodeInfoMap);
    const out: NodeEntry[] = [];
    for (const v of Object.values(raw)) {
      try {
        out.push(JSON.parse(v) as NodeEntry);
      } catch {
        // a malformed entry is ignored
      }
    }
    return out;
  }

  /** Nodes with a live lease. */
  async liveNodes(): Promise<NodeEntry[]> {
    const all = await this.nodes();
    if (all.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const n of all) pipe.exists(this.keys.nodeLease(n.hostname));
    const alive = ((await pipe.exec()) ?? []).map(([, v]) => v === 1);
    return all.filter((_, i) => alive[i]);
  }

  async ownerOf(host: string): Promise<string | null> {
    return this.redis.hget(this.keys.hostToNodeMap, host);
  }

  async pinsOf(node: string): Promise<string[]> {
    const all = await this.redis.hgetall(this.keys.hostToNodeMap);
    return Object.entries(all).filter(([, n]) => n === node).map(([h]) => h);
  }

  async claim(host: string, node: string, seenOwner: string | null): Promise<ClaimResult> {
    const keys = [this.keys.hostToNodeMap, this.keys.nodeInfoMap, this.keys.nodeLease(node), this.keys.nodeLeaseEnds, this.keys.hostFences];
    const r = (await runScript(this.redis, 'claim-host-5', keys, [host, node, seenOwner ?? '', LEASE_MARGIN_MS])) as string[];
    if (r[0] === 'ok') return { ok: true, node: r[1] };
    if (r[0] === 'taken') return { ok: false, reason: 'taken', owner: r[1] };
    return { ok: false, reason: r[0] as 'dead' | 'full' | 'unknown' };
  }

  /** The owners of many hosts at once (one round trip), aligned with `hosts`. */
  async ownersOf(hosts: string[]): Promise<(string | null)[]> {
    if (hosts.length === 0) return [];
    return this.redis.hmget(this.keys.hostToNodeMap, ...hosts);
  }

  /**
   * Many claims, each with `claim`'s rules (fencing a replaced dead owner's hosts included), in steps
   * of CLAIM_BATCH hosts (each step atomic), all in one round trip. Results are aligned with `claims`.
   */
  async claimMany(claims: { host: string; node: string; seenOwner: string | null }[]): Promise<ClaimResult[]> {
    const calls = [];
    for (let i = 0; i < claims.length; i += CLAIM_BATCH) {
      const part = claims.slice(i, i + CLAIM_BATCH);
      const leaseIndex = new Map<string, number>();
      const keys = [this.keys.hostToNodeMap, this.keys.nodeInfoMap, this.keys.nodeLeaseEnds, this.keys.hostFences];
      const args: string[] = [String(LEASE_MARGIN_MS)];
      for (const c of part) {
        let k = leaseIndex.get(c.node);
        if (k === undefined) {
          keys.push(this.keys.nodeLease(c.node));
          leaseIndex.set(c.node, (k = keys.length));
        }
        args.push(c.host, c.node, c.seenOwner ?? '', String(k));
      }
      calls.push({ keys, args });
    }
    const out: ClaimResult[] = [];
    for (const r of await runScriptMany(this.redis, 'claim-hosts-n', calls)) {
      if (r instanceof Error) throw r;
      for (const e of r as string[][]) {
        if (e[0] === 'ok') out.push({ ok: true, node: e[1] });
        else if (e[0] === 'taken') out.push({ ok: false, reason: 'taken', owner: e[1] });
        else out.push({ ok: false, reason: e[0] as 'dead' | 'full' | 'unknown' });
      }
    }
    return out;
  }

  /** 1 released, 0 not pinned here, -1 kept because jobs wait (unless `force`). */
  async release(host: string, node: string, force = false): Promise<number> {
    return Number(await runScript(this.redis, 'release-host-3', [this.keys.hostToNodeMap, this.keys.nodeInfoMap, this.keys.hostJobs(host)], [host, node, force ? '1' : '0']));
  }

  async pushJob(host: string, node: string, id: string): Promise<void> {
    await runScript(this.redis, 'push-host-job-3', [this.keys.hostJobs(host), this.keys.nodeControl(node), this.keys.activeHosts], [id, host]);
  }

  /**
   * Takes the device's next job and records it started by `worker`, in one step. Repeating a call
   * with the same `token` (after an error whose reply was lost) returns the job that token took.
   */
  async takeJob(host: string, node: string, worker: string, token: string): Promise<TakeResult> {
    const keys = [this.keys.hostJobs(host), this.keys.activeHosts, this.keys.deadlines, this.keys.running(worker), this.keys.pinnedTake(worker), this.keys.hostToNodeMap, this.keys.hostFences];
    const expired = [JSON.stringify(expiredResult(0)).replace('(0s)', '({ttl}s)'), JSON.stringify(expiredResult(null))];
    const r = (await runScript(this.redis, 'take-host-job-7', keys, [host, node, worker, token, this.keys.job(''), ...expired, this.keys.jobEnded, this.keys.jobStarted])) as [string, string?, string?, string?];
    switch (r[0]) {
      case 'started':
        return { state: 'started', id: r[1] ?? '', payload: r[2] ?? '', enqueuedAt: r[3] ? Number(r[3]) : null };
      case 'expired':
        return { state: 'expired', id: r[1] ?? '', payload: r[2] || null };
      case 'moved':
        return { state: 'moved', owner: r[1] || null };
      case 'fenced':
        return { state: 'fenced', waitMs: Number(r[1]) };
      default:
        return { state: 'empty' };
    }
  }

  async removeWaiting(host: string, id: string): Promise<void> {
    await this.redis.lrem(this.keys.hostJobs(host), 0, id);
  }

  async waitingCount(host: string): Promise<number> {
    return this.redis.llen(this.keys.hostJobs(host));
  }

  async headJob(host: string): Promise<string | null> {
    return this.redis.lindex(this.keys.hostJobs(host), 0);
  }

  async activeHosts(): Promise<string[]> {
    return this.redis.smembers(this.keys.activeHosts);
  }

  /** Sends a control message (`wake <host>`, `unpin <host>`) to a node. */
  async signal(node: string, message: string): Promise<void> {
    await this.redis.rpush(this.keys.nodeControl(node), message);
  }

  /** Waits up to `timeoutS` for a node's next control message (needs a connection of its own: it blocks). */
  async nextSignal(blocking: Redis, node: string, timeoutS: number): Promise<string | null> {
    const r = await blocking.blpop(this.keys.nodeControl(node), timeoutS);
    return r ? r[1] : null;
  }

  async setPinned(node: string, entry: PinnedEntry): Promise<void> {
    await this.redis.hset(this.keys.pinned(node), entry.host, JSON.stringify(entry));
  }

  async removePinned(node: string, host: string): Promise<void> {
    await this.redis.hdel(this.keys.pinned(node), host);
  }

  async pinnedOf(node: string): Promise<PinnedEntry[]> {
    const raw = await this.redis.hgetall(this.keys.pinned(node));
    return Object.values(raw).map((v) => JSON.parse(v) as PinnedEntry);
  }

  /** Forgets a node entirely (clean shutdown, or after its death was handled). */
  async removeNode(node: string): Promise<void> {
    await this.redis.multi().hdel(this.keys.nodeInfoMap, node).hdel(this.keys.nodeLeaseEnds, node).del(this.keys.nodeLease(node), this.keys.pinned(node), this.keys.nodeControl(node)).exec();
  }

  async incrSelfHealing(): Promise<void> {
    await this.redis.incr(this.keys.selfHealingTriggers);
  }

  /** Self-healing triggers counted since the namespace was created (0 before the first). */
  async selfHealingCount(): Promise<number> {
    return Number((await this.redis.get(this.keys.selfHealingTriggers)) ?? 0);
  }
}
