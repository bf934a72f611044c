import type { TtpCall } from './ttp-attributes.parser';
import type { TtpFlag } from './ttp-match.types';
import { isDict, PyDict, pyFloat, pyInt, PyValue, pyStr } from './ttp-python.values';
import type { TtpRunContext } from './ttp-run.context';
import { TtpError } from './ttp.error';

type GroupFunction = (data: PyDict, args: PyValue[], kwargs: PyDict, ctx: TtpRunContext) => [PyDict, TtpFlag];

const s = pyStr;

function toNumber(value: PyValue): PyValue {
  if (typeof value !== 'string') return value;
  return pyInt(value) ?? pyFloat(value) ?? value;
}

function lookupVar(name: string, ctx: TtpRunContext): PyValue | undefined {
  if (name in ctx.vars) return ctx.vars[name];
  if (name in ctx.globalVars) return ctx.globalVars[name];
  return undefined;
}

function formatNamed(template: string, data: PyDict): string | undefined {
  let missing = false;
  const out = template.replace(/\{(\w*)\}/g, (_m, key: string) => {
    if (!(key in data)) missing = true;
    return s(data[key]);
  });
  return missing ? undefined : out;
}

const FUNCTIONS: Record<string, GroupFunction> = {
  contains: (d, args) => [d, args.some((a) => s(a) in d)],
  contains_val: (d, [key, value]) => {
    const v = d[s(key)];
    if (v === undefined) return [d, false];
    return [d, typeof v === 'string' ? v.includes(s(value)) : s(v) === s(value)];
  },
  containsall: (d, args) => [d, args.every((a) => s(a) in d)],
  del: (d, args) => {
    for (const a of args) delete d[s(a)];
    return [d, null];
  },
  equal: (d, [key, value]) => [d, s(key) in d && s(d[s(key)]) === s(value)],
  exclude: (d, args) => [d, args.some((a) => s(a) in d) ? false : null],
  exclude_val: (d, [key, value]) => [d, s(key) in d && s(d[s(key)]) === s(value) ? false : null],
  excludeall: (d, args) => [d, args.every((a) => s(a) in d) ? false : null],
  expand: (d, args, kwargs) => {
    const sep = s(kwargs.sep ?? args[0] ?? '.');
    const out: PyDict = {};
    for (const [key, value] of Object.entries(d)) {
      const parts = key.split(sep);
      let node = out;
      for (const part of parts.slice(0, -1)) {
        if (!isDict(node[part])) node[part] = {};
        node = node[part] as PyDict;
      }
      node[parts[parts.length - 1]] = value;
    }
    return [out, null];
  },
  record: (d, args, kwargs, ctx) => {
    const source = s(kwargs.source ?? args[0]);
    const target = s(kwargs.target ?? args[1] ?? source);
    if (source in d) {
      ctx.vars[target] = d[source];
      ctx.globalVars[target] = d[source];
    }
    return [d, null];
  },
  set: (d, args, kwargs, ctx) => {
    const source = s(kwargs.source ?? args[0]);
    const target = s(kwargs.target ?? args[1] ?? source);
    const value = lookupVar(source, ctx);
    if (value !== undefined) d[target] = value;
    else if ('default' in kwargs) d[target] = kwargs.default;
    return [d, null];
  },
  sformat: (d, args, kwargs, ctx) => {
    const template = s(kwargs.string ?? args[0]);
    const field = s(kwargs.add_field ?? args[1]);
    const out = formatNamed(template, d) ?? formatNamed(template, { ...ctx.globalVars, ...ctx.vars, ...d });
    if (out !== undefined) d[field] = out;
    return [d, null];
  },
  to_int: (d, args, kwargs) => {
    const keys = args.length > 0 ? args.map(s) : Object.keys(d);
    for (const key of keys) {
      if (!(key in d)) continue;
      const value = d[key];
      if (Array.isArray(value)) {
        if (kwargs.intlist === true) d[key] = value.map(toNumber);
      } else d[key] = toNumber(value);
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
