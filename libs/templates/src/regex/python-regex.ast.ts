import { CategoryLetter } from './python-escape.reader';

/** A member of a character set: a code point range, or a `\d \s \w` category (or negation). */
export type ClassItem =
  | { readonly kind: 'range'; readonly low: number; readonly high: number }
  | { readonly kind: 'category'; readonly letter: CategoryLetter };

export type AnchorKind = 'b' | 'B' | 'end' | 'start' | 'string-end' | 'string-start';

/**
 * A parsed Python pattern. Flags in force where a node was written are stored on the node
 * (`foldCase`, `dotAll`, `multiline`, `ascii`), so scoped flags need no context afterwards.
 */
export type RegexNode =
  | { readonly type: 'alternation'; readonly branches: readonly RegexNode[] }
  | { readonly type: 'anchor'; readonly kind: AnchorKind; readonly multiline: boolean; readonly ascii: boolean }
  | { readonly type: 'any'; readonly dotAll: boolean }
  | { readonly type: 'atomic'; readonly body: RegexNode }
  | { readonly type: 'backref'; readonly group: number; readonly name?: string; readonly foldCase: boolean }
  | { readonly type: 'category'; readonly letter: CategoryLetter; readonly ascii: boolean }
  | { readonly type: 'class'; readonly negated: boolean; readonly items: readonly ClassItem[]; readonly foldCase: boolean; readonly ascii: boolean }
  | { readonly type: 'group'; readonly index?: number; readonly name?: string; readonly body: RegexNode }
  | { readonly type: 'literal'; readonly codePoint: number; readonly foldCase: boolean }
  | { readonly type: 'lookaround'; readonly behind: boolean; readonly negative: boolean; readonly body: RegexNode }
  | { readonly type: 'repeat'; readonly min: number; readonly max: number; readonly lazy: boolean; readonly body: RegexNode }
  | { readonly type: 'sequence'; readonly items: readonly RegexNode[] };

/** A pattern as Python's parser sees it. */
export interface ParsedPattern {
  readonly ast: RegexNode;
  /** Number of capturing groups (Python's `pattern.groups`). */
  readonly groupCount: number;
  /** Named groups → group number, in the order they open. */
  readonly groupNames: ReadonlyMap<string, number>;
  /** A leading `(?i)`: the whole pattern ignores case. */
  readonly ignoreCase: boolean;
}
