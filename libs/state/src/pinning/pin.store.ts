import { randomUUID } from 'node:crypto';
import { expiredResult } from '../jobs/job.store';
import { runScript, runScriptMany } from '../redis/lua.scripts';
import type { RedisClient } from '../redis/redis.connection';
import type { ReplicaWait } from '../redis/replica.wait';
import { pipelineBySlot } from '../redis/slot.pipeline';
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
  /** When it last started or ended a job (ms; its birth before the first): least recently used first under eviction. */
  last_used?: number;
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

/** Attempts of a claim whose copy to the device met a newer pin change (another claim or a release in between). */
const CLAIM_ATTEMPTS = 3;

type ControlClaim = { ok: true; node: string; epoch: number; fence: number } | { ok: false; reason: 'taken'; owner: string } | { ok: false; reason: 'dead' | 'full' | 'unknown' };

function controlClaim(r: unknown[]): ControlClaim {
  if (r[0] === 'ok') return { ok: true, node: String(r[1]), epoch: Number(r[2]), fence: Number(r[3]) };
  if (r[0] === 'taken') return { ok: false, reason: 'taken', owner: String(r[1]) };
  return { ok: false, reason: r[0] as 'dead' | 'full' | 'unknown' };
}

/**
 * Device pinning state: which node serves which device (`host_to_node_map`), node capacity
 * (`node_info_map`), node leases, each device's ordered job list, and node control lists.
 *
 * A pin lives in two places. The control keys (one slot) count capacity: a claim or a release there
 * is one Lua step, so two controllers never over-fill a node or pin one device twice. Each device
 * keeps its own copy (`device_pins`, in the slot of its job queue) with the claim's epoch: queueing
 * a job to a node and a pinned worker's take check that copy in the same step as the job list, and
 * a copy never goes back to an older epoch. A claim writes the control keys, then the copy; a
 * release the copy (only while no job waits), then the control keys. A copy left behind by a crash
 * between the two is caught up by the next claim, enqueue or take of the device.
 */
