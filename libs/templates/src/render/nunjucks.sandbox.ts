import nunjucks from 'nunjucks';
import { pythonMultiply } from './jinja2-compat.extensions';
import { PYTHON_DICT_METHODS, PYTHON_LIST_METHODS, PythonMethod } from './python-collection.methods';
import { PYTHON_STRING_METHODS } from './python-string.methods';
import { PythonValueFormatter } from './python-value.formatter';

/** The parts of nunjucks' runtime its compiled templates call for every lookup and output. */
interface NunjucksRuntime {
  memberLookup: (obj: unknown, key: unknown, ...slice: unknown[]) => unknown;
  contextOrFrameLookup: (context: NunjucksContext, frame: NunjucksFrame, name: string) => unknown;
  suppressValue: (value: unknown, autoescape: boolean) => unknown;
  callWrap: (fn: unknown, name: string, context: unknown, args: unknown[]) => unknown;
  pythonMultiply?: (left: unknown, right: unknown) => unknown;
}

/** nunjucks' code generator, as far as `*` is concerned. */
interface NunjucksCompiler {
  _emit(code: string): void;
  compile(node: unknown, frame: unknown): void;
}

interface NunjucksFrame {
  lookup(name: string): unknown;
}

interface NunjucksContext {
  ctx: Record<string, unknown>;
  env: { globals: Record<string, unknown> };
}

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
 * - on a dict: its own keys and the Python dict methods, which see own keys only
 *   ({@link PYTHON_DICT_METHODS}); on a list: indexes (negative too), `length` and the Python list
 *   methods; on a string: indexes, `length` and Python `str` methods;
 * - nothing on functions, numbers, booleans or any other object, and no JavaScript built-in
 *   (`constructor`, `__proto__`, `valueOf`, `repeat`, `padStart`, ...) anywhere;
 * - a function called from a template never gets the render context as `this`.
 *
 * Filters, tests and globals come from a fresh environment per render with own-entry lookups
 * ({@link createSandboxEnvironment}), so nothing a template reaches outlives its render.
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
    const { compiler, runtime } = nunjucks as unknown as { compiler: { Compiler: { prototype: { compileMul: unknown } } }; runtime: NunjucksRuntime };
    // `a * b` compiles to Python's `*` (string and list repetition, bounded) instead of JavaScript's.
    runtime.pythonMultiply = pythonMultiply;
    compiler.Compiler.prototype.compileMul = function compileMul(this: NunjucksCompiler, node: { left: unknown; right: unknown }, frame: unknown): void {
      this._emit('runtime.pythonMultiply(');
      this.compile(node.left, frame);
      this._emit(', ');
      this.compile(node.right, frame);
      this._emit(')');
    };
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
    // nunjucks calls every template-called function with the context as `this`; none of ours needs it.
    runtime.callWrap = (fn, name, _context, args) => {
      checkDeadline();
      if (typeof fn !== 'function') throw new Error(`Unable to call \`${name}\`, which is ${fn ? 'not a function' : 'undefined or falsey'}`);
      return Reflect.apply(fn as (...a: unknown[]) => unknown, undefined, args);
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
  if (Date.now() > deadline) throw new Error(`rendering ran longer than the limit templates.timeout (${limitMs / 1000} s) and was stopped`);
}

function guardedMember(compat: NunjucksRuntime['memberLookup'], obj: unknown, key: unknown, slice: unknown[]): unknown {
  const target = obj instanceof SafeString ? String(obj) : obj;
  if (slice.length === 2) {
    // `seq[a:b:c]`: the compat layer walks the indexes through the guarded lookup again.
    if (typeof target === 'string') return (compat([...target], key, ...slice) as string[]).join('');
    return Array.isArray(target) ? compat(target, key, ...slice) : undefined;
  }
  if (typeof key !== 'string' && typeof key !== 'number') return undefined;
  const name = String(key);
  // Jinja2's default Undefined prints empty but fails on any attribute (`{{ typo.name }}`); None does not.
  if (target === undefined) throw new Error(`UndefinedError: cannot read '${name}' of an undefined value`);
  if (target === null) return undefined;
  if (typeof target === 'string') return bound(PYTHON_STRING_METHODS, name, target) ?? indexed(target, name);
  if (Array.isArray(target)) return bound(PYTHON_LIST_METHODS, name, target) ?? indexed(target, name);
  if (!isTemplateDict(target)) return undefined;
  const method = bound(PYTHON_DICT_METHODS, name, target);
  if (method !== undefined) return method;
  if (!Object.hasOwn(target, name)) return undefined;
  const value: unknown = target[name];
  // Own function members exist only on nunjucks' objects (cycler.next); keep their `this`.
  return typeof value === 'function' ? (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args) : value;
}

/** The Python method `name` of `self`'s type, bound to it; undefined when there is none. */
function bound<T>(methods: Readonly<Record<string, PythonMethod<T>>>, name: string, self: T): ((...args: unknown[]) => unknown) | undefined {
  const method = Object.hasOwn(methods, name) ? methods[name] : undefined;
  return method ? (...args: unknown[]) => method(self, ...args) : undefined;
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

/**
 * A dict a template may read and change: a plain object (a context value, a `{}` literal, nunjucks'
 * `loop` and `cycler()` objects), never a prototype. The context is copied into this realm first
 * ({@link copyTemplateContext}), so checking the prototype is enough.
 */
function isTemplateDict(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || value === Object.prototype || value instanceof SafeString) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.prototype.toString.call(value) === '[object Object]';
}
