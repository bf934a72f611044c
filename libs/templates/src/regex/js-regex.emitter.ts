import { JsCharset, JsCharsetWriter } from './js-charset.writer';
import { ParsedPattern, RegexNode } from './python-regex.ast';

const SYNTAX_CHARS = new Set(Array.from('^$\\.*+?()[]{}|/'));

/**
 * Writes a parsed Python pattern as JS `u`-mode source with the same matches: Python's Unicode
 * `\w \d \s \b`, `.` that only stops at `\n`, `$` that also matches before a final `\n`, `{,n}`,
 * scoped flags spelled out per node. Capture values inside repeats differ (JS clears them each
 * iteration); {@link PythonRegex} covers that with its own matcher.
 */
export class JsRegexEmitter {
  private constructor(
    private readonly asciiSubject: boolean,
    private readonly jsIgnoreCase: boolean,
  ) {}

  /**
   * @param asciiSubject write for subjects known to be ASCII: same matches on such text, without the
   *   Unicode property classes that V8 is slow to build
   * @returns source and flags, or `undefined` when JS cannot express the pattern (atomic groups,
   *   possessive quantifiers, a `(?-i:...)` inside a global `(?i)`)
   */
  static emit(parsed: ParsedPattern, asciiSubject: boolean): { flags: string; source: string } | undefined {
    const emitter = new JsRegexEmitter(asciiSubject, parsed.ignoreCase);
    const source = emitter.node(parsed.ast);
    return source === undefined ? undefined : { flags: parsed.ignoreCase ? 'iu' : 'u', source };
  }

  private node(node: RegexNode): string | undefined {
    switch (node.type) {
      case 'alternation':
        return this.join(node.branches, '|');
      case 'sequence':
        return this.join(node.items, '');
      case 'literal':
        return this.caseSensitive(node.foldCase) ? this.literal(node.codePoint, node.foldCase) : undefined;
      case 'any':
        return node.dotAll ? '[^]' : '[^\\n]';
      case 'category':
        return JsCharsetWriter.category(node.letter, this.charset(node.ascii));
      case 'class':
        return this.caseSensitive(node.foldCase)
          ? JsCharsetWriter.set(node.items, node.negated, this.charset(node.ascii), node.foldCase && !this.jsIgnoreCase)
          : undefined;
      case 'anchor':
        return this.anchor(node);
      case 'backref':
        // Wrapped so that a digit written after it cannot extend the group number.
        return this.caseSensitive(node.foldCase) ? `(?:\\${node.group})` : undefined;
      case 'group': {
        const body = this.node(node.body);
        if (body === undefined) {
          return undefined;
        }
        if (node.index === undefined) {
          return `(?:${body})`;
        }
        return node.name === undefined ? `(${body})` : `(?<${node.name}>${body})`;
      }
      case 'lookaround': {
        const body = this.node(node.body);
        return body === undefined ? undefined : `(?${node.behind ? '<' : ''}${node.negative ? '!' : '='}${body})`;
      }
      case 'repeat':
        return this.repeat(node);
      case 'atomic':
        return undefined;
    }
  }

  private join(nodes: readonly RegexNode[], separator: string): string | undefined {
    const parts: string[] = [];
    for (const node of nodes) {
      const part = this.node(node);
      if (part === undefined) {
        return undefined;
      }
      parts.push(part);
    }
    return parts.join(separator);
  }

  /** JS has no scoped `(?-i:...)`: a case-sensitive node inside a global `(?i)` cannot be written. */
  private caseSensitive(foldCase: boolean): boolean {
    return foldCase || !this.jsIgnoreCase;
  }

  private literal(codePoint: number, foldCase: boolean): string {
    if (foldCase && !this.jsIgnoreCase) {
      const variants = JsCharsetWriter.caseVariants(codePoint);
      if (variants.length > 1) {
        return `[${variants.map((variant) => JsCharsetWriter.classChar(variant)).join('')}]`;
      }
    }
    const char = String.fromCodePoint(codePoint);
    return SYNTAX_CHARS.has(char) ? `\\${char}` : JsCharsetWriter.printable(codePoint);
  }

  private anchor(node: Extract<RegexNode, { type: 'anchor' }>): string {
    switch (node.kind) {
      case 'start':
        return node.multiline ? '(?<![^\\n])' : '^';
      case 'end':
        return node.multiline ? '(?![^\\n])' : '(?=\\n?$)';
      case 'string-start':
        return '^';
      case 'string-end':
        return '$';
      case 'b':
        return JsCharsetWriter.wordBoundary(false, this.charset(node.ascii));
      case 'B':
        // Python's \B never matches an empty string.
        return `(?!^$)${JsCharsetWriter.wordBoundary(true, this.charset(node.ascii))}`;
    }
  }

  private repeat(node: Extract<RegexNode, { type: 'repeat' }>): string | undefined {
    const body = this.node(node.body);
    if (body === undefined) {
      return undefined;
    }
    // JS refuses a quantifier directly on a lookaround; Python accepts it.
    const operand = node.body.type === 'lookaround' ? `(?:${body})` : body;
    const { max, min } = node;
    let quantifier: string;
    if (max === Infinity) {
      quantifier = min === 0 ? '*' : min === 1 ? '+' : `{${min},}`;
    } else {
      quantifier = min === 0 && max === 1 ? '?' : min === max ? `{${min}}` : `{${min},${max}}`;
    }
    return `${operand}${quantifier}${node.lazy ? '?' : ''}`;
  }

  private charset(ascii: boolean): JsCharset {
    if (ascii) {
      return 'ascii';
    }
    return this.asciiSubject ? 'ascii-subject' : 'unicode';
  }
}
