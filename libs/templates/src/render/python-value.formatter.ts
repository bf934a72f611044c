import nunjucks from 'nunjucks';
import { PythonRepr } from '../ntc/python-repr';

/**
 * `str(value)` as Jinja2 prints a value with `{{ }}`: `None`, `True`, `['a', 'b']`, `{'k': 1}`.
 * A request's context is JSON, so these are the only shapes that reach it; anything else (nunjucks'
 * own safe strings, numbers) keeps its JavaScript text. `undefined` is Jinja2's Undefined: empty.
 */
export class PythonValueFormatter {
  static str(value: unknown): unknown {
    if (value === undefined) return '';
    if (value === null || typeof value === 'boolean' || Array.isArray(value) || isPlainObject(value)) {
      return PythonValueFormatter.repr(value, 0);
    }
    if (typeof value === 'number') return PythonValueFormatter.number(value);
    return value;
  }

  private static repr(value: unknown, depth: number): string {
    if (depth > 50) return '...';
    if (value === null || value === undefined) return 'None';
    if (value === true) return 'True';
    if (value === false) return 'False';
    if (typeof value === 'string') return depth === 0 ? value : PythonRepr.string(value);
    if (typeof value === 'number') return PythonValueFormatter.number(value);
    if (Array.isArray(value)) return `[${value.map((v) => PythonValueFormatter.repr(v, depth + 1)).join(', ')}]`;
    if (isPlainObject(value)) {
      const entries = Object.entries(value).map(([k, v]) => `${PythonRepr.string(k)}: ${PythonValueFormatter.repr(v, depth + 1)}`);
      return `{${entries.join(', ')}}`;
    }
    return String(value);
  }

  private static number(value: number): string {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
}

/** A dict: tested by tag, not prototype (another realm's objects count); nunjucks' safe strings do not. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && Object.prototype.toString.call(value) === '[object Object]' && !(value instanceof nunjucks.runtime.SafeString);
}
