/**
 * Python `dict` and `list` methods that Jinja2 templates call (`d.get("k")`, `d.update({...})`,
 * `l.append(x)`). They see a dict's own keys only: nunjucks' own versions read inherited properties,
 * so `{}.get("__proto__")` handed out `Object.prototype` and `.update()` on it polluted every object
 * of the process. Keys are written with `defineProperty`, so a `"__proto__"` key stays a plain key.
 */
export type PythonMethod<T> = (self: T, ...args: unknown[]) => unknown;

type Dict = Record<string, unknown>;

export const PYTHON_DICT_METHODS: Readonly<Record<string, PythonMethod<Dict>>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, PythonMethod<Dict>>, {
    get: (d: Dict, key: unknown, fallback?: unknown) => (Object.hasOwn(d, keyOf(key)) ? d[keyOf(key)] : fallback),
    has_key: (d: Dict, key: unknown) => Object.hasOwn(d, keyOf(key)),
    items: (d: Dict) => Object.keys(d).map((k) => [k, d[k]]),
    iteritems: (d: Dict) => Object.keys(d).map((k) => [k, d[k]]),
    iterkeys: (d: Dict) => Object.keys(d),
    itervalues: (d: Dict) => Object.keys(d).map((k) => d[k]),
    keys: (d: Dict) => Object.keys(d),
    pop: (d: Dict, key: unknown, ...fallback: unknown[]) => {
      const k = keyOf(key);
      if (!Object.hasOwn(d, k)) {
        if (fallback.length > 0) return fallback[0];
        throw new Error(`KeyError: ${k}`);
      }
      const value = d[k];
      delete d[k];
      return value;
    },
    popitem: (d: Dict) => {
      const keys = Object.keys(d);
      // Python 3 pops the last inserted item.
      const k = keys[keys.length - 1];
      if (k === undefined) throw new Error('KeyError: popitem(): dictionary is empty');
      const value = d[k];
      delete d[k];
      return [k, value];
    },
    setdefault: (d: Dict, key: unknown, fallback: unknown = null) => {
      const k = keyOf(key);
      if (!Object.hasOwn(d, k)) setOwn(d, k, fallback);
      return d[k];
    },
    update: (d: Dict, ...args: unknown[]) => {
      for (const source of args) {
        if (source === null || typeof source !== 'object' || Array.isArray(source)) throw new Error('TypeError: update() takes a dict');
        // nunjucks passes keyword arguments (`d.update(a=1)`) as an object flagged `__keywords`.
        for (const k of Object.keys(source)) if (k !== '__keywords') setOwn(d, k, (source as Dict)[k]);
      }
      return null;
    },
    values: (d: Dict) => Object.keys(d).map((k) => d[k]),
  }),
);

export const PYTHON_LIST_METHODS: Readonly<Record<string, PythonMethod<unknown[]>>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, PythonMethod<unknown[]>>, {
    append: (l: unknown[], item: unknown) => {
      l.push(item);
      return null;
    },
    count: (l: unknown[], item: unknown) => l.filter((x) => x === item).length,
    find: (l: unknown[], item: unknown) => l.indexOf(item),
    index: (l: unknown[], item: unknown) => {
      const at = l.indexOf(item);
      if (at < 0) throw new Error('ValueError: item is not in list');
      return at;
    },
    insert: (l: unknown[], index: unknown, item: unknown) => {
      const n = Math.trunc(Number(index)) || 0;
      l.splice(n < 0 ? Math.max(0, l.length + n) : Math.min(n, l.length), 0, item);
      return null;
    },
    pop: (l: unknown[], index?: unknown) => {
      if (l.length === 0) throw new Error('IndexError: pop from empty list');
      if (index === undefined) return l.pop();
      const n = Math.trunc(Number(index));
      const at = n < 0 ? l.length + n : n;
      if (!(at >= 0 && at < l.length)) throw new Error('IndexError: pop index out of range');
      return l.splice(at, 1)[0];
    },
    remove: (l: unknown[], item: unknown) => {
      const at = l.indexOf(item);
      if (at < 0) throw new Error('ValueError: list.remove(x): x not in list');
      l.splice(at, 1);
      return null;
    },
  }),
);

function keyOf(key: unknown): string {
  return typeof key === 'string' ? key : String(key);
}

function setOwn(d: Dict, key: string, value: unknown): void {
  Object.defineProperty(d, key, { configurable: true, enumerable: true, value, writable: true });
}
