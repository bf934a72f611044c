import { ParsedPattern, RegexNode } from './python-regex.ast';
import { PythonRegexWidth } from './python-regex.width';

/** Where the JS engine may disagree with Python on a pattern, and how {@link PythonRegex} copes. */
export interface JsDivergence {
  /** JS cannot be trusted for this pattern at all: every match goes through the Python matcher. */
  readonly alwaysPython: boolean;
  /** Named groups JS may leave unset where Python has a value: a JS match leaving one unset is redone. */
  readonly recheck: readonly string[];
}

const NO_GROUPS = new Map<number, readonly [number, number]>();

/**
 * Finds the constructs on which ECMAScript and Python's `sre` part ways.
 *
 * - Back-references: JS matches an unset group as empty, Python fails.
 * - Captures in a repeat that can run twice: JS clears them at every iteration, Python keeps the
 *   last value set, so a group JS reports unset may have one.
 * - Repeats whose body can match empty: Python accepts one empty iteration and stops, JS refuses
 *   it. With a greedy body the empty match is the last choice anyway, so only its captures differ
 *   (`''` against unset); a body that can prefer empty (lazy quantifier, alternation with an
 *   empty-capable branch before another) can change the match itself, as can captures inside a
 *   nullable repeat that may run twice.
 */
export class JsDivergenceAnalyzer {
  static analyze(parsed: ParsedPattern): JsDivergence {
    const recheck: string[] = [];
    const alwaysPython = JsDivergenceAnalyzer.walk(parsed.ast, false, recheck);
    return { alwaysPython, recheck };
  }

  /** Collects rechecked names under `node`; returns whether the pattern needs the Python matcher. */
  private static walk(node: RegexNode, rechecked: boolean, names: string[]): boolean {
    switch (node.type) {
      case 'alternation':
        return JsDivergenceAnalyzer.some(node.branches, rechecked, names);
      case 'sequence':
        return JsDivergenceAnalyzer.some(node.items, rechecked, names);
      case 'group':
        if (rechecked && node.name !== undefined) {
          names.push(node.name);
        }
        return JsDivergenceAnalyzer.walk(node.body, rechecked, names);
      case 'atomic':
      case 'backref':
        return true;
      case 'lookaround':
        return JsDivergenceAnalyzer.walk(node.body, rechecked, names);
      case 'repeat': {
        const nullable = JsDivergenceAnalyzer.nullable(node.body);
        const inner = JsDivergenceAnalyzer.walk(node.body, rechecked || nullable || node.max > 1, names);
        const prefersEmpty = nullable && JsDivergenceAnalyzer.mayPreferEmpty(node.body);
        const capturesTwice = nullable && node.max > 1 && JsDivergenceAnalyzer.hasNamedGroup(node.body);
        return inner || prefersEmpty || capturesTwice;
      }
      case 'anchor':
      case 'any':
      case 'category':
      case 'class':
      case 'literal':
        return false;
    }
  }

  private static some(nodes: readonly RegexNode[], rechecked: boolean, names: string[]): boolean {
    // Every node is walked (no short-circuit) so that all rechecked names are collected.
    return nodes.map((node) => JsDivergenceAnalyzer.walk(node, rechecked, names)).some(Boolean);
  }

  private static nullable(node: RegexNode): boolean {
    return PythonRegexWidth.of(node, NO_GROUPS)[0] === 0;
  }

  /** Whether some empty match of `node` may be tried before a non-empty one. */
  private static mayPreferEmpty(node: RegexNode): boolean {
    switch (node.type) {
      case 'alternation':
        return (
          node.branches.slice(0, -1).some((branch) => JsDivergenceAnalyzer.nullable(branch)) ||
          node.branches.some((branch) => JsDivergenceAnalyzer.mayPreferEmpty(branch))
        );
      case 'sequence':
        return node.items.some((item) => JsDivergenceAnalyzer.mayPreferEmpty(item));
      case 'atomic':
      case 'group':
      case 'lookaround':
        return JsDivergenceAnalyzer.mayPreferEmpty(node.body);
      case 'repeat':
        return node.lazy || JsDivergenceAnalyzer.mayPreferEmpty(node.body);
      case 'anchor':
      case 'any':
      case 'backref':
      case 'category':
      case 'class':
      case 'literal':
        return false;
    }
  }

  private static hasNamedGroup(node: RegexNode): boolean {
    switch (node.type) {
      case 'alternation':
        return node.branches.some((branch) => JsDivergenceAnalyzer.hasNamedGroup(branch));
      case 'sequence':
        return node.items.some((item) => JsDivergenceAnalyzer.hasNamedGroup(item));
      case 'group':
        return node.name !== undefined || JsDivergenceAnalyzer.hasNamedGroup(node.body);
      case 'atomic':
      case 'lookaround':
      case 'repeat':
        return JsDivergenceAnalyzer.hasNamedGroup(node.body);
      case 'anchor':
      case 'any':
      case 'backref':
      case 'category':
      case 'class':
      case 'literal':
        return false;
    }
  }
}
