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
