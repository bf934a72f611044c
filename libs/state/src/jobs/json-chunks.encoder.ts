/** Longest slice of one string encoded at a time. */
const SLICE = 64 * 1024;

/**
 * The JSON text of `value` (as `JSON.stringify` writes it, for plain data) in pieces, never as one
 * string: a result holding a 64 MiB stdout is encoded 64 KiB at a time, so encoding it costs no
 * second copy of it. A string is cut only between whole characters (never inside a surrogate pair).
 */
export function* jsonPieces(value: unknown): Generator<string> {
  const v = value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function' ? (value as { toJSON: () => unknown }).toJSON() : value;
  if (typeof v === 'string') {
    if (v.length <= SLICE) return void (yield JSON.stringify(v));
    yield '"';
    for (let i = 0; i < v.length; ) {
      let end = Math.min(v.length, i + SLICE);
      const last = v.charCodeAt(end - 1);
      if (end < v.length && last >= 0xd800 && last <= 0xdbff) end--;
      yield JSON.stringify(v.slice(i, end)).slice(1, -1);
      i = end;
    }
    return void (yield '"');
  }
  if (Array.isArray(v)) {
    yield '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) yield ',';
      const item: unknown = v[i];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* jsonPieces(item);
    }
    return void (yield ']');
  }
  if (v !== null && typeof v === 'object') {
    yield '{';
    let first = true;
    for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      yield `${first ? '' : ','}${JSON.stringify(k)}:`;
      first = false;
      yield* jsonPieces(item);
    }
    return void (yield '}');
  }
  yield JSON.stringify(v) ?? 'null';
}

/** The same text as UTF-8 buffers of about `size` bytes each (the last one shorter). */
export function* jsonChunks(value: unknown, size = 1024 * 1024): Generator<Buffer> {
  let parts: string[] = [];
  let length = 0;
  for (const piece of jsonPieces(value)) {
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield Buffer.from(parts.join(''), 'utf8');
      parts = [];
      length = 0;
    }
  }
  if (parts.length > 0) yield Buffer.from(parts.join(''), 'utf8');
}
