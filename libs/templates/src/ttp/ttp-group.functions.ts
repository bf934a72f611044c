import type { TtpCall } from './ttp-attributes.parser';
import type { TtpFlag } from './ttp-match.types';
import { getOwn, hasOwn, isDict, PyDict, pyFloat, pyInt, PyValue, pyStr, setOwn } from './ttp-python.values';
import type { TtpRunContext } from './ttp-run.context';
import { TtpError } from './ttp.error';

type GroupFunction = (data: PyDict, args: PyValue[], kwargs: PyDict, ctx: TtpRunContext) => [PyDict, TtpFlag];

const s = pyStr;

function toNumber(value: PyValue): PyValue {
  if (typeof value !== 'string') return value;
  return pyInt(value) ?? pyFloat(value) ?? value;
}

function lookupVar(name: string, ctx: TtpRunContext): PyValue | undefined {
  if (hasOwn(ctx.vars, name)) return ctx.vars[name];
  if (hasOwn(ctx.globalVars, name)) return ctx.globalVars[name];
  return undefined;
}

function formatNamed(template: string, data: PyDict): string | undefined {
  let missing = false;
  const out = template.replace(/\{(\w*)\}/g, (_m, key: string) => {
    if (!hasOwn(data, key)) missing = true;
    return s(getOwn(data, key));
  });
  return missing ? undefined : out;
}

const FUNCTIONS: Record<string, GroupFunction> = {
  contains: (d, args) => [d, args.some((a) => hasOwn(d, s(a)))],
  contains_val: (d, [key, value]) => {
    const v = getOwn(d, s(key));
    if (v === undefined) return [d, false];
    return [d, typeof v === 'string' ? v.includes(s(value)) : s(v) === s(value)];
  },
  containsall: (d, args) => [d, args.every((a) => hasOwn(d, s(a)))],
  del: (d, args) => {
    for (const a of args) if (hasOwn(d, s(a))) delete d[s(a)];
    return [d, null];
  },
  equal: (d, [key, value]) => [d, hasOwn(d, s(key)) && s(d[s(key)]) === s(value)],
  exclude: (d, args) => [d, args.some((a) => hasOwn(d, s(a))) ? false : null],
  exclude_val: (d, [key, value]) => [d, hasOwn(d, s(key)) && s(d[s(key)]) === s(value) ? false : null],
  excludeall: (d, args) => [d, args.every((a) => hasOwn(d, s(a))) ? false : null],
  expand: (d, args, kwargs) => {
    const sep = s(kwargs.sep ?? args[0] ?? '.');
    const out: PyDict = {};
    for (const [key, value] of Object.entries(d)) {
      const parts = key.split(sep);
      let node = out;
      for (const part of parts.slice(0, -1)) {
        if (!isDict(getOwn(node, part))) setOwn(node, part, {});
        node = node[part] as PyDict;
      }
      setOwn(node, parts[parts.length - 1], value);
    }
    return [out, null];
  },
  record: (d, args, kwargs, ctx) => {
    const source = s(kwargs.source ?? args[0]);
    const target = s(kwargs.target ?? args[1] ?? source);
    if (hasOwn(d, source)) {
      setOwn(ctx.vars, target, d[source]);
      setOwn(ctx.globalVars, target, d[source]);
    }
    return [d, null];
  },
  set: (d, args, kwargs, ctx) => {
    const source = s(kwargs.source ?? args[0]);
    const target = s(kwargs.target ?? args[1] ?? source);
    const value = lookupVar(source, ctx);
    if (value !== undefined) setOwn(d, target, value);
    else if (hasOwn(kwargs, 'default')) setOwn(d, target, kwargs.default);
    return [d, null];
  },
  sformat: (d, args, kwargs, ctx) => {
    const template = s(kwargs.string ?? args[0]);
    const field = s(kwargs.add_field ?? args[1]);
    const out = formatNamed(template, d) ?? formatNamed(template, { ...ctx.globalVars, ...ctx.vars, ...d });
    if (out !== undefined) setOwn(d, field, out);
    return [d, null];
  },
  to_int: (d, args, kwargs) => {
    const keys = args.length > 0 ? args.map(s) : Object.keys(d);
    for (const key of keys) {
      if (!hasOwn(d, key)) continue;
      const value = d[key];
      if (Array.isArray(value)) {
        if (kwargs.intlist === true) setOwn(d, key, value.map(toNumber));
      } else setOwn(d, key, toNumber(value));
    }
    return [d, null];
  },
  void: (d) => [d, false],
};

/** Runs one group function (`<group contains="...">`) on a group's result. */
export function runGroupFunction(call: TtpCall, data: PyDict, ctx: TtpRunContext, _results: PyValue): [PyDict, TtpFlag] {
  const fn = FUNCTIONS[call.name];
  if (!fn) throw new TtpError(`unknown group function ${JSON.stringify(call.name)}`);
  return fn(data, call.args, call.kwargs, ctx);
}

export function isGroupFunction(name: string): boolean {
  return name in FUNCTIONS;
}
