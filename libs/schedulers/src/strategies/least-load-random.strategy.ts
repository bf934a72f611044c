import { NodeInfo, NodeScheduler, available, placeEach, remaining } from '../node-scheduler';

/** Lowest count, then most room, then a uniform random pick among the ties. */
export class LeastLoadRandomStrategy implements NodeScheduler {
  readonly name = 'least_load_random';

  constructor(private readonly random: () => number = Math.random) {}

  select(nodes: readonly NodeInfo[]): NodeInfo | null {
    return this.pick(available(nodes));
  }

  /** Unlike the original, every host is placed while any node has room. */
  selectBatch(nodes: readonly NodeInfo[], hosts: readonly string[]): (NodeInfo | null)[] {
    return placeEach(nodes, hosts, (live) => this.pick(live));
  }

  private pick(nodes: NodeInfo[]): NodeInfo | null {
    if (nodes.length === 0) return null;
    const minCount = Math.min(...nodes.map((n) => n.count));
    const level = nodes.filter((n) => n.count === minCount);
    const maxRoom = Math.max(...level.map(remaining));
    const ties = level.filter((n) => remaining(n) === maxRoom);
    return ties[Math.floor(this.random() * ties.length)] ?? ties[0];
  }
}
