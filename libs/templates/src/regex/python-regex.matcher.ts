import { JsCharsetWriter } from './js-charset.writer';
import { RegexNode } from './python-regex.ast';
import { PythonRegexWidth } from './python-regex.width';

/** Group spans as [start0, end0, start1, end1, ...] in code points; -1 while unset. */
type Spans = readonly number[];
type Continuation = (position: number, spans: Spans) => boolean;
type Node<T extends RegexNode['type']> = Extract<RegexNode, { type: T }>;

const NO_GROUPS = new Map<number, readonly [number, number]>();
const WORD = {
  ascii: new RegExp(`^${JsCharsetWriter.category('w', 'ascii')}$`, 'u'),
  unicode: new RegExp(`^${JsCharsetWriter.category('w', 'unicode')}$`, 'u'),
};

/**
 * A backtracking matcher over the parsed tree with Python's capture rules: a group keeps the value
 * from the last iteration that set it (JS clears groups at each iteration of a repeat), a repeat
 * stops after an empty iteration, and a back-reference to an unset group fails. Slower than the JS
 * engine; {@link PythonRegex} uses it only where the two disagree.
 */
export class PythonRegexMatcher {
  private readonly chars: readonly string[];

  private constructor(
    text: string,
    private readonly groupCount: number,
    /** Compiled one-character tests per set node, shared across matches of one pattern. */
    private readonly sets: Map<RegexNode, RegExp>,
  ) {
    this.chars = Array.from(text);
  }

  /** Python's `re.match`: group values by number (index 0 is the whole match), or `null`. */
  static match(ast: RegexNode, groupCount: number, text: string, sets: Map<RegexNode, RegExp>): (string | undefined)[] | null {
    return new PythonRegexMatcher(text, groupCount, sets).run(ast);
  }

  private run(ast: RegexNode): (string | undefined)[] | null {
    const chars = this.chars;
    let result: Spans | undefined;
    const start: Spans = new Array<number>((this.groupCount + 1) * 2).fill(-1);
    const matched = this.node(ast, 0, start, (position, spans) => {
      result = [0, position, ...spans.slice(2)];
      return true;
    });
    if (!matched || result === undefined) {
      return null;
    }
    const spans = result;
    return Array.from({ length: this.groupCount + 1 }, (_, group) => {
      const from = spans[group * 2] ?? -1;
      const to = spans[group * 2 + 1] ?? -1;
      return from < 0 || to < 0 ? undefined : chars.slice(from, to).join('');
    });
  }

  private node(node: RegexNode, at: number, spans: Spans, next: Continuation): boolean {
    switch (node.type) {
      case 'sequence':
        return this.sequence(node.items, 0, at, spans, next);
      case 'alternation':
        return node.branches.some((branch) => this.node(branch, at, spans, next));
      case 'literal':
      case 'any':
      case 'category':
      case 'class':
        return at < this.chars.length && this.single(node, this.chars[at] ?? '') && next(at + 1, spans);
      case 'anchor':
        return this.anchor(node, at) && next(at, spans);
      case 'backref':
        return this.backref(node, at, spans, next);
      case 'group':
        return this.node(node.body, at, spans, (end, inner) => {
          if (node.index === undefined) {
            return next(end, inner);
          }
          const updated = [...inner];
          updated[node.index * 2] = at;
          updated[node.index * 2 + 1] = end;
          return next(end, updated);
        });
      case 'lookaround':
        return this.lookaround(node, at, spans, next);
      case 'repeat':
        return this.repeat(node, at, spans, next);
      case 'atomic': {
        // Matched once; the continuation never backtracks into it.
        let end = -1;
        let inner: Spans = spans;
        const matched = this.node(node.body, at, spans, (position, after) => {
          end = position;
          inner = after;
          return true;
        });
        return matched && next(end, inner);
      }
    }
  }

  private sequence(items: readonly RegexNode[], index: number, at: number, spans: Spans, next: Continuation): boolean {
    const item = items[index];
    if (item === undefined) {
      return next(at, spans);
    }
    return this.node(item, at, spans, (end, inner) => this.sequence(items, index + 1, end, inner, next));
  }

  private single(node: Node<'any' | 'category' | 'class' | 'literal'>, char: string): boolean {
    switch (node.type) {
      case 'any':
        return node.dotAll || char !== '\n';
      case 'literal': {
        const literal = String.fromCodePoint(node.codePoint);
        return char === literal || (node.foldCase && (char.toLowerCase() === literal.toLowerCase() || char.toUpperCase() === literal.toUpperCase()));
      }
      case 'category':
      case 'class':
        return this.setRegex(node).test(char);
    }
  }

