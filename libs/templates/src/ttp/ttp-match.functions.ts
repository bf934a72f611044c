import { IP_MATCH_FUNCTIONS } from './ttp-match-ip.functions';
import type { TtpFlag, TtpMatchFunction } from './ttp-match.types';
import { PYTHON_STR_METHODS } from './ttp-python-str.methods';
import { getOwn, hasOwn, isDict, PyDict, pyFloat, pyInt, PyValue, pyStr, setOwn } from './ttp-python.values';
import { pyReEscape, TtpRegex } from './ttp-regex';
import type { TtpRunContext } from './ttp-run.context';
import { TtpError } from './ttp.error';

const s = pyStr;

function search(pattern: string, text: string): boolean {
  return new TtpRegex(pattern).test(text);
}

function lookupTable(ctx: TtpRunContext, name: string): unknown {
  let table: unknown = ctx.lookups;
  for (const part of name.split('.')) table = isDict(table) ? getOwn(table, part) : undefined;
  return table;
}

function replaceFromVars(data: string, args: PyValue[], ctx: TtpRunContext, replace: (text: string, old: string, repl: string) => string): string {
  const olds = [...args];
  const repl = olds.length > 1 ? s(olds.shift()) : '';
  let out = data;
  for (const old of olds) {
    const fromVars = typeof old === 'string' ? getOwn(ctx.vars, old) : undefined;
    if (Array.isArray(fromVars)) for (const item of fromVars) out = replace(out, s(item), repl);
    else if (isDict(fromVars)) {
      for (const [key, value] of Object.entries(fromVars)) for (const item of Array.isArray(value) ? value : [value]) out = replace(out, s(item), key);
    } else out = replace(out, s(fromVars ?? old), repl);
  }
  return out;
}

const UPTIME_UNITS: readonly [string, RegExp, number][] = [
  ['years', /(\d+)\s*y(?:ea)?rs?\b/, 31536000],
  ['weeks', /(\d+)\s*w(?:ee)?ks?\b/, 604800],
  ['days', /(\d+)\s*d(?:ays?)?\b/, 86400],
  ['hours', /(\d+)\s*h(?:ou)?rs?\b/, 3600],
  ['mins', /(\d+)\s*min(?:ute)?s?\b/, 60],
  ['secs', /(\d+)\s*sec(?:ond)?s?\b/, 1],
];

function uptimeparse(data: unknown, kwargs: PyDict): [unknown, TtpFlag] {
  const text = s(data);
  const parts: PyDict = {};
  let seconds = 0;
  for (const [key, re, factor] of UPTIME_UNITS) {
    const m = re.exec(text);
    if (m) {
      parts[key] = m[1];
      seconds += Number(m[1]) * factor;
    }
  }
  const clock = /(\d+):(\d+):(\d+)/.exec(text);
  if (clock) {
    parts.hours = clock[1];
    parts.mins = clock[2];
    parts.secs = clock[3];
    seconds += Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
  }
  if (Object.keys(parts).length === 0) return [data, null];
  return [kwargs.format === 'dict' ? parts : seconds, null];
}

function unrange(data: unknown, args: PyValue[], kwargs: PyDict): [unknown, TtpFlag] {
  const rangechar = s(kwargs.rangechar ?? args[0] ?? '-');
  const joinchar = s(kwargs.joinchar ?? args[1] ?? ',');
  const out: string[] = [];
  for (const item of s(data).split(joinchar)) {
    const [start, end] = item.split(rangechar);
    if (item.includes(rangechar) && /^\d+$/.test(start.trim()) && /^\d+$/.test(end.trim())) {
      for (let i = Number(start); i <= Number(end); i += 1) out.push(String(i));
    } else out.push(item);
  }
  return [out.join(joinchar), null];
}

function compare(data: unknown, value: PyValue, op: (a: number, b: number) => boolean): [unknown, TtpFlag] {
  const a = typeof data === 'number' ? data : pyFloat(s(data));
  const b = typeof value === 'number' ? value : pyFloat(s(value));
  if (a === undefined || b === undefined) return [data, false];
  return [data, op(a, b)];
}

function lookup(data: unknown, args: PyValue[], kwargs: PyDict, ctx: TtpRunContext): [unknown, TtpFlag] {
  const name = s(kwargs.name ?? args[0] ?? '');
  const table =
    kwargs.group !== undefined
      ? ctx.lookupResults('group', s(kwargs.group), null)
      : kwargs.template !== undefined
        ? ctx.lookupResults('template', s(kwargs.template), null)
        : lookupTable(ctx, name);
  const key = s(data);
  const found = isDict(table) ? getOwn(table, key) : undefined;
  if (found === undefined) return [data, null];
  const addField = kwargs.add_field ?? args[1] ?? false;
  if (addField !== false && addField !== null) return [data, { new_field: { [s(addField)]: found } }];
  if (kwargs.update === true && isDict(found)) return [data, { new_field: found }];
  return [found, null];
}

function rlookup(data: unknown, args: PyValue[], kwargs: PyDict, ctx: TtpRunContext): [unknown, TtpFlag] {
  const table = lookupTable(ctx, s(kwargs.name ?? args[0] ?? ''));
  if (!isDict(table)) return [data, null];
  const text = s(data);
  for (const [key, value] of Object.entries(table)) {
    if (!text.includes(key)) continue;
    const addField = kwargs.add_field ?? args[1] ?? false;
    if (addField !== false && addField !== null) return [data, { new_field: { [s(addField)]: value } }];
    return [value, null];
  }
  return [data, null];
}

