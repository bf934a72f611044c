type FilterKind = 'begin' | 'count' | 'exclude' | 'include' | 'no-more' | 'section';

/** Keywords as typed after `|` on each platform family, mapped onto one set of filters. */
const KEYWORDS: ReadonlyArray<readonly [string, FilterKind]> = [
  ['begin', 'begin'],
  ['count', 'count'],
  ['except', 'exclude'],
  ['exclude', 'exclude'],
  ['include', 'include'],
  ['match', 'include'],
  ['no-more', 'no-more'],
  ['section', 'section'],
];

/** Why a pipe was refused: the profile turns it into its own error text. */
export interface FilterError {
  readonly pipe: string;
}

/**
 * Applies the output modifiers typed after `|` (`include`, `exclude`, `begin`, `section`, `count`,
 * and Junos' `match`/`except`/`no-more`). Keywords abbreviate like commands (`| i Gig`).
 */
export class OutputFilter {
  static apply(text: string, pipes: readonly string[]): string | FilterError {
    let out = text;
    for (const pipe of pipes) {
      const [keyword = '', ...rest] = pipe.split(/\s+/);
      const hits = KEYWORDS.filter(([name]) => name.startsWith(keyword.toLowerCase()) && keyword.length > 0);
      const exact = hits.find(([name]) => name === keyword.toLowerCase());
      const kind = exact?.[1] ?? (hits.length === 1 ? hits[0][1] : undefined);
      if (kind === undefined) return { pipe };
      const pattern = rest.join(' ');
      if (kind !== 'count' && kind !== 'no-more' && pattern === '') return { pipe };
      out = OutputFilter.one(out, kind, pattern);
    }
    return out;
  }

  private static one(text: string, kind: FilterKind, pattern: string): string {
    const lines = text.replace(/\n$/, '').split('\n');
    const re = toRegExp(pattern);
    switch (kind) {
      case 'include':
        return joinLines(lines.filter((line) => re.test(line)));
      case 'exclude':
        return joinLines(lines.filter((line) => !re.test(line)));
      case 'begin': {
        const start = lines.findIndex((line) => re.test(line));
        return start === -1 ? '' : joinLines(lines.slice(start));
      }
      case 'section':
        return joinLines(section(lines, re));
      case 'count': {
        const n = pattern === '' ? lines.length : lines.filter((line) => re.test(line)).length;
        return `Number of lines which match regexp = ${n}\n`;
      }
      case 'no-more':
        return text;
    }
  }
}

/** A matching top-level line and the indented lines under it (Cisco `| section`). */
function section(lines: readonly string[], re: RegExp): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    const indented = /^\s/.test(line);
    if (!indented) inside = re.test(line);
    if (inside || (indented && re.test(line))) out.push(line);
  }
  return out;
}

function toRegExp(pattern: string): RegExp {
  try {
    return new RegExp(pattern);
  } catch {
    // Devices treat a pattern they cannot compile as plain text rather than failing the command.
    return new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
}

function joinLines(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
