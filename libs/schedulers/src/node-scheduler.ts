/** A node as the schedulers see it (the contract's `node_info_map` value). */
export interface NodeInfo {
  hostname: string;
  count: number;
  capacity: number;
  queue: string;
}

/**
 * A node-selection strategy: picks the node that should host a device's pinned
 * worker. Strategies only rank; the claim that reserves capacity is atomic in Redis.
 */
export interface NodeScheduler {
  readonly name: string;
  /** The node for one host, or null when no node has room. */
  select(nodes: readonly NodeInfo[], host: string): NodeInfo | null;
  /**
   * Nodes for many hosts, aligned with `hosts` (null: not placed). Every host is placed whenever
   * the total free capacity suffices (docs/compatibility.md: Schedulers place every host that fits).
   */
  selectBatch(nodes: readonly NodeInfo[], hosts: readonly string[]): (NodeInfo | null)[];
}

export function remaining(n: NodeInfo): number {
  return n.capacity - n.count;
}

export function available(nodes: readonly NodeInfo[]): NodeInfo[] {
  return nodes.filter((n) => remaining(n) > 0);
}

/** Places hosts one by one with `pick`, counting each placement so capacity is never exceeded. */
export function placeEach(nodes: readonly NodeInfo[], hosts: readonly string[], pick: (live: NodeInfo[], host: string) => NodeInfo | null): (NodeInfo | null)[] {
  const live = nodes.map((n) => ({ ...n }));
  return hosts.map((h) => {
    const chosen = pick(available(live), h);
    if (!chosen) return null;
    chosen.count++;
    return nodes.find((n) => n.hostname === chosen.hostname) ?? null;
  });
}

/** A stable 32-bit FNV-1a hash (the original's per-process randomised `hash()` made affinity unstable). */
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
