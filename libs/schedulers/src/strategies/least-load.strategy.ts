import { NodeInfo, NodeScheduler, available, placeEach, remaining } from '../node-scheduler';

/** Lowest count, then most room, then name: deterministic (the original's code default). */
export class LeastLoadStrategy implements NodeScheduler {
  readonly name = 'least_load';

  select(nodes: readonly NodeInfo[]): NodeInfo | null {
    return rank(available(nodes))[0] ?? null;
  }

  selectBatch(nodes: readonly NodeInfo[], hosts: readonly string[]): (NodeInfo | null)[] {
    return placeEach(nodes, hosts, (live) => rank(live)[0] ?? null);
  }
}

function rank(nodes: NodeInfo[]): NodeInfo[] {
  return [...nodes].sort((a, b) => a.count - b.count || remaining(b) - remaining(a) || a.hostname.localeCompare(b.hostname));
}
