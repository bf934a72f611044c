/** One configuration statement and the statements nested under it. */
export interface ConfigNode {
  children: ConfigNode[];
  text: string;
}

/**
 * The configuration of a simulated device as a tree of statements. Every platform stores its config
 * in this one shape (Cisco/Huawei stanzas, Junos hierarchy); only parsing and rendering differ, so a
 * new platform never needs a new store.
 */
export class ConfigTree {
  readonly root: ConfigNode;

  constructor(root?: ConfigNode) {
    this.root = root ?? { text: '', children: [] };
  }

  /** Builds a tree from indented text (one level per `indent` unit), the way configs are written. */
  static parseIndented(text: string, indent = ' '): ConfigTree {
    const tree = new ConfigTree();
    const stack: ConfigNode[] = [tree.root];
    for (const raw of text.split('\n')) {
      if (raw.trim() === '' || raw.trim() === '!') continue;
      let depth = 0;
      while (raw.startsWith(indent.repeat(depth + 1))) depth += 1;
      const node: ConfigNode = { text: raw.trim(), children: [] };
      // A line deeper than its parent allows attaches to the deepest open stanza.
      const parentDepth = Math.min(depth, stack.length - 1);
      stack.length = parentDepth + 1;
      stack[parentDepth].children.push(node);
      stack.push(node);
    }
    return tree;
  }

  clone(): ConfigTree {
    const copy = (node: ConfigNode): ConfigNode => ({ text: node.text, children: node.children.map(copy) });
    return new ConfigTree(copy(this.root));
  }

  /** The node at `path` (each element the full text of a node), or undefined. */
  find(path: readonly string[]): ConfigNode | undefined {
    let node: ConfigNode | undefined = this.root;
    for (const text of path) {
      node = node.children.find((child) => child.text === text);
      if (!node) return undefined;
    }
    return node;
  }

  /** The node at `path`, created (appended) where missing. */
  ensure(path: readonly string[]): ConfigNode {
    let node = this.root;
    for (const text of path) {
      let next = node.children.find((child) => child.text === text);
      if (!next) {
        next = { text, children: [] };
        node.children.push(next);
      }
      node = next;
    }
    return node;
  }

  /**
   * Adds statement `text` under `path`. Statements that start with `replaceKey` are removed first,
   * so single-valued settings (`description`, `ip address`, `hostname`) replace instead of piling up.
   */
  set(path: readonly string[], text: string, replaceKey?: string): ConfigNode {
    const parent = this.ensure(path);
    const existing = parent.children.find((child) => child.text === text);
    if (existing) return existing;
    const node: ConfigNode = { text, children: [] };
    // A replaced value keeps its place, so `hostname` stays near the top as on a real device.
    const kept: ConfigNode[] = [];
    let placed = false;
    for (const child of parent.children) {
      if (replaceKey !== undefined && startsWithWords(child.text, replaceKey)) {
        if (!placed) kept.push(node);
        placed = true;
        continue;
      }
      kept.push(child);
    }
    if (!placed) kept.push(node);
    parent.children = kept;
    return node;
  }

  /** Removes the statements under `path` equal to `text` or starting with its words; returns how many. */
  remove(path: readonly string[], text: string): number {
    const parent = this.find(path);
    if (!parent) return 0;
    const before = parent.children.length;
    parent.children = parent.children.filter((child) => !startsWithWords(child.text, text));
    return before - parent.children.length;
  }

  /** Lines with `indent` per level, depth first: the common base of every text rendering. */
  lines(indent = ' '): string[] {
    const out: string[] = [];
    const walk = (node: ConfigNode, depth: number): void => {
      for (const child of node.children) {
        out.push(indent.repeat(depth) + child.text);
        walk(child, depth + 1);
      }
    };
    walk(this.root, 0);
    return out;
  }

  equals(other: ConfigTree): boolean {
    return this.lines().join('\n') === other.lines().join('\n');
  }
}

/** True when `text` is `prefix` or begins with `prefix` followed by a space (case-insensitive). */
export function startsWithWords(text: string, prefix: string): boolean {
  const t = text.toLowerCase();
  const p = prefix.toLowerCase().trim();
  return t === p || t.startsWith(`${p} `);
}
