import { TemplateRenderError } from './template-render.error';

const MAX_DEPTH = 100;

/**
 * A deep copy of a rendering context as plain data: objects, arrays, strings, numbers, booleans, null.
 * Templates may call mutating dict/list methods (`update`, `append`), which must never touch the
 * caller's objects; every object is rebuilt in this module's realm without a prototype, so the
 * sandbox's type checks hold wherever the context was made and no key lookup can reach a prototype.
 * @throws TemplateRenderError for a value JSON could not carry (function, symbol, bigint) or a cycle
 */
export function copyTemplateContext(context: Record<string, unknown>): Record<string, unknown> {
  return copyRecord(context, 0);
}

function copy(value: unknown, depth: number): unknown {
  if (value === null || value === undefined || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (depth >= MAX_DEPTH) throw new TemplateRenderError(`The rendering context is nested deeper than ${MAX_DEPTH} levels (or has a cycle)`);
  if (Array.isArray(value)) return value.map((item) => copy(item, depth + 1));
  if (typeof value === 'object') return copyRecord(value as Record<string, unknown>, depth + 1);
  throw new TemplateRenderError(`The rendering context must be plain JSON data, not ${typeof value}`);
}

function copyRecord(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) {
    Object.defineProperty(out, key, { configurable: true, enumerable: true, value: copy(item, depth), writable: true });
  }
  return out;
}
