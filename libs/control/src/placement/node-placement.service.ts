import { Injectable } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { NodeScheduler, SchedulerRegistry } from '@netpulse/schedulers';
import { PinStore } from '@netpulse/state';

/** Hints kept at most (one per device; cleared when full). */
const MAX_REMEMBERED = 200_000;

/**
 * Finds the node that serves a device: its live pin, or a new one chosen by the configured scheduler
 * and claimed atomically (a full or dying node is skipped and the next best tried).
 */
@Injectable()
export class NodePlacementService {
  private readonly scheduler: NodeScheduler;
  /** host → the node it was last enqueued on: a hint only, checked by the enqueue step itself. */
  private readonly owners = new Map<string, string>();

  constructor(
    config: AppConfig,
    private readonly pins: PinStore,
    schedulers: SchedulerRegistry,
  ) {
    this.scheduler = schedulers.get(config.value.worker.scheduler);
  }

  /** The node that served `host` at its last placement, if any (unchecked). */
  remembered(host: string): string | undefined {
    return this.owners.get(host);
  }

  /** Drops a hint found stale. */
  forget(host: string): void {
    this.owners.delete(host);
  }

  /** The node now serving `host`, or null when no live node has room. */
  async place(host: string): Promise<string | null> {
    const node = await this.find(host);
    if (node) this.remember(host, node);
    else this.owners.delete(host);
    return node;
  }

  /**
   * Places many hosts in one step (bulk requests): their live owners in one read; the rest chosen
   * together by the scheduler's batch method (honouring capacity) and claimed in one atomic Lua step
   * per batch; hosts whose claim lost a race are placed again with fresh node counts. Null: no live
   * node has room.
   */
  async placeMany(hosts: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    const unique = [...new Set(hosts)];
    if (unique.length === 0) return out;
    const [owners, firstLive] = await Promise.all([this.pins.ownersOf(unique), this.pins.liveNodes()]);
    let live = firstLive;
    let alive = new Set(live.map((n) => n.hostname));
    let pending: { host: string; seen: string | null }[] = [];
    unique.forEach((host, i) => {
      const owner = owners[i];
      if (owner && alive.has(owner)) out.set(host, owner);
      else pending.push({ host, seen: owner });
    });
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
        else out.set(p.host, null);
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
    for (const p of pending) out.set(p.host, null);
    for (const [host, node] of out) {
      if (node) this.remember(host, node);
      else this.owners.delete(host);
    }
    return out;
  }

  private remember(host: string, node: string): void {
    if (this.owners.size >= MAX_REMEMBERED && !this.owners.has(host)) this.owners.clear();
    this.owners.set(host, node);
  }

  private async find(host: string): Promise<string | null> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const owner = await this.pins.ownerOf(host);
      if (owner && (await this.pins.isNodeAlive(owner))) return owner;
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
