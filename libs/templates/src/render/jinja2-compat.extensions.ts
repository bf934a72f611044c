import { pythonPercentFormat } from './python-percent.formatter';
import { RENDER_SIZE_LIMITS } from './render-size.limits';

/** Jinja2's sandbox bound on `range()`: a bigger list is refused instead of filling memory. */
export const MAX_RANGE = 100_000;

/** `range()` with Python's arguments, bounded like Jinja2's sandbox. */
export function boundedRange(start: unknown, stop?: unknown, step?: unknown): number[] {
  const [from, to, by] = stop === undefined ? [0, Number(start), 1] : [Number(start), Number(stop), step === undefined ? 1 : Number(step)];
  if (![from, to, by].every(Number.isFinite)) throw new Error('range() arguments must be numbers');
  if (by === 0) throw new Error('range() arg 3 must not be zero');
  const count = Math.max(0, Math.ceil((to - from) / by));
  if (count > MAX_RANGE) throw new Error(`range() is limited to ${MAX_RANGE} items`);
  return Array.from({ length: count }, (_, i) => from + i * by);
}

/**
 * Python's `*`: a string or list times an integer repeats it (`"-" * 20`), bounded like the padding
 * calls; numbers multiply. JavaScript's `*` would print `nan` for a string.
 */
export function pythonMultiply(left: unknown, right: unknown): unknown {
  const [seq, times] = isSequence(left) ? [left, right] : isSequence(right) ? [right, left] : [null, null];
  if (seq === null) return (left as number) * (right as number);
  if (typeof times !== 'number' && typeof times !== 'boolean') throw new Error(`TypeError: can't multiply sequence by non-int of type ${times === null ? 'NoneType' : typeof times}`);
  const n = Math.max(0, Math.trunc(Number(times)));
  if (typeof seq === 'string') {
    if (seq.length * n > RENDER_SIZE_LIMITS.maxRepeatChars) {
      throw new Error(`ValueError: string repetition to ${seq.length * n} characters is over the limit of ${RENDER_SIZE_LIMITS.maxRepeatChars}`);
    }
    return seq.repeat(n);
  }
  if (seq.length * n > RENDER_SIZE_LIMITS.maxItems) throw new Error(`ValueError: list repetition to ${seq.length * n} items is over the limit of ${RENDER_SIZE_LIMITS.maxItems}`);
  return Array.from({ length: seq.length * n }, (_, i) => seq[i % seq.length]);
}

function isSequence(value: unknown): value is string | unknown[] {
  return typeof value === 'string' || Array.isArray(value);
}

/** Jinja2 tests nunjucks lacks (`x is none`, `x is boolean`, ...). */
export const JINJA2_EXTRA_TESTS: Readonly<Record<string, (value: unknown, other?: unknown) => boolean>> = {
  boolean: (v) => typeof v === 'boolean',
  false: (v) => v === false,
  float: (v) => typeof v === 'number' && !Number.isInteger(v),
  in: (v, seq) => (typeof seq === 'string' ? typeof v === 'string' && seq.includes(v) : Array.isArray(seq) ? seq.includes(v) : isRecord(seq) && Object.hasOwn(seq, String(v))),
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  none: (v) => v === null,
  sequence: (v) => typeof v === 'string' || Array.isArray(v) || isRecord(v),
  true: (v) => v === true,
};

/** Jinja2 filters nunjucks lacks. */
export const JINJA2_EXTRA_FILTERS: Readonly<Record<string, (...args: unknown[]) => unknown>> = {
  count: (v) => (typeof v === 'string' || Array.isArray(v) ? v.length : isRecord(v) ? Object.keys(v).length : 0),
  format: (format, ...args) => pythonPercentFormat(format, ...args),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
