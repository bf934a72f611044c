/** Bytes decoded and escaped at a time when a large output is written as JSON. */
export const JSON_SLICE = 64 * 1024;
/** Outputs up to this many bytes are kept as usual (a string, an object); larger ones stay the bytes they came in. */
export const LARGE_OUTPUT_BYTES = 1024 * 1024;

const isContinuation = (b: number | undefined): boolean => b !== undefined && (b & 0xc0) === 0x80;

/**
 * Where a slice of UTF-8 bytes that starts at `at` should end, at most `max` bytes on and never past
 * `to`: before a byte that starts a character, where a decoder starts afresh, so the slices decode to
 * the whole's characters (replacement characters for bad bytes included).
 */
export function utf8SliceEnd(b: Buffer, at: number, max: number, to = b.length): number {
  let end = Math.min(to, at + max);
  // At most 3 continuation bytes follow a lead byte: past 4, none belongs to a character.
  for (let back = 0; end < to && back < 4 && isContinuation(b[end]); back++) end--;
  return end <= at ? Math.min(to, at + max) : end;
}

/**
 * A large device output (past {@link LARGE_OUTPUT_BYTES}) kept in a result as the UTF-8 bytes it
 * arrived in instead of as the value they stand for: a 64 MiB output costs the worker its bytes
 * once. `JSON.stringify` writes it through `toJSON`, the result encoder of the job store
 * {@link jsonPieces} about 64 KiB at a time, and masking secrets by value works on the bytes
 * (`maskSecretValues`). Nothing else sees it: a parser asks `outputText`, which gives {@link value}.
 */
export abstract class LargeOutput {
  /** Bytes, not characters. */
  abstract get length(): number;

  /** The JSON text of the value, in pieces of about 64 KiB: the same text as `JSON.stringify(this.value())`. */
  abstract jsonPieces(): Generator<string>;

  /** The value the bytes stand for (built whole: for a parser, not for storing). */
  abstract value(): unknown;

  toJSON(): unknown {
    return this.value();
  }
}
