/**
 * Bounds on what one filter or method call may produce. A template comes from a request; without them
 * `{{ x | center(300000000) }}` or `"%300000000d" | format(1)` fills hundreds of megabytes in a single
 * call, before any time limit gets a chance to look.
 */
export const RENDER_SIZE_LIMITS = Object.freeze({
  /** Widest result of a padding call: `center`, `ljust`, `rjust`, `zfill`, `indent`, `%Nd` widths. */
  maxWidth: 10_000,
  /** Longest string `*` may build (`"-" * 80`). */
  maxRepeatChars: 100_000,
  /** Most items a call may add to a sequence: `batch(n)`, `slice(n)`, `range()`, list `*`. */
  maxItems: 100_000,
  /** Largest `%.Nf` precision (JavaScript's own bound). */
  maxPrecision: 100,
});

/**
 * The width argument of a padding call, as a number.
 * @throws Error naming the call and the limit when the width is above {@link RENDER_SIZE_LIMITS.maxWidth}
 */
export function boundedWidth(call: string, width: unknown): number {
  const n = Number(width);
  if (!Number.isFinite(n)) return 0;
  if (n > RENDER_SIZE_LIMITS.maxWidth) {
    throw new Error(`ValueError: ${call} width ${n} is over the limit of ${RENDER_SIZE_LIMITS.maxWidth} characters`);
  }
  return Math.trunc(n);
}

/**
 * A count argument (`batch`, `slice`), as a number.
 * @throws Error naming the call and the limit when it is above {@link RENDER_SIZE_LIMITS.maxItems}
 */
export function boundedCount(call: string, count: unknown): number {
  const n = Number(count);
  if (n > RENDER_SIZE_LIMITS.maxItems) throw new Error(`ValueError: ${call} count ${n} is over the limit of ${RENDER_SIZE_LIMITS.maxItems}`);
  return n;
}
