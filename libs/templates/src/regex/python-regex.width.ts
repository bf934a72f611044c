import { RegexNode } from './python-regex.ast';

/** Python's `getwidth()`: the fewest and most code points a node can match (`Infinity` for unbounded). */
export class PythonRegexWidth {
  /** @param groups widths of the groups closed so far, for back-references */
  static of(node: RegexNode, groups: ReadonlyMap<number, readonly [number, number]>): readonly [number, number] {
    switch (node.type) {
      case 'any':
      case 'category':
      case 'class':
      case 'literal':
        return [1, 1];
      case 'anchor':
      case 'lookaround':
        return [0, 0];
      case 'backref':
        return groups.get(node.group) ?? [0, Infinity];
      case 'atomic':
      case 'group':
        return PythonRegexWidth.of(node.body, groups);
      case 'alternation': {
        const widths = node.branches.map((branch) => PythonRegexWidth.of(branch, groups));
        return [Math.min(...widths.map(([low]) => low)), Math.max(...widths.map(([, high]) => high))];
      }
      case 'sequence':
        return node.items
          .map((item) => PythonRegexWidth.of(item, groups))
          .reduce<readonly [number, number]>(([low, high], [itemLow, itemHigh]) => [low + itemLow, high + itemHigh], [0, 0]);
      case 'repeat': {
        const [low, high] = PythonRegexWidth.of(node.body, groups);
        return [low * node.min, high === 0 ? 0 : high * node.max];
      }
    }
  }
}
