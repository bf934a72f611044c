const MAX_DEPTH = 12;

/**
 * A JSON-friendly copy of log fields. `maskSecrets` walks plain objects only, so an Error, Date or
 * Buffer handed to it would come out as `{}`; they are turned into what a reader needs first:
 * errors into `{type, message, code?, stack?}`, dates into ISO strings, buffers into their size.
 */
export function loggable(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (depth > MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) {
    const out: Record<string, unknown> = { type: value.name, message: value.message };
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') out.code = code;
    if (value.stack) out.stack = value.stack;
    return out;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((v) => loggable(v, depth + 1));
  if (value instanceof Map) return loggable(Object.fromEntries(value), depth + 1);
  if (value instanceof Set) return loggable([...value], depth + 1);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = loggable(v, depth + 1);
  return out;
}
