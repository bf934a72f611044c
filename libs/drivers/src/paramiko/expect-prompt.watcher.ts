import { StringDecoder } from 'node:string_decoder';
import type { ExecInput } from '../transport/ssh.connection';
import { ExpectMatcher } from './expect.matcher';

/**
 * Answers expect_map prompts as output arrives and calls `onStuck` once the output has not changed
 * for `idleMs` (as in NetPulse 0.4: the original polls every 0.2 s and gives up when nothing arrives).
 */
export class ExpectPromptWatcher {
  private readonly matcher: ExpectMatcher;
  private readonly decoder = new StringDecoder('utf8');
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    map: Record<string, string>,
    private readonly idleMs: number,
    private readonly onStuck: () => void,
  ) {
    this.matcher = new ExpectMatcher(map);
  }

  start(): void {
    this.arm();
  }

  output(chunk: Buffer, input: ExecInput): void {
    for (const reply of this.matcher.feed(this.decoder.write(chunk))) input.write(`${reply}\n`);
    this.arm();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private arm(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.stopped = true;
      this.onStuck();
    }, this.idleMs);
  }
}
