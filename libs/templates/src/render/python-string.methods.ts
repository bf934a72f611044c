import { boundedWidth } from './render-size.limits';

/**
 * Python `str` methods that Jinja2 templates call (`name.upper()`, `port.split('/')`). Templates must
 * see Python's semantics, not JavaScript's: JS `replace` changes the first match only, JS `split()`
 * without a separator does not split at all. JavaScript's own string methods stay unreachable.
 */
export type PythonStringMethod = (self: string, ...args: unknown[]) => unknown;

const WHITESPACE = ' \t\n\r\x0b\x0c';
// Python's whitespace for split()/strip(): ASCII space, tab, newline, return, vertical tab, form feed.
const LEADING_SPACE = /^[ \t\n\r\v\f]+/;
const SPACE_RUN = /[ \t\n\r\v\f]+/;

export const PYTHON_STRING_METHODS: Readonly<Record<string, PythonStringMethod>> = Object.freeze({
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  center: (s, width, fill) => pad(s, boundedWidth('center', width), fill, 'center'),
  count: (s, sub) => (text(sub) === '' ? s.length + 1 : s.split(text(sub)).length - 1),
  endswith: (s, suffix) => candidates(suffix).some((c) => s.endsWith(c)),
  find: (s, sub) => s.indexOf(text(sub)),
  isalnum: (s) => /^[\p{L}\p{N}]+$/u.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isdigit: (s) => /^\p{Nd}+$/u.test(s),
  islower: (s) => /\p{Ll}/u.test(s) && s === s.toLowerCase(),
  isspace: (s) => s.length > 0 && [...s].every((c) => WHITESPACE.includes(c)),
  isupper: (s) => /\p{Lu}/u.test(s) && s === s.toUpperCase(),
  join: (s, items) => (Array.isArray(items) ? items.map(text).join(s) : [...text(items)].join(s)),
  ljust: (s, width, fill) => pad(s, boundedWidth('ljust', width), fill, 'left'),
  lower: (s) => s.toLowerCase(),
  lstrip: (s, chars) => strip(s, chars, true, false),
  replace: (s, old, rep, count) => replace(s, text(old), text(rep), count === undefined ? -1 : Number(count)),
  rjust: (s, width, fill) => pad(s, boundedWidth('rjust', width), fill, 'right'),
  rstrip: (s, chars) => strip(s, chars, false, true),
  split: (s, sep, maxsplit) => split(s, sep, maxsplit === undefined ? -1 : Number(maxsplit)),
  splitlines: (s) => s.split(/\r\n|\r|\n/).filter((line, i, all) => i < all.length - 1 || line !== ''),
  startswith: (s, prefix) => candidates(prefix).some((c) => s.startsWith(c)),
  strip: (s, chars) => strip(s, chars, true, true),
  title: (s) => s.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase()),
  upper: (s) => s.toUpperCase(),
  zfill: (s, width) => {
    const sign = s.startsWith('-') || s.startsWith('+') ? s[0] : '';
    return sign + s.slice(sign.length).padStart(Math.max(0, boundedWidth('zfill', width) - sign.length), '0');
  },
});

function text(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

function candidates(value: unknown): string[] {
  return Array.isArray(value) ? value.map(text) : [text(value)];
}

function strip(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? WHITESPACE : text(chars);
  let start = 0;
  let end = s.length;
  while (left && start < end && set.includes(s.charAt(start))) start++;
  while (right && end > start && set.includes(s.charAt(end - 1))) end--;
  return s.slice(start, end);
}

function replace(s: string, old: string, rep: string, count: number): string {
  if (count < 0) return s.split(old).join(rep);
  let out = s;
  let from = 0;
  for (let n = 0; n < count; n++) {
    const at = out.indexOf(old, from);
    if (at < 0 || (old === '' && at > out.length)) break;
    out = out.slice(0, at) + rep + out.slice(at + old.length);
    from = at + rep.length + (old === '' ? 1 : 0);
  }
  return out;
}

function split(s: string, sep: unknown, maxsplit: number): string[] {
  if (sep === undefined || sep === null) {
    // Whitespace runs separate; no empty strings at either end.
    const parts: string[] = [];
    let rest = s.replace(LEADING_SPACE, '');
    while (rest !== '' && (maxsplit < 0 || parts.length < maxsplit)) {
      const m = SPACE_RUN.exec(rest);
      if (!m) break;
      parts.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    if (rest !== '') parts.push(rest);
    return parts;
  }
  const separator = text(sep);
  if (separator === '') throw new Error('ValueError: empty separator');
  const all = s.split(separator);
  if (maxsplit < 0 || all.length <= maxsplit + 1) return all;
  return [...all.slice(0, maxsplit), all.slice(maxsplit).join(separator)];
}

function pad(s: string, total: number, fill: unknown, align: 'left' | 'right' | 'center'): string {
  const f = fill === undefined ? ' ' : text(fill).charAt(0) || ' ';
  const room = total - s.length;
  if (room <= 0) return s;
  if (align === 'left') return s + f.repeat(room);
  if (align === 'right') return f.repeat(room) + s;
  // Python puts the extra fill character on the right only when both the room and the width are odd.
  const leftRoom = Math.floor(room / 2) + (room & total & 1);
  return f.repeat(leftRoom) + s + f.repeat(room - leftRoom);
}
