import nunjucks from 'nunjucks';
import { JINJA2_EXTRA_FILTERS, JINJA2_EXTRA_TESTS, boundedRange } from './jinja2-compat.extensions';
import type { Jinja2Options } from './jinja2.options';
import { boundedCount, boundedWidth } from './render-size.limits';

type Filter = (...args: unknown[]) => unknown;
type Table<T> = Readonly<Record<string, T>>;

/** The members of nunjucks' Environment this module replaces; its typings omit the tables. */
interface EnvironmentTables {
  filters: Table<Filter>;
  tests: Table<Filter>;
  globals: Table<unknown>;
  getFilter(name: string): Filter;
  getTest(name: string): Filter;
  getGlobal(name: string): unknown;
}

/** Filters of nunjucks whose size argument is bounded here (see {@link RENDER_SIZE_LIMITS}). */
const BOUNDED_FILTERS: Table<(builtin: Filter) => Filter> = {
  batch: (builtin) => (items, count, fill) => builtin(items, boundedCount('batch', count), fill),
  center: (builtin) => (value, width) => builtin(value, boundedWidth('center', width)),
  indent: (builtin) => (value, width, first) => builtin(value, boundedWidth('indent', width), first),
  slice: (builtin) => (items, count, fill) => builtin(items, boundedCount('slice', count), fill),
};

/**
 * A nunjucks Environment for exactly one render, never shared: whatever a template manages to change
 * dies with it. Its filter, test and global tables have no prototype and are frozen, and lookups in
 * them see own entries only: nunjucks' own `getFilter` read `filters[name]`, so `1 | valueOf` called
 * `Object.prototype.valueOf` with the render context as `this` and handed the environment out.
 * No loader is set, so `include`/`import`/`extends` find nothing.
 */
export function createSandboxEnvironment(opts: Jinja2Options): nunjucks.Environment {
  const env = new nunjucks.Environment([], {
    autoescape: false,
    lstripBlocks: opts.lstripBlocks,
    tags: {
      blockEnd: opts.blockEnd,
      blockStart: opts.blockStart,
      commentEnd: opts.commentEnd,
      commentStart: opts.commentStart,
      variableEnd: opts.variableEnd,
      variableStart: opts.variableStart,
    },
    throwOnUndefined: false,
    trimBlocks: opts.trimBlocks,
  });
  const raw = env as unknown as EnvironmentTables;
  const filters = ownTable(raw.filters, JINJA2_EXTRA_FILTERS);
  for (const [name, bound] of Object.entries(BOUNDED_FILTERS)) {
    const builtin = filters[name];
    if (builtin) filters[name] = bound(builtin);
  }
  const tables = {
    filters: Object.freeze(filters),
    globals: Object.freeze(ownTable(raw.globals, { range: boundedRange })),
    tests: Object.freeze(ownTable(raw.tests, JINJA2_EXTRA_TESTS as Table<Filter>)),
  };
  const sandboxed: EnvironmentTables = {
    ...tables,
    getFilter: (name) => ownEntry(tables.filters, name, 'filter'),
    getGlobal: (name) => ownEntry(tables.globals, name, 'global'),
    getTest: (name) => ownEntry(tables.tests, name, 'test'),
  };
  Object.assign(env, sandboxed);
  return env;
}

/** A prototype-less copy of `base` with `extra` over it. */
function ownTable<T>(base: Table<T>, extra: Table<T>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const source of [base, extra]) for (const key of Object.keys(source)) out[key] = source[key] as T;
  return out;
}

function ownEntry<T>(table: Table<T>, name: string, kind: string): T {
  if (!Object.hasOwn(table, name)) throw new Error(`${kind} not found: ${name}`);
  return table[name] as T;
}
