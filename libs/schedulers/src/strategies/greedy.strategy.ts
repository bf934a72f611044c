import { NodeInfo, NodeScheduler, available, placeEach, remaining } from '../node-scheduler';

/** Bin-packing: fill the busiest node that still has room (fewest nodes holding sessions). */
export class GreedyStrategy implements NodeScheduler {
  readonly name = 'greedy';

  select(nodes: readonly NodeInfo[]): NodeInfo | null {
    return pack(available(nodes))[0] ?? null;
  }

  selectBatch(nodes: readonly NodeInfo[], hosts: readonly string[]): (NodeInfo | null)[] {
    return placeEach(nodes, hosts, (live) => pack(live)[0] ?? null);
  }
}

function pack(nodes: NodeInfo[]): NodeInfo[] {
  return [...nodes].sort((a, b) => b.count - a.count || remaining(b) - remaining(a) || a.hostname.localeCompare(b.hostname));
}
