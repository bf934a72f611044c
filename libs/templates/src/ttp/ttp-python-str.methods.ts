import { PyValue, pyStr } from './ttp-python.values';

function stripSet(chars: PyValue | undefined): string {
  return chars === undefined || chars === null ? ' \t\n\r\x0b\x0c' : String(chars);
}

function lstrip(text: string, chars: string): string {
  let i = 0;
  while (i < text.length && chars.includes(text[i])) i += 1;
  return text.slice(i);
}

function rstrip(text: string, chars: string): string {
  let i = text.length;
  while (i > 0 && chars.includes(text[i - 1])) i -= 1;
  return text.slice(0, i);
}

function split(text: string, sep: PyValue | undefined, max: PyValue | undefined): string[] {
  const limit = typeof max === 'number' && max >= 0 ? max : -1;
  if (sep === undefined || sep === null) {
    const parts: string[] = [];
    let rest = text.replace(/^\s+/, '');
    while (rest !== '') {
      if (limit >= 0 && parts.length === limit) {
        parts.push(rest);
        break;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        parts.push(rest);
        break;
      }
      parts.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return parts;
  }
  const s = String(sep);
  const all = text.split(s);
  if (limit < 0 || all.length <= limit + 1) return all;
  return [...all.slice(0, limit), all.slice(limit).join(s)];
}

type StrMethod = (text: string, args: PyValue[]) => PyValue;

/** The Python `str` methods templates call as match functions (`{{ x | upper }}`, `split(",")`). */
export const PYTHON_STR_METHODS: Readonly<Record<string, StrMethod>> = {
  capitalize: (t) => t.charAt(0).toUpperCase() + t.slice(1).toLowerCase(),
  casefold: (t) => t.toLowerCase(),
  center: (t, [w, f]) => {
    const width = Number(w);
    const fill = f === undefined ? ' ' : String(f);
    const total = Math.max(0, width - t.length);
    const left = Math.floor(total / 2) + (total % 2 && width % 2 ? 1 : 0);
    return fill.repeat(left) + t + fill.repeat(total - left);
  },
  count: (t, [sub]) => (String(sub) === '' ? t.length + 1 : t.split(String(sub)).length - 1),
  endswith: (t, [s]) => (Array.isArray(s) ? s.some((x) => t.endsWith(String(x))) : t.endsWith(String(s))),
  find: (t, [s]) => t.indexOf(String(s)),
  isalnum: (t) => /^[\p{L}\p{N}]+$/u.test(t),
  isalpha: (t) => /^\p{L}+$/u.test(t),
  isdecimal: (t) => /^\p{Nd}+$/u.test(t),
  isdigit: (t) => /^\p{Nd}+$/u.test(t),
  islower: (t) => /\p{Ll}/u.test(t) && t === t.toLowerCase(),
  isnumeric: (t) => /^\p{N}+$/u.test(t),
  isspace: (t) => /^\s+$/.test(t),
  isupper: (t) => /\p{Lu}/u.test(t) && t === t.toUpperCase(),
  ljust: (t, [w, f]) => t.padEnd(Number(w), f === undefined ? ' ' : String(f)),
  lower: (t) => t.toLowerCase(),
  lstrip: (t, [c]) => lstrip(t, stripSet(c)),
  replace: (t, [a, b, n]) => {
    const count = typeof n === 'number' ? n : -1;
    if (count < 0) return t.split(pyStr(a)).join(pyStr(b));
    const parts = t.split(pyStr(a));
    return parts.slice(0, count + 1).join(pyStr(b)) + (parts.length > count + 1 ? pyStr(a) + parts.slice(count + 1).join(pyStr(a)) : '');
  },
  rjust: (t, [w, f]) => t.padStart(Number(w), f === undefined ? ' ' : String(f)),
  rsplit: (t, [s, m]) => {
    if (typeof m !== 'number' || m < 0) return split(t, s, -1);
    const reversed = split([...t].reverse().join(''), s === undefined || s === null ? s : [...String(s)].reverse().join(''), m);
    return reversed.map((p) => [...p].reverse().join('')).reverse();
  },
  rstrip: (t, [c]) => rstrip(t, stripSet(c)),
  split: (t, [s, m]) => split(t, s, m),
  splitlines: (t) => t.split(/\r\n|\n|\r/).filter((_l, i, all) => i < all.length - 1 || all[i] !== ''),
  startswith: (t, [s]) => (Array.isArray(s) ? s.some((x) => t.startsWith(String(x))) : t.startsWith(String(s))),
  strip: (t, [c]) => rstrip(lstrip(t, stripSet(c)), stripSet(c)),
  swapcase: (t) => [...t].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  title: (t) => t.toLowerCase().replace(/(^|[^\p{L}])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase()),
  upper: (t) => t.toUpperCase(),
  zfill: (t, [w]) => {
    const sign = /^[+-]/.test(t) ? t[0] : '';
    return sign + t.slice(sign.length).padStart(Number(w) - sign.length, '0');
  },
};
