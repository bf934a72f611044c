import type { DeviceState } from '../device/device.state';
import { LineEditor } from './line.editor';
import { OutputPager } from './output.pager';
import type { CliContext, CommandReply, OutputSource, Question } from './shell.types';
import type { Terminal } from './terminal';

/** Bytes handed to the channel per write when streaming: big enough to be fast, small enough to yield. */
const CHUNK = 64 * 1024;
const FLOOD_LINES_PER_BATCH = 200;

/**
 * One CLI session on a simulated device: the state machine between raw keystrokes and the
 * platform profile. It echoes input, runs one line at a time (type-ahead waits, like on a real
 * device), pages long output, asks follow-up questions, applies the fault knobs (latency, hang,
 * drop, flood, idle timeout) and writes prompts. Transport-free: it talks through a `Terminal`.
 */
export class CliSession {
  private readonly ctx: CliContext;
  private readonly editor = new LineEditor();
  private finished = false;
  private hung = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private input = '';
  /** Set while output waits behind `--More--`, with the reply to finish afterwards. */
  private paging: { pager: OutputPager; reply: CommandReply } | undefined;
  private pumping = false;
  private question: Question | undefined;
  /** Ctrl-C while a command runs (latency, streaming, flood). */
  private interrupted = false;
  private running = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly device: DeviceState,
    private readonly terminal: Terminal,
    username: string,
    interactive: boolean,
  ) {
    const profile = device.profile;
    this.ctx = {
      candidate: undefined,
      device,
      interactive,
      level: interactive ? profile.loginLevel : profile.execLevel,
      promptWidth: 0,
      sections: [],
      terminalLength: interactive ? device.terminalLength : 0,
      username,
    };
  }

  /** Opens an interactive shell: banner, then the first prompt. */
  async start(): Promise<void> {
    this.armIdleTimer();
    await this.write(toWire(this.device.options.banner ?? this.device.profile.banner(this.device), '\r\n', false));
    await this.showPrompt();
  }

  /** Keystrokes from the client. */
  feed(data: string): void {
    if (this.finished) return;
    this.armIdleTimer();
    if (this.hung) return;
    let text = data;
    if (this.running && text.includes('\x03')) {
      this.interrupted = true;
      this.wake?.();
      text = text.split('\x03').join('');
    }
    this.input += text;
    void this.pump();
  }

  /** Runs one `exec` request: output, then the exit status, no prompt. */
  async exec(command: string): Promise<void> {
    const trimmed = command.trim();
    this.device.counters.recordCommand(trimmed);
    this.running = true;
    const fault = this.device.faultFor(trimmed);
    if (fault === 'hang') return;
    if (fault === 'drop') return this.drop();
    if (fault === 'flood') return this.flood();
    if (!(await this.delay(this.device.options.latencyMs))) return this.terminal.close(130);
    const reply = this.device.profile.handle(trimmed, this.ctx);
    if (reply.stream) await this.streamOut(reply.stream);
    const newline = this.device.profile.execNewline;
    if (reply.output) await this.terminal.write(toWire(reply.output, newline));
    if (reply.stderr) await this.terminal.writeError(toWire(reply.stderr, newline));
    this.terminal.close(reply.exitCode ?? (reply.failed ? 1 : 0));
  }

  /** The channel closed: stop timers and any running output. */
  dispose(): void {
    this.finished = true;
    clearTimeout(this.idleTimer);
    this.wake?.();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.input.length > 0 && !this.finished && !this.hung) {
        const chunk = this.input;
        this.input = '';
        await this.process(chunk);
      }
    } catch {
      // A write to a channel that vanished mid-command: nothing left to talk to.
      this.dispose();
    } finally {
      this.pumping = false;
    }
  }

  private async process(chunk: string): Promise<void> {
    let echo = '';
    for (const ch of chunk) {
      if (this.finished || this.hung) return;
      if (this.paging) {
        await this.pageKey(ch);
        continue;
      }
      const event = this.editor.feed(ch);
      echo += event.echo;
      if (event.line === undefined && event.signal === undefined) continue;
      await this.write(echo);
      echo = '';
      if (event.signal !== undefined) await this.signal(event.signal);
      else await this.runLine(event.line ?? '');
    }
    await this.write(echo);
  }

  private async runLine(line: string): Promise<void> {
    const question = this.question;
    this.question = undefined;
    this.editor.echo = true;
    if (question) return this.emit(question.answer(line, this.ctx));
    const command = line.trim();
    if (command === '') return this.emit(this.device.profile.handle(line, this.ctx));
    this.device.counters.recordCommand(command);
    this.running = true;
    this.interrupted = false;
    try {
      switch (this.device.faultFor(command)) {
        case 'hang':
          this.hung = true;
          return;
        case 'drop':
          return this.drop();
        case 'flood':
          await this.flood();
          return this.showPrompt();
        case undefined:
          break;
      }
      if (!(await this.delay(this.device.options.latencyMs))) return this.showPrompt();
      await this.emit(this.device.profile.handle(line, this.ctx));
    } finally {
      this.running = false;
    }
  }

  private async signal(signal: 'interrupt' | 'suspend'): Promise<void> {
    this.question = undefined;
    this.editor.echo = true;
    const suspend = this.device.profile.suspendCommand;
    if (signal === 'suspend' && this.ctx.level === 'config' && suspend !== undefined) {
      return this.emit(this.device.profile.handle(suspend, this.ctx));
    }
    await this.showPrompt();
  }

  /** Writes a reply, through the pager when it is longer than a page. */
  private async emit(reply: CommandReply): Promise<void> {
    let text = `${reply.output ?? ''}${reply.stderr ?? ''}`;
    const pageSize = this.ctx.interactive ? this.ctx.terminalLength : 0;
    if (reply.stream) {
      // Paged big outputs are built whole (the pager needs lines); unpaged ones stream in chunks.
      if (pageSize > 0) text = reply.stream.read(0, reply.stream.size) + text;
      else if (!(await this.streamOut(reply.stream))) return this.showPrompt();
    }
    const wire = toWire(text, '\r\n');
    const lines = wire.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    if (OutputPager.needed(lines.length, pageSize)) {
      const pager = new OutputPager(lines, pageSize - 1);
      this.paging = { pager, reply };
      await this.write(pager.firstPage() + this.device.profile.pager.prompt);
      return;
    }
    await this.write(wire);
    await this.finish(reply);
  }

  private async pageKey(ch: string): Promise<void> {
    if (!this.paging) return;
    const step = this.paging.pager.key(ch);
    if (!step) return;
    const style = this.device.profile.pager;
    await this.write(style.erase + step.text);
    if (!step.done) return this.write(style.prompt);
    const reply = this.paging.reply;
    this.paging = undefined;
    await this.finish(reply);
  }

  private async finish(reply: CommandReply): Promise<void> {
    if (reply.endSession) {
      this.finished = true;
      this.terminal.close(0);
      return;
    }
    if (reply.question) {
      this.question = reply.question;
      this.editor.echo = reply.question.echo;
      return this.write(toWire(reply.question.prompt, '\r\n', false));
    }
    await this.showPrompt();
  }

  private async showPrompt(): Promise<void> {
    if (this.device.options.noPrompt || this.finished) return;
    const prompt = toWire(this.device.profile.prompt(this.ctx), '\r\n', false);
    this.ctx.promptWidth = prompt.length - (prompt.lastIndexOf('\n') + 1);
    await this.write(prompt);
  }

  /** Streams a large output; false when Ctrl-C stopped it. */
  private async streamOut(source: OutputSource): Promise<boolean> {
    for (let offset = 0; offset < source.size; offset += CHUNK) {
      if (this.interrupted || this.finished) return false;
      await this.write(source.read(offset, CHUNK));
      await yieldToIo();
    }
    return true;
  }

  /** Log lines without end, as a device with `debug all` on a terminal monitor. */
  private async flood(): Promise<void> {
    for (let n = 1; !this.interrupted && !this.finished && !this.terminal.closed; ) {
      const lines: string[] = [];
      for (let i = 0; i < FLOOD_LINES_PER_BATCH; i += 1, n += 1) {
        lines.push(`*${new Date().toISOString()}: %SIM-7-FLOOD: debug message ${n} from ${this.device.hostname}\r\n`);
      }
      await this.write(lines.join(''));
      await yieldToIo();
    }
  }

  /** The connection dies mid-output: some bytes, then the socket is destroyed. */
  private async drop(): Promise<void> {
    await this.write('\r\nBuilding configuration...\r\n');
    this.finished = true;
    this.terminal.drop();
  }

  /** Waits `ms`; false when Ctrl-C or a closed channel cut it short. */
  private delay(ms: number): Promise<boolean> {
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve(!this.interrupted && !this.finished);
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private armIdleTimer(): void {
    const seconds = this.device.options.idleTimeoutSec;
    if (seconds <= 0 || this.finished) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.finished = true;
      this.wake?.();
      this.terminal.close(0);
    }, seconds * 1000);
  }

  private async write(text: string): Promise<void> {
    if (text === '' || this.terminal.closed) return;
    await this.terminal.write(text);
  }
}

/** Device line ends; network CLIs end every output with a newline before the prompt. */
function toWire(text: string, newline: '\n' | '\r\n', terminate = true): string {
  if (text === '') return '';
  const converted = text.replace(/\r?\n/g, newline);
  return terminate && !converted.endsWith('\n') ? converted + newline : converted;
}

/** Lets socket I/O (and a client's Ctrl-C) in between chunks of a long output. */
function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
