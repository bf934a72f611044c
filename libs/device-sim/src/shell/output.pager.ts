/** What the session writes after a key press at the pager prompt. */
export interface PagerStep {
  readonly done: boolean;
  readonly text: string;
}

/**
 * Pages output like a device with `terminal length N`: after each page the prompt (`--More--`)
 * holds the rest until a key: space shows a page, Enter one line, `q` or Ctrl-C stops.
 * Works on lines already in wire form (`\r\n`).
 */
export class OutputPager {
  private next = 0;
  private lastWasCr = false;

  constructor(
    private readonly lines: readonly string[],
    private readonly pageSize: number,
  ) {}

  /** Whether `lines` need a pager at all. */
  static needed(lineCount: number, pageSize: number): boolean {
    return pageSize > 0 && lineCount > pageSize;
  }

  firstPage(): string {
    return this.take(this.pageSize);
  }

  key(ch: string): PagerStep | undefined {
    const afterCr = this.lastWasCr;
    this.lastWasCr = ch === '\r';
    if (ch === '\n' && afterCr) return undefined;
    if (ch === ' ') return this.step(this.pageSize);
    if (ch === '\r' || ch === '\n') return this.step(1);
    return { done: true, text: '' };
  }

  private step(n: number): PagerStep {
    const text = this.take(n);
    return { done: this.next >= this.lines.length, text };
  }

  private take(n: number): string {
    const slice = this.lines.slice(this.next, this.next + n);
    this.next += slice.length;
    return slice.join('');
  }
}
