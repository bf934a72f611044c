import { Injectable } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { AppLogger } from '@netpulse/observability';
import { NodeScheduler, SchedulerRegistry } from '@netpulse/schedulers';
import { NodeEntry, PinStore } from '@netpulse/state';
import { setTimeout as sleep } from 'node:timers/promises';

/** Hints kept at most (one per device; cleared when full). */
const MAX_REMEMBERED = 200_000;
/** Longest wait for the nodes' answers to eviction requests, ms. */
const EVICTION_WAIT_MS = 2000;
/** How often the answers are looked at meanwhile, ms. */
const EVICTION_POLL_MS = 15;

/**
 * Finds the node that serves a device: its live pin, or a new one chosen by the configured scheduler
 * and claimed atomically (a full or dying node is skipped and the next best tried). When every live
 * node is full, it asks the nodes to evict their least recently used idle pins (no job in hand or
 * waiting, unused for `worker.pinned_evict_min_idle`), waits for their answers, and claims the room
 * they freed with the same atomic claims.
 */
@Injectable()
export class NodePlacementService {
  private readonly scheduler: NodeScheduler;
  /** host → the node it was last enqueued on: a hint only, checked by the enqueue step itself. */
  private readonly owners = new Map<string, string>();

  private readonly evictMinIdleMs: number;

  constructor(
    config: AppConfig,
    private readonly pins: PinStore,
    schedulers: SchedulerRegistry,
    private readonly logger: AppLogger,
  ) {
    this.scheduler = schedulers.get(config.value.worker.scheduler);
    this.evictMinIdleMs = config.value.worker.pinned_evict_min_idle * 1000;
  }

  /** The node that served `host` at its last placement, if any (unchecked). */
  remembered(host: string): string | undefined {
    return this.owners.get(host);
  }

  /** Drops a hint found stale. */
  forget(host: string): void {
    this.owners.delete(host);
  }

  /** The node now serving `host`, or null when no live node has room (after evicting idle pins, if any). */
  async place(host: string): Promise<string | null> {
    let node = await this.find(host);
    if (!node && (await this.makeRoom(1)) > 0) node = await this.find(host);
    if (node) this.remember(host, node);
    else this.owners.delete(host);
    return node;
  }

  /**
   * Places many hosts in one step (bulk requests): their live owners in one read; the rest chosen
   * together by the scheduler's batch method (honouring capacity) and claimed in one atomic Lua step
   * per batch; hosts whose claim lost a race are placed again with fresh node counts. Hosts left
   * without room get the room of evicted idle pins, if any. Null: no live node has room.
   */
  async placeMany(hosts: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    const unique = [...new Set(hosts)];
    if (unique.length === 0) return out;
    const [owners, live] = await Promise.all([this.pins.ownersOf(unique), this.pins.liveNodes()]);
    const alive = new Set(live.map((n) => n.hostname));
    const pending: { host: string; seen: string | null }[] = [];
    unique.forEach((host, i) => {
      const owner = owners[i];
      if (owner && alive.has(owner)) out.set(host, owner);
      else pending.push({ host, seen: owner });
    });
    const unplaced = await this.claimRounds(pending, live, out);
    if (unplaced.length > 0 && (await this.makeRoom(unplaced.length)) > 0) {
      for (const p of await this.claimRounds(unplaced, await this.pins.liveNodes(), out)) out.set(p.host, null);
    } else {
      for (const p of unplaced) out.set(p.host, null);
    }
    for (const [host, node] of out) {
      if (node) this.remember(host, node);
      else this.owners.delete(host);
    }
    return out;
  }

