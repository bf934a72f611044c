/** Bytes decoded and escaped at a time when the output is written as JSON. */
const SLICE = 64 * 1024;
/** Outputs up to this many bytes are decoded to a string as usual; larger ones stay bytes. */
export const LARGE_OUTPUT_BYTES = 1024 * 1024;

const isContinuation = (b: number | undefined): boolean => b !== undefined && (b & 0xc0) === 0x80;

/**
 * A large device output (past {@link LARGE_OUTPUT_BYTES}) kept as the UTF-8 bytes it arrived in, in a
 * result's `stdout`, instead of being decoded into a string beside them: a 64 MiB output costs the
 * worker its bytes once, not bytes and string. It is the string it decodes to everywhere it leaves
 * the process: `JSON.stringify` writes it through `toJSON`, the result encoder of the job store 64 KiB
 * at a time ({@link jsonPieces}), and masking secrets by value works on the bytes
 * (`maskSecretValues`). Nothing else sees it: a parser asks {@link outputText}.
 */
export class Utf8Output {
  constructor(readonly bytes: Buffer) {}

  /** Bytes, not characters. */
  get length(): number {
    return this.bytes.length;
  }

  toString(): string {
    return this.bytes.toString('utf8');
  }

  toJSON(): string {
    return this.toString();
  }

  /**
   * The JSON text of the string (quotes included) in pieces of about 64 KiB of input, the same text
   * as `JSON.stringify(this.toString())`: each slice ends before a byte that starts a character, where
   * a UTF-8 decoder starts afresh, so the slices decode to the whole's characters (replacement
   * characters for bad bytes included).
   */
  *jsonPieces(): Generator<string> {
    yield '"';
    const b = this.bytes;
    for (let at = 0; at < b.length; ) {
      let end = Math.min(b.length, at + SLICE);
      // At most 3 continuation bytes follow a lead byte: past 4, none belongs to a character.
      for (let back = 0; end < b.length && back < 4 && isContinuation(b[end]); back++) end--;
      if (end <= at) end = Math.min(b.length, at + SLICE);
      yield JSON.stringify(b.toString('utf8', at, end)).slice(1, -1);
      at = end;
    }
    yield '"';
  }

  /**
   * This output with every occurrence of each text in `find` replaced by `by`, in order (a copy only
   * when one occurs). Replacing the UTF-8 bytes of a text is replacing the text in the decoded string
   * for any text a decoder can produce; null for one it cannot (a lone surrogate, U+FFFD), which the
   * caller replaces in the string instead.
   */
  replaced(find: readonly string[], by: string): Utf8Output | null {
    if (find.some((s) => /[\ud800-\udfff\ufffd]/.test(s))) return null;
    let bytes = this.bytes;
    const replacement = Buffer.from(by, 'utf8');
    for (const s of find) {
      const needle = Buffer.from(s, 'utf8');
      if (needle.length === 0 || bytes.indexOf(needle) < 0) continue;
      const parts: Buffer[] = [];
      let from = 0;
      for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + needle.length)) {
        parts.push(bytes.subarray(from, at), replacement);
        from = at + needle.length;
      }
      parts.push(bytes.subarray(from));
      bytes = Buffer.concat(parts);
    }
    return bytes === this.bytes ? this : new Utf8Output(bytes);
  }
}

/** A device output as text for whatever reads it (a parser): the string of a {@link Utf8Output}, anything else as it is. */
export function outputText(v: unknown): unknown {
  return v instanceof Utf8Output ? v.toString() : v;
}

/**
 * Output bytes as a result's `stdout`: a string, or past {@link LARGE_OUTPUT_BYTES} the bytes
 * themselves (never both); cut at `max` bytes.
 */
export function outputOf(buf: Buffer, max: number): { output: string | Utf8Output; truncated: boolean } {
  const truncated = buf.length > max;
  const bytes = truncated ? buf.subarray(0, max) : buf;
  return { output: bytes.length > LARGE_OUTPUT_BYTES ? new Utf8Output(bytes) : bytes.toString('utf8'), truncated };
}
