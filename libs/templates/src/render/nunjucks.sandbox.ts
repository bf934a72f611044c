import nunjucks from 'nunjucks';
import { PYTHON_STRING_METHODS } from './python-string.methods';
import { PythonValueFormatter } from './python-value.formatter';

/** The parts of nunjucks' runtime its compiled templates call for every lookup and output. */
interface NunjucksRuntime {
  memberLookup: (obj: unknown, key: unknown, ...slice: unknown[]) => unknown;
  contextOrFrameLookup: (context: NunjucksContext, frame: NunjucksFrame, name: string) => unknown;
  suppressValue: (value: unknown, autoescape: boolean) => unknown;
}

interface NunjucksFrame {
  lookup(name: string): unknown;
}

interface NunjucksContext {
  ctx: Record<string, unknown>;
  env: { globals: Record<string, unknown> };
}

/** Python list methods nunjucks' Jinja compatibility layer provides. */
const LIST_METHODS = new Set(['append', 'count', 'find', 'index', 'insert', 'pop', 'remove']);
/** Python dict methods it provides. */
const DICT_METHODS = new Set(['get', 'has_key', 'items', 'iteritems', 'iterkeys', 'itervalues', 'keys', 'pop', 'popitem', 'setdefault', 'update', 'values']);
const SafeString = nunjucks.runtime.SafeString;
const JINJA_CONSTANTS: Readonly<Record<string, boolean | null>> = { False: false, None: null, True: true };

let installed = false;
/** Deadline of the render running now (rendering is synchronous, so one slot suffices). */
let deadline = Number.POSITIVE_INFINITY;
let limitMs = 0;

/**
 * Makes nunjucks safe for templates that arrive in requests. Out of the box nunjucks is not a sandbox:
 * `{{ range.constructor("return process")() }}` runs arbitrary code (its docs say so), and `{{ valueOf() }}`
 * hands out its internal context. Jinja2's own sandbox is no model either (the original renders with a
 * plain `Template`). So every attribute lookup and every top-level name goes through an allowlist:
 *
 * - a top-level name is a template variable, a context key or a global, never an inherited property;
 * - an attribute of an undefined value fails, as with Jinja2's default Undefined;
 * - on a dict: its own keys and the Python dict methods; on a list: indexes (negative too), `length`
 *   and the Python list methods; on a string: indexes, `length` and Python `str` methods;
 * - nothing on functions, numbers or booleans, and no JavaScript built-in (`constructor`, `__proto__`,
 *   `repeat`, `padStart`, ...) anywhere.
 *
 * The same hooks enforce a time limit ({@link NunjucksSandbox.run}): a template looping for minutes would
 * otherwise stall every session of the worker that renders it.
 *
 * Output follows Jinja2: `None`, `True`, `['a', 'b']`. These hooks live on nunjucks' shared runtime
 * (its compiled templates call them there), so this module is the only user of nunjucks in a process.
 */
export class NunjucksSandbox {
  static install(): void {
    if (installed) return;
    installed = true;
    // Python literals (True/False/None), slices and dict/list methods, then our guard around them.
    nunjucks.installJinjaCompat();
    const runtime = (nunjucks as unknown as { runtime: NunjucksRuntime }).runtime;
    const compatLookup = runtime.memberLookup;
    const originalSuppress = runtime.suppressValue;
    runtime.memberLookup = (obj, key, ...slice) => {
      checkDeadline();
      return guardedMember(compatLookup, obj, key, slice);
    };
    runtime.contextOrFrameLookup = (context, frame, name) => {
      checkDeadline();
      return guardedName(context, frame, name);
    };
    runtime.suppressValue = (value, autoescape) => {
      checkDeadline();
      return originalSuppress(PythonValueFormatter.str(value), autoescape);
    };
  }

  /** Runs a synchronous render under a time limit, checked at every lookup and output. */
  static run<T>(timeLimitMs: number, render: () => T): T {
    const saved = [deadline, limitMs] as const;
    deadline = Date.now() + timeLimitMs;
    limitMs = timeLimitMs;
    try {
      return render();
    } finally {
      [deadline, limitMs] = saved;
    }
  }
}

function checkDeadline(): void {
  if (Date.now() > deadline) throw new Error(`rendering took longer than ${limitMs} ms and was stopped`);
}

function guardedMember(compat: NunjucksRuntime['memberLookup'], obj: unknown, key: unknown, slice: unknown[]): unknown {
  if (slice.length === 2) {
    // `seq[a:b:c]`: the compat layer walks the indexes through the guarded lookup again.
    if (typeof obj === 'string') return (compat([...obj], key, ...slice) as string[]).join('');
    return Array.isArray(obj) ? compat(obj, key, ...slice) : undefined;
  }
  if (typeof key !== 'string' && typeof key !== 'number') return undefined;
  const name = String(key);
  // Jinja2's default Undefined prints empty but fails on any attribute (`{{ typo.name }}`); None does not.
  if (obj === undefined) throw new Error(`UndefinedError: cannot read '${name}' of an undefined value`);
  if (obj === null) return undefined;
  if (typeof obj === 'string') {
    const method = Object.hasOwn(PYTHON_STRING_METHODS, name) ? PYTHON_STRING_METHODS[name] : undefined;
    return method ? (...args: unknown[]) => method(obj, ...args) : indexed(obj, name);
  }
  if (Array.isArray(obj)) return LIST_METHODS.has(name) ? compat(obj, name) : indexed(obj, name);
  if (typeof obj !== 'object') return undefined;
  if (DICT_METHODS.has(name) && isPlainObject(obj)) return compat(obj, name);
  if (!Object.hasOwn(obj, name)) return undefined;
  const value: unknown = (obj as Record<string, unknown>)[name];
  // Own function members exist only on nunjucks' objects (cycler.next); keep their `this`.
  return typeof value === 'function' ? (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(obj, args) : value;
}

function indexed(seq: string | readonly unknown[], name: string): unknown {
  if (name === 'length') return seq.length;
  if (!/^-?\d+$/.test(name)) return undefined;
  const index = Number(name);
  return seq[index < 0 ? seq.length + index : index];
}

function guardedName(context: NunjucksContext, frame: NunjucksFrame, name: string): unknown {
  const local = frame.lookup(name);
  if (local !== undefined) return local;
  if (Object.hasOwn(context.ctx, name)) return context.ctx[name];
  if (Object.hasOwn(context.env.globals, name)) return context.env.globals[name];
  return Object.hasOwn(JINJA_CONSTANTS, name) ? JINJA_CONSTANTS[name] : undefined;
}

/** A dict: tested by tag, not prototype, so an object from another realm still counts. */
function isPlainObject(value: object): boolean {
  return Object.prototype.toString.call(value) === '[object Object]' && !(value instanceof SafeString);
}
