/* eslint-disable no-control-regex -- this file parses terminal control sequences (backspace, ESC, NUL) on purpose */
import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from '../transport/ssh.connection';
import { setTimeout as sleep } from 'node:timers/promises';

export class CliReadError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'closed' | 'aborted',
  ) {
    super(message);
    this.name = 'CliReadError';
  }
}

/** Erase sequences devices print after a key press at a pager prompt (backspaces, cursor-left, CR). */
const PAGER_ERASE = /^(?:\x08+ *\x08+|\x1b\[\d+D *\x1b\[\d+D|\r +\r)/;
/** How much of the buffer's end is searched for a prompt: prompts are short, outputs can be 10 MB. */
const TAIL = 1024;
const HEAD = 8192;

/**
 * A device's interactive shell as a byte stream we read from until a pattern: prompt-delimited
 * reading, no fixed sleeps. Pager prompts are answered with a space as they arrive.
 */
export class CliChannel {
  private chunks: string[] = [];
  private tail = '';
  /** The first HEAD characters since the last clear: where a command's echo is looked for. */
  private head = '';
  private size = 0;
  private closed = false;
  private waiter: (() => void) | null = null;
  private skipErase = false;
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly ch: ClientChannel,
    private readonly pager: RegExp,
  ) {
    ch.on('data', (d: Buffer) => this.push(this.decoder.write(d)));
    ch.stderr.on('data', (d: Buffer) => this.push(d.toString('utf8')));
    ch.on('close', () => {
      this.closed = true;
      this.wake();
    });
    ch.on('error', () => undefined);
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  write(text: string): void {
    if (this.closed) throw new CliReadError('The device closed the session', 'closed');
    this.ch.write(text);
  }

  /** Drops whatever is buffered (stale output of an earlier job, keepalive echoes). */
  clear(): string {
    const all = this.chunks.join('');
    this.chunks = [];
    this.tail = '';
    this.head = '';
    this.size = 0;
    return all;
  }

  /**
   * Reads until `done(tail)` is true for the buffer's end; returns everything read and empties the
   * buffer. Fails on timeout, close or abort, with the last output in the message.
   */
  async readUntil(done: (tail: string) => boolean, timeoutMs: number, signal?: AbortSignal, what = 'the prompt', echo?: string): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // With `echo`, a prompt counts only after the device echoed the command: a prompt still in
      // flight from an earlier line (a stray RETURN, a slow device) must not end this read.
      const echoed = echo === undefined || this.head.includes(echo) || this.head.length >= HEAD;
      if (echoed && done(this.tail)) return this.clear();
      if (signal?.aborted) throw new CliReadError('Interrupted', 'aborted');
      if (this.closed) throw new CliReadError(`The device closed the session while waiting for ${what}; last output: ${JSON.stringify(this.tail.slice(-200))}`, 'closed');
      const left = deadline - Date.now();
      if (left <= 0) throw new CliReadError(`Timed out after ${(timeoutMs / 1000).toFixed(1)}s waiting for ${what}; last output: ${JSON.stringify(this.tail.slice(-200))}`, 'timeout');
      await new Promise<void>((resolve) => {
        const onAbort = (): void => resolve();
        const t = setTimeout(resolve, left);
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiter = () => {
          clearTimeout(t);
          signal?.removeEventListener('abort', onAbort);
          resolve();
        };
      });
    }
  }

  /** Reads whatever arrives within `ms` (used to find a prompt after login banners). */
  async settle(ms: number): Promise<void> {
    await sleep(ms);
  }

  close(): void {
    this.closed = true;
    this.ch.close();
    this.wake();
  }

  private push(text: string): void {
    if (!text) return;
    let t = text;
    if (this.skipErase) {
      t = t.replace(PAGER_ERASE, '');
      this.skipErase = false;
    }
    this.chunks.push(t);
    this.size += t.length;
    this.tail = (this.tail + t).slice(-TAIL);
    if (this.head.length < HEAD) this.head = (this.head + t).slice(0, HEAD).replace(/\r/g, '');
    const m = this.pager.exec(this.tail);
    if (m) {
      // Cut the pager prompt from what we keep and ask for the next page.
      const all = this.clear();
      const cut = all.slice(0, all.length - m[0].length);
      this.chunks = [cut];
      this.size = cut.length;
      this.tail = cut.slice(-TAIL);
      this.skipErase = true;
      this.ch.write(' ');
    }
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }
}

/** Device output as text with `\n` line ends, terminal control sequences removed. */
export function normalizeOutput(raw: string): string {
  let s = raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  while (/[^\n]\x08/.test(s)) s = s.replace(/[^\n]\x08/g, '');
  s = s.replace(/\x08/g, '');
  return s.replace(/\r+\n/g, '\n').replace(/\r/g, '');
}

/** The last line of a buffer, right-trimmed: where a prompt sits. */
export function lastLine(text: string): string {
  const t = text.replace(/[\s\x00]+$/, '');
  const i = t.lastIndexOf('\n');
  return normalizeOutput(i >= 0 ? t.slice(i + 1) : t).replace(/\s+$/, '').replace(/^\s+/, '');
}