const BASE: Record<string, TtpMatchFunction> = {
  append: (d, [c]) => [s(d) + s(c), null],
  contains: (d, args) => [d, args.some((p) => s(d).includes(s(p)))],
  contains_re: (d, [p]) => [d, search(s(p), s(d))],
  copy: (d, [name]) => [d, { new_field: { [s(name)]: d as PyValue } }],
  count: (d, args, kwargs, ctx) => {
    const v = kwargs.var ?? args[0];
    const g = kwargs.globvar ?? args[1];
    if (v !== undefined) setOwn(ctx.vars, s(v), Number(getOwn(ctx.vars, s(v)) ?? 0) + 1);
    if (g !== undefined) setOwn(ctx.globalVars, s(g), Number(getOwn(ctx.globalVars, s(g)) ?? 0) + 1);
    return [d, null];
  },
  endswith_re: (d, [p]) => [d, search(`${s(p)}$`, s(d))],
  equal: (d, [v]) => [d, s(d) === s(v)],
  exclude: (d, args) => [d, args.some((p) => s(d).includes(s(p))) ? false : null],
  exclude_re: (d, [p]) => [d, search(s(p), s(d)) ? false : null],
  greaterthan: (d, [v]) => compare(d, v, (a, b) => a > b),
  isdigit: (d) => [d, /^\d+$/.test(s(d))],
  item: (d, [i]) => {
    const seq: unknown[] | string = Array.isArray(d) ? d : s(d);
    let index = Number(i);
    if (index < 0) index += seq.length;
    if (index >= seq.length) index = seq.length - 1;
    if (index < 0) index = 0;
    return [seq[index] ?? d, null];
  },
  joinmatches: (d) => [d, null],
  lessthan: (d, [v]) => compare(d, v, (a, b) => a < b),
  let: (d, args) => (args.length === 1 ? [args[0], null] : [d, { new_field: { [s(args[0])]: args[1] } }]),
  lookup,
  mac_eui: (d) => {
    const hex = s(d).replace(/[.:\- ]/g, '').toLowerCase();
    return [hex.match(/.{1,2}/g)?.join(':') ?? s(d), null];
  },
  notdigit: (d) => [d, !/^\d+$/.test(s(d))],
  notendswith_re: (d, [p]) => [d, !search(`${s(p)}$`, s(d))],
  notequal: (d, [v]) => [d, s(d) !== s(v)],
  notstartswith_re: (d, [p]) => [d, !search(`^${s(p)}`, s(d))],
  prepend: (d, [c]) => [s(c) + s(d), null],
  raise: (_d, args) => {
    throw new TtpError(`template raised: ${s(args[0] ?? '')}`);
  },
  record: (d, args, kwargs, ctx) => {
    const name = s(kwargs.record ?? args[0]);
    setOwn(ctx.vars, name, d as PyValue);
    setOwn(ctx.globalVars, name, d as PyValue);
    return [d, null];
  },
  replaceall: (d, args, _k, ctx) => [replaceFromVars(s(d), args, ctx, (t, o, r) => t.split(o).join(r)), null],
  resub: (d, args, kwargs, ctx) => {
    const old = s(args[0]);
    const repl = s(args[1] ?? '');
    const count = Number(kwargs.count ?? args[2] ?? 1);
    const fromVars = getOwn(ctx.vars, old);
    const pattern = typeof fromVars === 'string' ? pyReEscape(fromVars) : old;
    return [new TtpRegex(pattern).sub(s(d), repl, count), null];
  },
  resuball: (d, args, _k, ctx) => [replaceFromVars(s(d), args, ctx, (t, o, r) => new TtpRegex(o).sub(t, r)), null],
  rlookup,
  set: (d, args, kwargs, ctx) => {
    const value = args[0];
    if (s(d).trimEnd() !== s(kwargs.match_line)) return [d, false];
    if (typeof value === 'string' && hasOwn(ctx.vars, value)) return [ctx.vars[value], null];
    return [value, null];
  },
  sformat: (d, [fmt]) => [s(fmt).replace(/\{\}|\{0\}/g, s(d)), null],
  startswith_re: (d, [p]) => [d, search(`^${s(p)}`, s(d))],
  to_float: (d) => [pyFloat(s(d)) ?? d, null],
  to_int: (d) => {
    if (typeof d === 'number') return [Math.trunc(d), null];
    return [pyInt(s(d)) ?? pyFloat(s(d)) ?? d, null];
  },
  to_list: (d) => [Array.isArray(d) ? d : [d], null],
  to_str: (d) => [s(d), null],
  to_unicode: (d) => [s(d), null],
  truncate: (d, [n]) => [s(d).split(' ').slice(0, Number(n)).join(' '), null],
  unrange,
  uptimeparse: (d, _a, kwargs) => uptimeparse(d, kwargs),
  void: (d) => [d, false],
};

/** Match functions by name: TTP's own, then Python `str` methods as TTP falls back to them. */
export function matchFunction(name: string): TtpMatchFunction | undefined {
  const own = BASE[name] ?? IP_MATCH_FUNCTIONS[name];
  if (own) return own;
  const method = PYTHON_STR_METHODS[name];
  if (!method) return undefined;
  return (data, args) => {
    if (typeof data !== 'string') return [data, null];
    const out = method(data, args);
    if (out === true || out === false) return [data, out];
    return [out, null];
  };
}
