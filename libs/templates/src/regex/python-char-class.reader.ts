import { GroupTracker, PythonEscape, PythonEscapeReader } from './python-escape.reader';
import { ClassItem, RegexNode } from './python-regex.ast';
import { PatternCursor } from './pattern-cursor';

/** Flags in force where the set appears. */
export interface ClassFlags {
  readonly ascii: boolean;
  readonly foldCase: boolean;
}

/** Reads a Python `[...]` set: `]` first is a literal, `-` first or last too, ranges need two literals. */
export class PythonCharClassReader {
  /** Reads the set whose `[` the cursor has just consumed. */
  static read(cursor: PatternCursor, flags: ClassFlags, groups: GroupTracker): RegexNode {
    const start = cursor.position - 1;
    const negated = cursor.eat('^');
    const items: ClassItem[] = [];
    for (;;) {
      if (cursor.atEnd) {
        throw cursor.error('unterminated character set', start);
      }
      const char = cursor.next();
      if (char === ']' && items.length > 0) {
        break;
      }
      const first = PythonCharClassReader.element(cursor, char, groups);
      if (!cursor.eat('-')) {
        items.push(first);
        continue;
      }
      if (cursor.atEnd) {
        throw cursor.error('unterminated character set', start);
      }
      const after = cursor.next();
      if (after === ']') {
        items.push(first, { high: 45, kind: 'range', low: 45 });
        break;
      }
      const second = PythonCharClassReader.element(cursor, after, groups);
      if (first.kind !== 'range' || second.kind !== 'range' || second.low < first.low) {
        throw cursor.error('bad character range', start);
      }
      items.push({ high: second.low, kind: 'range', low: first.low });
    }
    return { ascii: flags.ascii, foldCase: flags.foldCase, items, negated, type: 'class' };
  }

  private static element(cursor: PatternCursor, char: string, groups: GroupTracker): ClassItem {
    if (char !== '\\') {
      const codePoint = char.codePointAt(0) ?? 0;
      return { high: codePoint, kind: 'range', low: codePoint };
    }
    const escape: PythonEscape = PythonEscapeReader.read(cursor, true, groups);
    switch (escape.kind) {
      case 'literal':
        return { high: escape.codePoint, kind: 'range', low: escape.codePoint };
      case 'category':
        return { kind: 'category', letter: escape.letter };
      case 'assertion':
      case 'groupref':
        throw cursor.error('bad escape in character set');
    }
  }
}
