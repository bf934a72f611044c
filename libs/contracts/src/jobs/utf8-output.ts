import { JSON_SLICE, LARGE_OUTPUT_BYTES, LargeOutput, utf8SliceEnd } from './large-output';

/**
 * A large command output (past {@link LARGE_OUTPUT_BYTES}) kept as the UTF-8 bytes it arrived in, in
 * a result's `stdout`, instead of being decoded into a string beside them. It is the string it
 * decodes to everywhere it leaves the process (see {@link LargeOutput}).
 */
export class Utf8Output extends LargeOutput {
  constructor(readonly bytes: Buffer) {
    super();
  }

  get length(): number {
    return this.bytes.length;
  }

  override toString(): string {
    return this.bytes.toString('utf8');
  }

  value(): string {
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
      const end = utf8SliceEnd(b, at, JSON_SLICE);
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

/** A device output as whatever reads it (a parser) expects: the value of a {@link LargeOutput}, anything else as it is. */
export function outputText(v: unknown): unknown {
  return v instanceof LargeOutput ? v.value() : v;
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
