import { LargeOutput } from '@netpulse/contracts';

/** Longest slice of one string encoded at a time. */
const SLICE = 64 * 1024;
/** First size of a part encoder's buffer (it grows to the part size once a result needs it). */
const FIRST_BUFFER = 16 * 1024;

/**
 * Budget left after the JSON text of `v` would be written, without writing it: a walk that gives up
 * (below zero) as soon as `budget` characters are used, so a large subtree costs little to rule out.
 * Strings count their length (escapes are not counted: a small subtree stays small enough).
 */
function fits(v: unknown, budget: number, depth = 0): number {
  if (budget < 0 || depth > 32) return -1;
  if (typeof v === 'string') return budget - v.length - 2;
  if (v === null || typeof v !== 'object') return budget - 24;
  if (v instanceof LargeOutput) return budget - v.length - 2;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return fits((v as { toJSON: () => unknown }).toJSON(), budget, depth + 1);
  let left = budget - 2;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && left >= 0; i++) {
      const item: unknown = v[i];
      if (typeof item === 'string') left -= item.length + 3;
      else if (item === null || typeof item !== 'object') left -= 25;
      else left = fits(item, left - 1, depth + 1);
    }
    return left;
  }
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length && left >= 0; i++) {
    const item = (v as Record<string, unknown>)[keys[i]];
    left -= keys[i].length + 4;
    // Inline for the common leaves: this runs once per node of a structured output.
    if (typeof item === 'string') left -= item.length + 2;
    else if (item === null || typeof item !== 'object') left -= 24;
    else left = fits(item, left, depth + 1);
  }
  return left;
}

/** Whether the JSON text of `v` has about `chars` characters or fewer (a walk that stops as soon as it knows). */
export function jsonFits(v: unknown, chars: number): boolean {
  return fits(v, chars) >= 0;
}

/** Whether JSON.stringify leaves this property out of an object (and writes `null` for it in an array). */
const skipped = (item: unknown): boolean => item === undefined || typeof item === 'function' || typeof item === 'symbol';

/**
 * The JSON text of `value` (as `JSON.stringify` writes it, for plain data) in pieces, never as one
 * string: a result holding a 64 MiB stdout is encoded 64 KiB at a time, so encoding it costs no
 * second copy of it. A string is cut only between whole characters (never inside a surrogate pair).
 * Small subtrees (most rows of a structured output) are written by JSON.stringify itself and
 * gathered into pieces of about 64 KiB, so a result of many small objects encodes at native speed.
 */
export function* jsonPieces(value: unknown): Generator<string> {
  if (value instanceof LargeOutput) return yield* value.jsonPieces();
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
  if (v === null || typeof v !== 'object') return void (yield JSON.stringify(v) ?? 'null');
  if (fits(v, SLICE) >= 0) return void (yield JSON.stringify(v) ?? 'null');
  const array = Array.isArray(v);
  const keys = array ? null : Object.keys(v);
  const count = array ? (v as unknown[]).length : (keys as string[]).length;
  let acc = array ? '[' : '{';
  let first = true;
  for (let i = 0; i < count; i++) {
    const raw: unknown = array ? (v as unknown[])[i] : (v as Record<string, unknown>)[(keys as string[])[i]];
    if (!array && skipped(raw)) continue;
    const item = array && skipped(raw) ? null : raw;
    acc += `${first ? '' : ','}${array ? '' : `${JSON.stringify((keys as string[])[i])}:`}`;
    first = false;
    if (item !== null && typeof item === 'object' ? fits(item, SLICE) >= 0 : typeof item !== 'string' || item.length <= SLICE) {
      acc += JSON.stringify(item) ?? 'null';
      if (acc.length >= SLICE) {
        yield acc;
        acc = '';
      }
    } else {
      if (acc !== '') yield acc;
      acc = '';
      yield* jsonPieces(item);
    }
  }
  yield `${acc}${array ? ']' : '}'}`;
}

/**
 * The same text as UTF-8 parts of at most `size` bytes, written one after the other into one buffer
 * that is reused: encoding a 64 MiB result leaves no 1 MiB strings or buffers behind as garbage. A
 * part is valid until the next call. One piece larger than `size` (a slice of control characters,
 * escaped six times over) goes out as a part of its own.
 */
export class JsonPartEncoder {
  private readonly pieces: Iterator<string>;
  private pending: string | null = null;
  private buf: Buffer | null = null;

  constructor(
    value: unknown,
    private readonly size = 1024 * 1024,
  ) {
    this.pieces = jsonPieces(value);
    this.pending = this.pull();
  }

  /** The next part and whether it is the last; null when the text is all out. */
  next(): { bytes: Buffer; last: boolean } | null {
    if (this.pending === null) return null;
    let used = 0;
    let part: Buffer | null = null;
    while (this.pending !== null) {
      const piece = this.pending;
      const n = Buffer.byteLength(piece, 'utf8');
      if (n > this.size - used) {
        if (used === 0) {
          part = Buffer.from(piece, 'utf8');
          this.pending = this.pull();
        }
        break;
      }
      this.buf = this.room(used, n);
      used += this.buf.write(piece, used, 'utf8');
      this.pending = this.pull();
    }
    return { bytes: part ?? (this.buf as Buffer).subarray(0, used), last: this.pending === null };
  }

  /** The buffer, with room for `n` more bytes after `used`: small at first (most results are), `size` once needed. */
  private room(used: number, n: number): Buffer {
    if (this.buf && this.buf.length - used >= n) return this.buf;
    const next = Buffer.allocUnsafe(used + n <= FIRST_BUFFER ? FIRST_BUFFER : this.size);
    this.buf?.copy(next, 0, 0, used);
    return next;
  }

  private pull(): string | null {
    const r = this.pieces.next();
    return r.done ? null : r.value;
  }
}