  private setRegex(node: Node<'category' | 'class'>): RegExp {
    let regex = this.sets.get(node);
    if (regex === undefined) {
      const charset = node.ascii ? 'ascii' : 'unicode';
      const source = node.type === 'class' ? JsCharsetWriter.set(node.items, node.negated, charset, false) : JsCharsetWriter.category(node.letter, charset);
      regex = new RegExp(`^${source}$`, node.type === 'class' && node.foldCase ? 'iu' : 'u');
      this.sets.set(node, regex);
    }
    return regex;
  }

  private anchor(node: Node<'anchor'>, at: number): boolean {
    const length = this.chars.length;
    switch (node.kind) {
      case 'start':
        return at === 0 || (node.multiline && this.chars[at - 1] === '\n');
      case 'end':
        return at === length || (this.chars[at] === '\n' && (node.multiline || at === length - 1));
      case 'string-start':
        return at === 0;
      case 'string-end':
        return at === length;
      case 'b':
      case 'B': {
        const word = node.ascii ? WORD.ascii : WORD.unicode;
        const boundary = word.test(this.chars[at - 1] ?? '') !== word.test(this.chars[at] ?? '');
        // Python's \B never matches an empty string.
        return node.kind === 'b' ? boundary : !boundary && length > 0;
      }
    }
  }

  private backref(node: Node<'backref'>, at: number, spans: Spans, next: Continuation): boolean {
    const from = spans[node.group * 2] ?? -1;
    const to = spans[node.group * 2 + 1] ?? -1;
    if (from < 0 || to < 0) {
      return false;
    }
    const length = to - from;
    for (let offset = 0; offset < length; offset += 1) {
      const expected = this.chars[from + offset] ?? '';
      const actual = this.chars[at + offset];
      if (actual === undefined || (actual !== expected && !(node.foldCase && actual.toLowerCase() === expected.toLowerCase()))) {
        return false;
      }
    }
    return next(at + length, spans);
  }

  private lookaround(node: Node<'lookaround'>, at: number, spans: Spans, next: Continuation): boolean {
    let found: Spans | undefined;
    const [width] = PythonRegexWidth.of(node.body, NO_GROUPS);
    const start = node.behind ? at - width : at;
    const matched =
      start >= 0 &&
      this.node(node.body, start, spans, (end, inner) => {
        if (node.behind && end !== at) {
          return false;
        }
        found = inner;
        return true;
      });
    if (node.negative) {
      return !matched && next(at, spans);
    }
    return matched && next(at, found ?? spans);
  }

  private repeat(node: Node<'repeat'>, at: number, spans: Spans, next: Continuation): boolean {
    const body = node.body;
    if (body.type === 'literal' || body.type === 'any' || body.type === 'category' || body.type === 'class') {
      return this.repeatSingle(node, body, at, spans, next);
    }
    // Python's MAX_UNTIL / MIN_UNTIL: no further iteration after an empty one.
    const iterate = (count: number, position: number, inner: Spans, lastStart: number): boolean => {
      const again = (): boolean => this.node(body, position, inner, (end, after) => iterate(count + 1, end, after, count < node.min ? lastStart : position));
      if (count < node.min) {
        return again();
      }
      const more = count < node.max && position !== lastStart;
      if (node.lazy) {
        return next(position, inner) || (more && again());
      }
      return (more && again()) || next(position, inner);
    };
    return iterate(0, at, spans, -1);
  }

  /** A repeat of one code point at a time: counted in a loop, so long runs need no deep recursion. */
  private repeatSingle(node: Node<'repeat'>, body: Node<'any' | 'category' | 'class' | 'literal'>, at: number, spans: Spans, next: Continuation): boolean {
    let count = 0;
    while (count < node.max && at + count < this.chars.length && this.single(body, this.chars[at + count] ?? '')) {
      count += 1;
    }
    if (count < node.min) {
      return false;
    }
    if (node.lazy) {
      for (let taken = node.min; taken <= count; taken += 1) {
        if (next(at + taken, spans)) {
          return true;
        }
      }
      return false;
    }
    for (let taken = count; taken >= node.min; taken -= 1) {
      if (next(at + taken, spans)) {
        return true;
      }
    }
    return false;
  }
}
