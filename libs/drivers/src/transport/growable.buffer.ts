/** First capacity of a growable buffer; it doubles from there, up to its limit. */
const INITIAL = 64 * 1024;
/**
 * Past this size a buffer with a limit stops doubling and takes its whole limit at once: memory that
 * is allocated but not yet written costs address space only (the operating system backs a page when
 * it is first written), so the output is never copied again and no half-size copy is left behind as
 * garbage (doubling from 32 to 64 MiB briefly holds 96 MiB).
 */
const RESERVE_FROM = 1024 * 1024;
/** Largest limit reserved whole (above it, the buffer keeps doubling). */
const RESERVE_MAX = 1024 * 1024 * 1024;

/**
 * Bytes appended chunk by chunk into one buffer that doubles as needed (up to `limit`), so a large
 * output is held once: the chunks a socket delivers are copied and dropped at once instead of being
 * kept in a list and concatenated at the end (which holds the output twice, plus the list's garbage).
 */
export class GrowableBuffer {
  private buf: Buffer = Buffer.alloc(0);
  private used = 0;
  /** False while `buf` is the first chunk itself (kept without a copy: most outputs are one chunk). */
  private owned = false;

  constructor(private readonly limit = Number.MAX_SAFE_INTEGER) {}

  get length(): number {
    return this.used;
  }

  /** Appends `chunk` (the caller keeps it within `limit`). */
  push(chunk: Buffer): void {
    if (this.used === 0) {
      this.buf = chunk;
      this.used = chunk.length;
      this.owned = false;
      return;
    }
    const need = this.used + chunk.length;
    if (!this.owned || need > this.buf.length) {
      let cap = Math.max(INITIAL, this.used);
      while (cap < need) cap *= 2;
      if (cap > RESERVE_FROM && this.limit <= RESERVE_MAX) cap = this.limit;
      const next = Buffer.allocUnsafe(Math.max(need, Math.min(cap, this.limit)));
      this.buf.copy(next, 0, 0, this.used);
      this.buf = next;
      this.owned = true;
    }
    chunk.copy(this.buf, this.used);
    this.used = need;
  }

  /** The bytes so far (a view, not a copy). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.used);
  }
}
