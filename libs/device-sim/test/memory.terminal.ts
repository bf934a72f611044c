import type { Terminal } from '../src/shell/terminal';
import { setTimeout as sleep } from 'node:timers/promises';

/** A `Terminal` in memory, so the CLI state machine is tested without sockets. Test-only. */
export class MemoryTerminal implements Terminal {
  closed = false;
  dropped = false;
  exitCode: number | undefined;
  output = '';
  stderr = '';

  close(exitCode: number): void {
    this.closed = true;
    this.exitCode = exitCode;
  }

  drop(): void {
    this.closed = true;
    this.dropped = true;
  }

  write(text: string): Promise<void> {
    this.output += text;
    return Promise.resolve();
  }

  writeError(text: string): Promise<void> {
    this.stderr += text;
    return Promise.resolve();
  }

  /** Returns and forgets what was written so far. */
  take(): string {
    const out = this.output;
    this.output = '';
    return out;
  }
}

/** Waits until `check` returns true (polling), for asserting on asynchronous state without sleeps. */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(5);
  }
}
