import { randomBytes } from 'node:crypto';
import type { ExecInput } from '../transport/ssh.connection';
import { shellQuote } from './shell-line.builder';

type Stream = 'stdout' | 'stderr';

/** Passwords shorter than this are not scrubbed from output: that would mangle ordinary text. */
const MIN_SCRUB_LENGTH = 4;
/** sudoers `passprompt_override` replaces our prompt with the stock one; recognise it too. */
const STOCK_PROMPT = /\[sudo\] password for [^\n:]*:/g;
/** Output before the command starts is sudo's own chatter: a few lines at most. */
const MAX_PENDING = 65536;

/**
 * One `sudo -S` run. The password is written only when sudo asks for it (a random prompt marker),
 * so it is never fed to the command's stdin when sudo does not ask (NOPASSWD, cached credentials),
 * and the command prints a random ready marker before it starts, so everything sudo (and, under a
 * PTY, the terminal's echo) printed before it can be cut from the output.
 */
export class SudoExchange {
  private readonly prompt: string;
  private readonly ready: string;
  private readonly pending: Record<Stream, string> = { stdout: '', stderr: '' };
  private readonly counted: Record<Stream, number> = { stdout: 0, stderr: 0 };
  private prompts = 0;
  private readyStream: Stream | null = null;

  constructor(
    private readonly password: string | null,
    private readonly pty: boolean,
    /** Called once the command itself starts (sudo authenticated): give it its stdin here. */
    private readonly onReady: (input: ExecInput) => void,
    token: string = randomBytes(8).toString('hex'),
  ) {
    // No '%': sudo expands %-escapes in the prompt.
    this.prompt = `NP_SUDO_${token}:`;
    this.ready = `NP_READY_${token}`;
  }

  /** True once the command started, i.e. sudo accepted (or did not need) the password. */
  get authenticated(): boolean {
    return this.readyStream !== null;
  }

  wrap(line: string): string {
    return `sudo -S -p ${shellQuote(this.prompt)} bash -c ${shellQuote(`printf %s ${this.ready} >&2; ${line}`)}`;
  }

  /** Feed every output chunk until the command starts; answers sudo's prompts. */
  observe(stream: Stream, chunk: Buffer, input: ExecInput): void {
    if (this.readyStream !== null || this.pending[stream].length > MAX_PENDING) return;
    const text = this.pending[stream] + chunk.toString('latin1');
    this.pending[stream] = text;
    const seen = count(text, this.prompt) + (text.match(STOCK_PROMPT)?.length ?? 0);
    for (; this.counted[stream] < seen; this.counted[stream]++) this.answer(input);
    if (text.includes(this.ready)) {
      this.readyStream = stream;
      this.pending.stdout = '';
      this.pending.stderr = '';
      this.onReady(input);
    }
  }

  /** The stream's output without sudo's part, and without the password anywhere. */
  clean(buf: Buffer, stream: Stream): Buffer {
    let out = buf;
    if (this.readyStream === stream) {
      const i = out.indexOf(this.ready, 0, 'latin1');
      if (i >= 0) out = out.subarray(i + this.ready.length);
    } else if (this.readyStream === null) {
      out = replaceAll(out, Buffer.from(this.prompt, 'latin1'), Buffer.alloc(0));
    }
    if (this.password !== null && this.password.length >= MIN_SCRUB_LENGTH) {
      out = replaceAll(out, Buffer.from(this.password, 'utf8'), Buffer.from('******'));
    }
    return out;
  }

  private answer(input: ExecInput): void {
    this.prompts++;
    if (this.prompts === 1 && this.password !== null) {
      input.write(`${this.password}\n`);
      return;
    }
    // Asked again: the password was wrong (or there is none). Give up instead of waiting for the
    // timeout: EOF ends sudo's read on a pipe; a terminal needs Ctrl-C.
    if (this.pty) input.write('\x03');
    input.end();
  }
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

function replaceAll(buf: Buffer, needle: Buffer, by: Buffer): Buffer {
  if (needle.length === 0) return buf;
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, from)) {
    parts.push(buf.subarray(from, i), by);
    from = i + needle.length;
  }
  if (from === 0) return buf;
  parts.push(buf.subarray(from));
  return Buffer.concat(parts);
}
