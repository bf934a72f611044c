import { NodeInfo, NodeScheduler, available, placeEach, remaining, stableHash } from '../node-scheduler';

/**
 * Weighted random by free room, perturbed by a stable hash of the host so a host tends to land on
 * the same node across controllers and restarts (the original's hash changed per process; see docs/compatibility.md).
 */
export class LoadWeightedRandomStrategy implements NodeScheduler {
  readonly name = 'load_weighted_random';

  constructor(private readonly random: () => number = Math.random) {}

  select(nodes: readonly NodeInfo[], host: string): NodeInfo | null {
    return this.pick(available(nodes), host);
  }

  selectBatch(nodes: readonly NodeInfo[], hosts: readonly string[]): (NodeInfo | null)[] {
    return placeEach(nodes, hosts, (live, h) => this.pick(live, h));
  }

  private pick(nodes: NodeInfo[], host: string): NodeInfo | null {
    if (nodes.length === 0) return null;
    const sorted = [...nodes].sort((a, b) => a.hostname.localeCompare(b.hostname));
    const h = (stableHash(host) % 1000) / 1000;
    const weights = sorted.map((n, i) => remaining(n) * (0.95 + 0.1 * ((h + i / sorted.length) % 1)));
    const total = weights.reduce((a, b) => a + b, 0);
    let r = this.random() * total;
    for (let i = 0; i < sorted.length; i++) {
      r -= weights[i];
      if (r <= 0) return sorted[i];
    }
    return sorted[sorted.length - 1];
  }
}
