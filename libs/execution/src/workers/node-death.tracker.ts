/**
 * When a node whose lease lapsed counts as dead: only once it has been seen lapsed for `marginMs`
 * (a slow heartbeat is not a death, and a stalled node's own view of its lease has surely run out).
 */
export class NodeDeathTracker {
  private readonly lapsedSince = new Map<string, number>();

  constructor(
    private readonly marginMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Of `known` nodes, those whose lease is not `live` and has stayed so for the margin. Forgets the rest. */
  dead(known: readonly string[], live: ReadonlySet<string>): string[] {
    const now = this.now();
    const out: string[] = [];
    for (const node of known) {
      if (live.has(node)) {
        this.lapsedSince.delete(node);
        continue;
      }
      const since = this.lapsedSince.get(node) ?? now;
      this.lapsedSince.set(node, since);
      if (now - since >= this.marginMs) out.push(node);
    }
    for (const node of this.lapsedSince.keys()) if (!known.includes(node)) this.lapsedSince.delete(node);
    return out;
  }

  /** The node's death was handled (it is gone from the registry). */
  forget(node: string): void {
    this.lapsedSince.delete(node);
  }
}