export class PinStore {
  /**
   * @param wait a Redis `WAIT` after a pinned worker's take (`redis.wait_replicas`): a take a failover
   *             rolled back would hand the job out again
   */
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: StateKeys,
    private readonly wait: ReplicaWait | null = null,
  ) {}

  async registerNode(node: string, capacity: number, leaseMs: number): Promise<void> {
    const entry: NodeEntry = { hostname: node, count: 0, capacity, queue: nodeQueue(node) };
    await this.redis.del(this.keys.pinned(node));
    await this.redis.multi().set(this.keys.nodeLease(node), String(Date.now()), 'PX', leaseMs).hset(this.keys.nodeInfoMap, node, JSON.stringify(entry)).exec();
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
    const alive = await pipelineBySlot(this.redis, all.map((n) => ({ key: this.keys.nodeLease(n.hostname), add: (p) => void p.exists(this.keys.nodeLease(n.hostname)) })));
    return all.filter((_, i) => alive[i] === 1);
  }

  async ownerOf(host: string): Promise<string | null> {
    return this.redis.hget(this.keys.hostToNodeMap, host);
  }

  async pinsOf(node: string): Promise<string[]> {
    const all = await this.redis.hgetall(this.keys.hostToNodeMap);
    return Object.entries(all).filter(([, n]) => n === node).map(([h]) => h);
  }

  async claim(host: string, node: string, seenOwner: string | null): Promise<ClaimResult> {
    const keys = [this.keys.hostToNodeMap, this.keys.nodeInfoMap, this.keys.nodeLease(node), this.keys.nodeLeaseEnds, this.keys.hostFences, this.keys.pinEpoch];
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const r = controlClaim((await runScript(this.redis, 'claim-host-6', keys, [host, node, seenOwner ?? '', LEASE_MARGIN_MS])) as unknown[]);
      if (!r.ok) return r;
      if (await this.copyPin(host, r.node, r.epoch, r.fence)) return { ok: true, node: r.node };
      // A newer change reached the device's copy between the two steps: unless another node holds
      // the device now, claim again (a fresh epoch).
      const owner = await this.ownerOf(host);
      if (owner !== null && owner !== node) return { ok: false, reason: 'taken', owner };
      seenOwner = owner;
    }
    return { ok: false, reason: 'taken', owner: (await this.ownerOf(host)) ?? '' };
  }

  /** Writes a claim's pin to the device's own copy; false when a newer one is there. */
  private async copyPin(host: string, node: string, epoch: number, fence: number): Promise<boolean> {
    const b = this.keys.bucketOfHost(host);
    return (await runScript(this.redis, 'pin-device-2', [this.keys.devicePins(b), this.keys.deviceFences(b)], [host, node, epoch, fence])) === 1;
  }

  /** The device's own copy of its pin: the node, or null when released (or never pinned). */
  async devicePinOf(host: string): Promise<string | null> {
    const raw = await this.redis.hget(this.keys.devicePins(this.keys.bucketOfHost(host)), host);
    const node = raw?.slice(raw.indexOf(' ') + 1) ?? '';
    return node === '' ? null : node;
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
      const keys = [this.keys.hostToNodeMap, this.keys.nodeInfoMap, this.keys.nodeLeaseEnds, this.keys.hostFences, this.keys.pinEpoch];
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
    const control: ControlClaim[] = [];
    for (const r of await runScriptMany(this.redis, 'claim-hosts-n', calls)) {
      if (r instanceof Error) throw r;
      for (const e of r as unknown[][]) control.push(controlClaim(e));
    }
    // The device copies, one Lua step per device, all in one round trip (per slot on a cluster).
    const won = control.flatMap((r, i) => (r.ok ? [{ i, r }] : []));
    const copied = await runScriptMany(
      this.redis,
      'pin-device-2',
      won.map(({ i, r }) => {
        const b = this.keys.bucketOfHost(claims[i].host);
        return { keys: [this.keys.devicePins(b), this.keys.deviceFences(b)], args: [claims[i].host, r.node, r.epoch, r.fence] };
      }),
    );
    const out: ClaimResult[] = control.map((r) => (r.ok ? { ok: true, node: r.node } : r));
    for (const [n, { i }] of won.entries()) {
      const c = copied[n];
      if (c instanceof Error) throw c;
      // A newer change met the copy (rare): that device is claimed again on its own.
      if (c !== 1) out[i] = await this.claim(claims[i].host, claims[i].node, claims[i].seenOwner);
    }
    return out;
  }

  /**
   * Unpins `host` from `node`: the device's copy first (kept while jobs wait, unless `force`), then
   * the control keys, giving the capacity back. 1 released, 0 not pinned here, -1 kept because jobs
   * wait.
   */
  async release(host: string, node: string, force = false): Promise<number> {
    const epoch = await this.redis.incr(this.keys.pinEpoch);
    const b = this.keys.bucketOfHost(host);
    const device = Number(await runScript(this.redis, 'unpin-device-2', [this.keys.devicePins(b), this.keys.hostJobs(host)], [host, node, epoch, force ? '1' : '0']));
    if (device === -1) return -1;
    const control = Number(await runScript(this.redis, 'release-host-2', [this.keys.hostToNodeMap, this.keys.nodeInfoMap], [host, node]));
    return device === 1 || control === 1 ? 1 : 0;
  }

  async pushJob(host: string, node: string, id: string): Promise<void> {
    await runScript(this.redis, 'push-host-job-2', [this.keys.hostJobs(host), this.keys.activeHosts(this.keys.bucketOfHost(host))], [id, host]);
    await this.signal(node, `wake ${host}`);
  }

  /**
   * Takes the device's next job and records it started by `worker`, in one step. Repeating a call
   * with the same `token` (after an error whose reply was lost) returns the job that token took.
   * When the device's copy of its pin lags behind the control keys that name this node (a claim cut
   * between its two writes), the copy is caught up and the take tried again.
   */
  async takeJob(host: string, node: string, worker: string, token: string): Promise<TakeResult> {
    const first = await this.takeOnce(host, node, worker, token);
    if (first.state !== 'moved' || (await this.ownerOf(host)) !== node) return first;
    const again = await this.claim(host, node, node);
    return again.ok ? this.takeOnce(host, node, worker, token) : first;
  }

  private async takeOnce(host: string, node: string, worker: string, token: string): Promise<TakeResult> {
    const k = this.keys;
    const b = k.bucketOfHost(host);
    const keys = [k.hostJobs(host), k.activeHosts(b), k.deadlines(b), k.running(b, worker), k.pinnedTake(worker), k.devicePins(b), k.deviceFences(b)];
    const expired = [JSON.stringify(expiredResult(0)).replace('(0s)', '({ttl}s)'), JSON.stringify(expiredResult(null))];
    const r = (await runScript(this.redis, 'take-host-job-7', keys, [host, node, worker, token, k.jobPrefix(b), ...expired, k.jobEnded, k.jobStarted], this.wait)) as [string, string?, string?, string?];
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

  /** How many jobs wait on each device, in one pipelined round trip (one per slot on a cluster); aligned with `hosts`. */
  async waitingCounts(hosts: string[]): Promise<number[]> {
    const replies = await pipelineBySlot(
      this.redis,
      hosts.map((h) => {
        const key = this.keys.hostJobs(h);
        return { key, add: (p) => void p.llen(key) };
      }),
    );
    return replies.map((r) => {
      if (r instanceof Error) throw r;
      return Number(r);
    });
  }

  async headJob(host: string): Promise<string | null> {
    return this.redis.lindex(this.keys.hostJobs(host), 0);
  }

  /**
   * How many jobs wait on each device and which is first, in one pipelined round trip (one per slot
   * on a cluster) instead of two per device; aligned with `hosts`.
   */
  async waitingHeads(hosts: string[]): Promise<{ waiting: number; head: string | null }[]> {
    const replies = await pipelineBySlot(
      this.redis,
      hosts.flatMap((h) => {
        const key = this.keys.hostJobs(h);
        return [
          { key, add: (p) => void p.llen(key) },
          { key, add: (p) => void p.lindex(key, 0) },
        ];
      }),
    );
    for (const r of replies) if (r instanceof Error) throw r;
    return hosts.map((_, i) => ({ waiting: Number(replies[2 * i]), head: (replies[2 * i + 1] as string | null) ?? null }));
  }

  /** Devices with jobs waiting (over every bucket). */
  async activeHosts(): Promise<string[]> {
    const sets = await pipelineBySlot(this.redis, this.keys.allBuckets().map((b) => ({ key: this.keys.activeHosts(b), add: (p) => void p.smembers(this.keys.activeHosts(b)) })));
    return sets.flatMap((s) => {
      if (s instanceof Error) throw s;
      return s as string[];
    });
  }

  /**
   * Marks idle pins a controller is about to ask their node to evict, so two controllers never count
   * on the same one; aligned with `hosts`, true where this call got the mark (it lapses after `ttlMs`).
   */
  async markEvicting(hosts: string[], ttlMs: number): Promise<boolean[]> {
    const res = await pipelineBySlot(this.redis, hosts.map((h) => ({ key: this.keys.evicting(h), add: (p) => void p.set(this.keys.evicting(h), '1', 'PX', Math.max(1, Math.round(ttlMs)), 'NX') })));
    return res.map((r) => r === 'OK');
  }

  /** A fresh key for the answers to one batch of eviction requests. */
  newEvictionAnswers(): string {
    return this.keys.evictionAnswers(randomUUID());
  }

  /** Asks `node` to evict its idle pinned device `host`; its answer goes to `answers` (see `answerEviction`). */
  async requestEviction(node: string, host: string, answers: string): Promise<void> {
    await this.signal(node, `evict ${answers} ${host}`);
  }

  /** A node's answer to one eviction request: whether it released the pin. */
  async answerEviction(answers: string, evicted: boolean): Promise<void> {
    await this.redis.multi().rpush(answers, evicted ? '1' : '0').pexpire(answers, 60_000).exec();
  }

  /** The answers given so far to a batch of eviction requests (`1` evicted, `0` kept). */
  async evictionAnswers(answers: string): Promise<string[]> {
    return this.redis.lrange(answers, 0, -1);
  }

  async dropEvictionAnswers(answers: string): Promise<void> {
    await this.redis.del(answers);
  }

  /** Sends a control message (`wake <host>`, `unpin <host>`, `evict <answers> <host>`) to a node. */
  async signal(node: string, message: string): Promise<void> {
    await this.redis.rpush(this.keys.nodeControl(node), message);
  }

  /** Waits up to `timeoutS` for a node's next control message (needs a connection of its own: it blocks). */
  async nextSignal(blocking: RedisClient, node: string, timeoutS: number): Promise<string | null> {
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
    await this.redis.multi().hdel(this.keys.nodeInfoMap, node).hdel(this.keys.nodeLeaseEnds, node).del(this.keys.nodeLease(node)).exec();
    await Promise.all([this.redis.del(this.keys.pinned(node)), this.redis.del(this.keys.nodeControl(node))]);
  }

  async incrSelfHealing(): Promise<void> {
    await this.redis.incr(this.keys.selfHealingTriggers);
  }

  /** Self-healing triggers counted since the namespace was created (0 before the first). */
  async selfHealingCount(): Promise<number> {
    return Number((await this.redis.get(this.keys.selfHealingTriggers)) ?? 0);
  }
}
