import type { ExecInput, ExecOptions, SshConnection } from '../transport/ssh.connection';
import { ExpectPromptWatcher } from './expect-prompt.watcher';
import { SudoExchange } from './sudo.exchange';

/** One command as the paramiko session runs it. Times are milliseconds. */
export interface ShellRunSpec {
  /** The shell line, environment and directory already applied, not yet wrapped in sudo. */
  line: string;
  pty: boolean;
  /** Run under `sudo -S`, answering its prompt with `sudoPassword` (null: no password to give). */
  sudo: boolean;
  sudoPassword: string | null;
  /** The command's stdin, closed after writing (after sudo authenticated, under sudo). */
  stdin?: string | Buffer;
  /** Interactive prompts to answer (forces a PTY); `idleMs` is how long unchanged output means stuck. */
  expect?: { map: Record<string, string>; idleMs: number } | null;
  timeoutMs?: number;
  signal: AbortSignal;
  maxBytes: number;
}

export interface ShellRunOutput {
  stdout: Buffer;
  stderr: Buffer;
  /** The remote exit status; -1 when the command was killed, timed out or was stuck at a prompt. */
  exitStatus: number;
  truncated: boolean;
  timedOut: boolean;
  /** Expect mode: output stopped changing with no prompt matched. */
  stuck: boolean;
  aborted: boolean;
  /** Our explanation of an abnormal end, for stderr. */
  note: string | null;
}

/**
 * Runs shell lines over exec channels with what the paramiko driver adds on top of a plain exec:
 * sudo's password exchange (never echoed into results) and expect-style prompt answering.
 */
export class ShellCommandRunner {
  constructor(private readonly conn: SshConnection) {}

  async run(spec: ShellRunSpec): Promise<ShellRunOutput> {
    const pty = spec.pty || Boolean(spec.expect);
    const interactive = Boolean(spec.expect);
    const giveStdin = (input: ExecInput): void => {
      if (spec.stdin !== undefined) input.write(spec.stdin);
      if (!interactive) input.end();
    };
    const sudo = spec.sudo ? new SudoExchange(spec.sudoPassword, pty, giveStdin) : null;
    const stuck = new AbortController();
    const watcher = spec.expect ? new ExpectPromptWatcher(spec.expect.map, spec.expect.idleMs, () => stuck.abort()) : null;
    const opts: ExecOptions = {
      pty,
      timeoutMs: spec.timeoutMs,
      signal: watcher ? AbortSignal.any([spec.signal, stuck.signal]) : spec.signal,
      maxBytes: spec.maxBytes,
      keepStdinOpen: true,
      onStart: (input) => {
        watcher?.start();
        if (!sudo) giveStdin(input);
      },
      onStdout: (chunk, input) => {
        sudo?.observe('stdout', chunk, input);
        watcher?.output(chunk, input);
      },
      onStderr: (chunk, input) => sudo?.observe('stderr', chunk, input),
    };
    const out = await this.conn.exec(sudo ? sudo.wrap(spec.line) : spec.line, opts).finally(() => watcher?.stop());
    const wasStuck = stuck.signal.aborted && !spec.signal.aborted;
    let note: string | null = null;
    if (out.timedOut) note = `Command timed out after ${(spec.timeoutMs ?? 0) / 1000}s${pty ? '; sent Ctrl-C' : ''}`;
    else if (wasStuck) note = `No expect_map prompt matched and the output did not change for ${(spec.expect?.idleMs ?? 0) / 1000}s; sent Ctrl-C`;
    const abnormal = wasStuck || (interactive && out.timedOut);
    return {
      stdout: sudo ? sudo.clean(out.stdout, 'stdout') : out.stdout,
      stderr: sudo ? sudo.clean(out.stderr, 'stderr') : out.stderr,
      exitStatus: abnormal || out.exitStatus === null ? -1 : out.exitStatus,
      truncated: out.truncated,
      timedOut: out.timedOut,
      stuck: wasStuck,
      aborted: out.aborted && !wasStuck,
      note,
    };
  }
}
