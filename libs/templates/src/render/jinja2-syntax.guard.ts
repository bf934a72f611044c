import type { Jinja2Options } from './jinja2.options';
import { TemplateRenderError } from './template-render.error';

/**
 * Refuses the Jinja2 constructs nunjucks would accept but render differently, so a device never gets a
 * silently wrong config:
 * - a loop filter `{% for x in items if x.up %}`: nunjucks reads `items if x.up` as an inline `if`
 *   (with `x` undefined it is false) and loops over nothing;
 * - `%` formatting on a string literal (`{{ "%s/%s" % (a, b) }}`): JavaScript's `%` gives `NaN`.
 * @throws TemplateRenderError naming the construct and the way to write it instead
 */
export function refuseUnsupportedSyntax(source: string, opts: Jinja2Options): void {
  for (const tag of tags(source, opts)) {
    const body = tag.content.replace(/^[-+]/, '').replace(/[-+]$/, '').trim();
    if (tag.kind === 'block' && /^for\s/.test(body) && topLevelWord(body, 'if')) {
      throw new TemplateRenderError(
        `Jinja2 template error: [Line ${tag.line}] a loop filter (\`for ... in ... if ...\`) is not supported; put an {% if %} inside the loop`,
      );
    }
    if (/(["'])(?:\\.|(?!\1)[^\\])*\1\s*%(?!=)/.test(body)) {
      throw new TemplateRenderError(`Jinja2 template error: [Line ${tag.line}] \`%\` string formatting is not supported; use the format filter ("%s" | format(x)) or ~`);
    }
  }
}

interface Tag {
  readonly kind: 'block' | 'variable';
  readonly content: string;
  readonly line: number;
}

/**
 * The tags of a template, in order, in one pass: each opener's next position is searched once and
 * reused until passed, and line numbers are counted forward from the previous tag. (Searching every
 * opener from every tag, and counting lines from the start each time, took seconds on large templates.)
 */
function* tags(source: string, opts: Jinja2Options): Generator<Tag> {
  const openers = [
    { end: opts.blockEnd, kind: 'block' as const, start: opts.blockStart, next: -1 },
    { end: opts.variableEnd, kind: 'variable' as const, start: opts.variableStart, next: -1 },
    { end: opts.commentEnd, kind: 'comment' as const, start: opts.commentStart, next: -1 },
  ];
  let at = 0;
  let line = 1;
  let counted = 0;
  while (at < source.length) {
    let opener: (typeof openers)[number] | null = null;
    for (const o of openers) {
      if (o.next !== Number.POSITIVE_INFINITY && o.next < at) {
        const found = source.indexOf(o.start, at);
        o.next = found < 0 ? Number.POSITIVE_INFINITY : found;
      }
      if (o.next !== Number.POSITIVE_INFINITY && (opener === null || o.next < opener.next)) opener = o;
    }
    if (opener === null) return;
    const index = opener.next;
    const from = index + opener.start.length;
    const end = opener.kind === 'comment' ? source.indexOf(opener.end, from) : closing(source, from, opener.end);
    if (end < 0) return;
    if (opener.kind !== 'comment') {
      line += newlines(source, counted, index);
      counted = index;
      yield { content: source.slice(from, end), kind: opener.kind, line };
    }
    at = end + opener.end.length;
  }
}

function newlines(source: string, from: number, to: number): number {
  let n = 0;
  for (let i = source.indexOf('\n', from); i >= 0 && i < to; i = source.indexOf('\n', i + 1)) n++;
  return n;
}

/** Index of the end delimiter, skipping quoted strings (a `"%}"` literal does not close the tag). */
function closing(source: string, from: number, end: string): number {
  let quote: string | null = null;
  for (let i = from; i < source.length; i++) {
    const c = source.charAt(i);
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (source.startsWith(end, i)) return i;
  }
  return -1;
}

/** Whether `word` appears as a keyword outside strings and brackets. */
function topLevelWord(body: string, word: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (quote !== null) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && body.startsWith(word, i) && /\s/.test(body.charAt(i - 1)) && /\s/.test(body.charAt(i + word.length))) return true;
  }
  return false;
}
