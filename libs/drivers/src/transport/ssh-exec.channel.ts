import type { Client, ClientChannel } from 'ssh2';
import { SshError } from './ssh.error';
import { GrowableBuffer } from './growable.buffer';

/** The command's stdin while it runs (interactive answers: sudo password, expect replies). */
export interface ExecInput {
  write(data: string | Buffer): void;
  /** Sends EOF on stdin. */
  end(): void;
}

export interface ExecOptions {
  pty?: boolean;
  /** Bytes written to stdin, then stdin is closed. */
  stdin?: string | Buffer;
  /** Keep stdin open after writing `stdin` (interactive use). */
  keepStdinOpen?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Stop collecting stdout past this many bytes (the command still runs to its end). */
  maxBytes?: number;
  /** Called once the channel is open, before any output. */
  onStart?: (input: ExecInput) => void;
  /** Called with each stdout chunk (interactive prompt handling). */
  onStdout?: (chunk: Buffer, input: ExecInput) => void;
  /** Called with each stderr chunk. */
  onStderr?: (chunk: Buffer, input: ExecInput) => void;
}

export interface ExecOutput {
  stdout: Buffer;
  stderr: Buffer;
  /** Remote exit status; null when the channel closed without one (killed, timed out). */
  exitStatus: number | null;
  exitSignal: string | null;
  truncated: boolean;
  timedOut: boolean;
  aborted: boolean;
}

/** Runs one command on its own exec channel of `client`; see SshConnection.exec. */
export function execOnChannel(client: Client, command: string, opts: ExecOptions): Promise<ExecOutput> {
  return new Promise((resolve, reject) => {
    client.exec(command, { pty: opts.pty ? { term: 'vt100', rows: 24, cols: 200 } : undefined }, (err, ch) => {
      if (err) return reject(new SshError(`Could not open a channel: ${err.message}`, 'channel'));
      const input = inputOf(ch);
      const max = opts.maxBytes ?? Number.MAX_SAFE_INTEGER;
      const out = new GrowableBuffer(max);
      const errOut: Buffer[] = [];
      let outBytes = 0;
      let truncated = false;
      let exitStatus: number | null = null;
      let exitSignal: string | null = null;
      let timedOut = false;
      let aborted = false;
      ch.on('data', (d: Buffer) => {
        opts.onStdout?.(d, input);
        if (outBytes >= max) {
          truncated = true;
          return;
        }
        const room = max - outBytes;
        if (d.length > room) truncated = true;
        const part = d.length > room ? d.subarray(0, room) : d;
        out.push(part);
        outBytes += part.length;
      });
      ch.stderr.on('data', (d: Buffer) => {
        opts.onStderr?.(d, input);
        errOut.push(d);
      });
      ch.on('exit', (code: number | null, sig?: string) => {
        exitStatus = code ?? null;
        exitSignal = sig ?? null;
      });
      let settled = false;
      let hardStop: NodeJS.Timeout | null = null;
      const finish = (): void => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        if (hardStop) clearTimeout(hardStop);
        opts.signal?.removeEventListener('abort', onAbort);
        resolve({ stdout: out.bytes(), stderr: Buffer.concat(errOut), exitStatus, exitSignal, truncated, timedOut, aborted });
      };
      const interrupt = (): void => {
        // Ctrl-C for PTY programs, SIGINT for the rest, then SIGKILL; sshd holds a session channel open
        // until its process ends, so after a grace period we stop waiting and the caller drops the session.
        try {
          if (opts.pty && !ch.writableEnded) ch.write('\x03');
          ch.signal('INT');
        } catch {
          // channel already gone
        }
        hardStop = setTimeout(() => {
          try {
            ch.signal('KILL');
            ch.close();
          } catch {
            // channel already gone
          }
          hardStop = setTimeout(finish, 1000);
        }, 1000);
      };
      const timer = opts.timeoutMs
        ? setTimeout(() => {
            timedOut = true;
            interrupt();
          }, opts.timeoutMs)
        : null;
      const onAbort = (): void => {
        aborted = true;
        interrupt();
      };
      if (opts.signal?.aborted) onAbort();
      else opts.signal?.addEventListener('abort', onAbort, { once: true });
      ch.on('error', () => undefined);
      ch.on('close', finish);
      opts.onStart?.(input);
      if (opts.stdin !== undefined) ch.write(opts.stdin);
      if (!opts.keepStdinOpen) ch.end();
    });
  });
}

/** Writes after EOF or after the channel closed are dropped instead of raising. */
function inputOf(ch: ClientChannel): ExecInput {
  return {
    write: (data) => {
      if (!ch.writableEnded && !ch.destroyed) ch.write(data);
    },
    end: () => {
      if (!ch.writableEnded && !ch.destroyed) ch.end();
    },
  };
}
