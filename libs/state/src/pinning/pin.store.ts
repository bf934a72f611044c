import type Redis from 'ioredis';
import { runScript } from '../redis/lua.scripts';
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
  }

  /** Renews the lease only if it still exists: a node whose lease lapsed must not come back silently. */
  async renewLease(node: string, leaseMs: number): Promise<boolean> {
    return (await this.redis.set(this.keys.nodeLease(node), String(Date.now()), 'PX', leaseMs, 'XX')) === 'OK';
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
    const r = (await runScript(this.redis, 'claim-host-3', [this.keys.hostToNodeMap, this.keys.nodeInfoMap, this.keys.nodeLease(node)], [host, node, seenOwner ?? ''])) as string[];
    if (r[0] === 'ok') return { ok: true, node: r[1] };
    if (r[0] === 'taken') return { ok: false, reason: 'taken', owner: r[1] };
    return { ok: false, reason: r[0] as 'dead' | 'full' | 'unknown' };
  }

  /** 1 released, 0 not pinned here, -1 kept because jobs wait (unless `force`). */
  async release(host: string, node: string, force = false): Promise<number> {
    return Number(await runScript(this.redis, 'release-host-3', [this.keys.hostToNodeMap, this.keys.nodeInfoMap, this.keys.hostJobs(host)], [host, node, force ? '1' : '0']));
  }

  async pushJob(host: string, node: string, id: string): Promise<void> {
    await runScript(this.redis, 'push-host-job-3', [this.keys.hostJobs(host), this.keys.nodeControl(node), this.keys.activeHosts], [id, host]);
  }

  async popJob(host: string): Promise<string | null> {
    const id = await runScript(this.redis, 'pop-host-job-2', [this.keys.hostJobs(host), this.keys.activeHosts], [host]);
    return typeof id === 'string' ? id : null;
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
    await this.redis.multi().hdel(this.keys.nodeInfoMap, node).del(this.keys.nodeLease(node), this.keys.pinned(node), this.keys.nodeControl(node)).exec();
  }

  async incrSelfHealing(): Promise<void> {
    await this.redis.incr(this.keys.selfHealingTriggers);
  }
}
