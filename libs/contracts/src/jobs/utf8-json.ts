import { isUtf8 } from 'node:buffer';
import { JsonToken, JsonTokenizer } from './json.tokenizer';
import { JSON_SLICE, LargeOutput, utf8SliceEnd } from './large-output';

/** Secrets to replace inside the strings of a {@link Utf8Json}: their bytes (to find candidates fast) and the replacement of a string's text. */
interface StringMask {
  readonly needles: readonly Buffer[];
  readonly text: (s: string) => string;
}

const BACKSLASH = 0x5c;

/**
 * A large JSON value (a pyeapi command's object, past `LARGE_OUTPUT_BYTES`) kept as the UTF-8 JSON
 * text the device sent instead of as the object graph it parses to, which is several times larger.
 * It writes the text `JSON.stringify(JSON.parse(text))` gives, normalising as it goes (whitespace
 * dropped, numbers and escapes written as JSON.stringify writes them) and replacing secrets inside
 * strings by value ({@link masked}). Only a value that parses without its properties moving fits:
 * {@link from} checks it (the eAPI client checks while it reads the answer).
 */
export class Utf8Json extends LargeOutput {
  /**
   * @param bytes one JSON value as valid UTF-8 whose properties JSON.parse keeps as they come
   *   (`JsonTokenizer.skipValue` said so)
   */
  constructor(
    readonly bytes: Buffer,
    private readonly mask: StringMask | null = null,
  ) {
    super();
  }

  /** The bytes as a Utf8Json, or null when they are not JSON, not UTF-8, or JSON.parse would move or drop a property. */
  static from(bytes: Buffer): Utf8Json | null {
    if (!isUtf8(bytes)) return null;
    try {
      const t = new JsonTokenizer(bytes);
      const stable = t.skipValue(t.next());
      return stable && t.next() === JsonToken.End ? new Utf8Json(bytes) : null;
    } catch {
      return null;
    }
  }

  get length(): number {
    return this.bytes.length;
  }

  /** The value JSON.parse gives for the device's text (`-0` and `1e400` included), or once masked, for the text written. */
  value(): unknown {
    return JSON.parse(this.mask ? [...this.jsonPieces()].join('') : this.bytes.toString('utf8'));
  }

  /**
   * This value with `text` applied to every string in it (property names included) that may hold one
   * of `find`: itself when none can (no text of `find` in the bytes, no escaped string that could
   * spell one). The bytes are shared; the strings are replaced as the text is written.
   */
  masked(find: readonly string[], text: (s: string) => string): Utf8Json {
    const needles = find.map((s) => Buffer.from(s, 'utf8')).filter((n) => n.length > 0);
    const b = this.bytes;
    if (b.indexOf(BACKSLASH) < 0 && !needles.some((n) => b.indexOf(n) >= 0)) return this;
    const prev = this.mask;
    return new Utf8Json(b, prev ? { needles: [...prev.needles, ...needles], text: (s) => text(prev.text(s)) } : { needles, text });
  }

  /** Whether `test` holds for some property name in the value (decoded, before masking). */
  someName(test: (name: string) => boolean): boolean {
    const t = new JsonTokenizer(this.bytes);
    for (let tok = t.next(); tok !== JsonToken.End; tok = t.next()) if (tok === JsonToken.Key && test(t.stringValue())) return true;
    return false;
  }

  /**
   * The text in pieces of about 64 KiB: runs of the device's bytes that are already what
   * JSON.stringify writes go out as they are, between them the tokens written anew (a number such
   * as `1.0` or `1e5`, a string with an escape or a secret in it) and no whitespace.
   */
  *jsonPieces(): Generator<string> {
    const b = this.bytes;
    const t = new JsonTokenizer(b);
    const hits = this.mask ? hitStarts(b, this.mask.needles) : [];
    let hit = 0;
    // Bytes [run, end of the last token) are still to be written as they are.
    let run = 0;
    let last = 0;
    let acc = '';
    for (let tok = t.next(); tok !== JsonToken.End; tok = t.next()) {
      if (t.spaced) {
        acc += b.toString('utf8', run, last) + (t.sep === 0 ? '' : String.fromCharCode(t.sep));
        run = t.start;
      }
      let fresh: string | null = null;
      if (tok === JsonToken.Number) {
        if (!t.plainNumber) fresh = JSON.stringify(Number(b.toString('latin1', t.start, t.end)));
      } else if (tok === JsonToken.String || tok === JsonToken.Key) {
        while (hit < hits.length && hits[hit] < t.start) hit++;
        if (t.escaped || (hit < hits.length && hits[hit] < t.end)) {
          const s = t.stringValue();
          fresh = JSON.stringify(this.mask ? this.mask.text(s) : s);
        }
      }
      if (fresh !== null && (fresh.length !== t.end - t.start || fresh !== b.toString('utf8', t.start, t.end))) {
        acc += b.toString('utf8', run, t.start) + fresh;
        run = t.end;
      }
      last = t.end;
      if (last - run >= JSON_SLICE) {
        if (acc !== '') yield acc;
        acc = '';
        for (let at = run; at < last; ) {
          const end = utf8SliceEnd(b, at, JSON_SLICE, last);
          yield b.toString('utf8', at, end);
          at = end;
        }
        run = last;
      }
      if (acc.length >= JSON_SLICE) {
        yield acc;
        acc = '';
      }
    }
    yield acc + b.toString('utf8', run, last);
  }
}

/** Where each needle starts in the bytes, in order. */
function hitStarts(b: Buffer, needles: readonly Buffer[]): number[] {
  const out: number[] = [];
  for (const n of needles) for (let at = b.indexOf(n); at >= 0; at = b.indexOf(n, at + 1)) out.push(at);
  return out.sort((x, y) => x - y);
}