  /** Claim rounds of `placeMany`; placed hosts go to `out`; returns the hosts left without room. */
  private async claimRounds(first: { host: string; seen: string | null }[], firstLive: NodeEntry[], out: Map<string, string | null>): Promise<{ host: string; seen: string | null }[]> {
    let pending = first;
    let live = firstLive;
    let alive = new Set(live.map((n) => n.hostname));
    const unplaced: { host: string; seen: string | null }[] = [];
    for (let round = 0; round < 8 && pending.length > 0; round++) {
      if (round > 0) {
        live = await this.pins.liveNodes();
        alive = new Set(live.map((n) => n.hostname));
      }
      const picks = this.scheduler.selectBatch(live, pending.map((p) => p.host));
      const claims: { host: string; node: string; seenOwner: string | null }[] = [];
      pending.forEach((p, i) => {
        const pick = picks[i];
        if (pick) claims.push({ host: p.host, node: pick.hostname, seenOwner: p.seen });
        else unplaced.push(p);
      });
      const results = await this.pins.claimMany(claims);
      const next: typeof pending = [];
      claims.forEach((c, i) => {
        const r = results[i];
        if (r.ok) out.set(c.host, r.node);
        else if (r.reason === 'taken' && alive.has(r.owner)) out.set(c.host, r.owner);
        else next.push({ host: c.host, seen: r.reason === 'taken' ? r.owner : c.seenOwner });
      });
      pending = next;
    }
    return [...unplaced, ...pending];
  }

  /**
   * Every live node is full for `count` more devices: asks the nodes to evict up to that many idle
   * pins, least recently used first over all nodes (idle and unused for `worker.pinned_evict_min_idle`
   * by their last report; the node checks again, with what it knows now, before it releases
   * anything). Each candidate is marked first, so two controllers never ask for the same one. Waits
   * for the answers (at most EVICTION_WAIT_MS); returns how many pins were released. The freed room
   * is then claimed like any other, atomically.
   */
  private async makeRoom(count: number): Promise<number> {
    const live = await this.pins.liveNodes();
    if (live.length === 0 || count <= 0) return 0;
    const cutoff = Date.now() - this.evictMinIdleMs;
    const lists = await Promise.all(live.map((n) => this.pins.pinnedOf(n.hostname)));
    const candidates = lists
      .flatMap((entries, i) => entries.map((e) => ({ node: live[i].hostname, host: e.host, status: e.status, used: e.last_used ?? e.birth })))
      .filter((c) => c.status === 'idle' && c.used <= cutoff)
      .sort((a, b) => a.used - b.used);
    const picked: { node: string; host: string }[] = [];
    for (let i = 0; i < candidates.length && picked.length < count; ) {
      const chunk = candidates.slice(i, i + (count - picked.length));
      i += chunk.length;
      const marks = await this.pins.markEvicting(chunk.map((c) => c.host), EVICTION_WAIT_MS * 2);
      chunk.forEach((c, j) => void (marks[j] && picked.push(c)));
    }
    if (picked.length === 0) return 0;
    const answers = this.pins.newEvictionAnswers();
    await Promise.all(picked.map((c) => this.pins.requestEviction(c.node, c.host, answers)));
    const deadline = Date.now() + EVICTION_WAIT_MS;
    let got: string[] = [];
    for (;;) {
      got = await this.pins.evictionAnswers(answers);
      if (got.length >= picked.length || Date.now() >= deadline) break;
      await sleep(EVICTION_POLL_MS);
    }
    await this.pins.dropEvictionAnswers(answers).catch(() => undefined);
    const evicted = got.filter((a) => a === '1').length;
    this.logger.event('info', 'every node full: idle pinned devices evicted for new devices', { wanted: count, asked: picked.length, answered: got.length, evicted });
    return evicted;
  }

  private remember(host: string, node: string): void {
    if (this.owners.size >= MAX_REMEMBERED && !this.owners.has(host)) this.owners.clear();
    this.owners.set(host, node);
  }

  private async find(host: string): Promise<string | null> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const owner = await this.pins.ownerOf(host);
      if (owner) {
        // Confirmed for its owner while that node lives: this also brings the device's own copy of the
        // pin up to date when it lags (a release or claim between its two writes), so the enqueue
        // that follows succeeds instead of failing until the other write lands.
        const kept = await this.pins.claim(host, owner, owner);
        if (kept.ok) return kept.node;
        if (kept.reason === 'taken') continue;
      }
      let candidates = await this.pins.liveNodes();
      for (;;) {
        const pick = this.scheduler.select(candidates, host);
        if (!pick) return null;
        const claim = await this.pins.claim(host, pick.hostname, owner);
        if (claim.ok) return claim.node;
        if (claim.reason === 'taken') break;
        candidates = candidates.filter((n) => n.hostname !== pick.hostname);
      }
    }
    return null;
  }
}
