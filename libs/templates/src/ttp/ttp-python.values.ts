import { PythonRepr } from '../ntc/python-repr';

/** A value as TTP results hold it: what Python's JSON encoder would write. */
export type PyValue = string | number | boolean | null | PyValue[] | PyDict;
export interface PyDict {
  [key: string]: PyValue;
}

/** A plain object (Python dict); class instances such as IP addresses are not. */
export function isDict(value: unknown): value is PyDict {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Python's truthiness. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}

export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => deepCopy(item)) as T;
  if (isDict(value)) {
    const out: PyDict = {};
    for (const [key, item] of Object.entries(value)) out[key] = deepCopy(item);
    return out as T;
  }
  return value;
}

/** Python's `==` on JSON-like values. */
export function pyEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => pyEqual(item, b[i]));
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && pyEqual(a[key], b[key]));
  }
  return a === b;
}

/** Python's `repr()`. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return PythonRepr.string(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (isDict(value)) return `{${Object.entries(value).map(([k, v]) => `${PythonRepr.string(k)}: ${pyRepr(v)}`).join(', ')}}`;
  if (value === null || value === undefined || typeof value === 'boolean' || typeof value === 'number') return pyStr(value);
  return String(value);
}

/** Python's `str()`. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (Array.isArray(value) || isDict(value)) return pyRepr(value);
  return String(value);
}

function pyNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

/** Python's `int(text)` for a string; `undefined` where Python raises. */
export function pyInt(text: string): number | undefined {
  const trimmed = text.trim().replace(/_/g, '');
  return /^[+-]?\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

/** Python's `float(text)`; `undefined` where Python raises. */
export function pyFloat(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(trimmed)) return Number(trimmed);
  if (/^[+-]?(inf|infinity)$/.test(trimmed)) return trimmed.startsWith('-') ? -Infinity : Infinity;
  return undefined;
}

/** `key in obj` for own keys only: a key such as `__proto__` from the parsed text never reaches the prototype. */
export function hasOwn(obj: PyDict, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

export function getOwn(obj: PyDict, key: string): PyValue | undefined {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

/** `obj[key] = value` as a data property, also for `__proto__`. */
export function setOwn(obj: PyDict, key: string, value: PyValue): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { configurable: true, enumerable: true, value, writable: true });
  else obj[key] = value;
}

/** `Object.assign(target, src)` with {@link setOwn}. */
export function assignOwn(target: PyDict, src: PyDict): PyDict {
  for (const [key, value] of Object.entries(src)) setOwn(target, key, value);
  return target;
}
