import { Client, ClientChannel, ConnectConfig, SFTPWrapper } from 'ssh2';
import type { Duplex } from 'node:stream';

/** How to open an SSH connection. Times are milliseconds. */
export interface SshConnectOptions {
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKey?: string | Buffer;
  passphrase?: string;
  /** Handshake + auth deadline. */
  readyTimeoutMs: number;
  /** SSH-level keepalive packets; 0 disables. */
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** ssh2 algorithm lists, for old devices (`disabled_algorithms`, legacy ciphers). */
  algorithms?: ConnectConfig['algorithms'];
  /** Answers keyboard-interactive prompts with the password (many network devices ask that way). */
  tryKeyboard?: boolean;
  /** Host key check: gets the raw key, returns true to accept. */
  hostVerifier?: (key: Buffer) => boolean;
  /** An already-open stream to the target (a jump host's forwarded channel). */
  sock?: Duplex;
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
  /** Called with each stdout chunk (interactive prompt handling). */
  onStdout?: (chunk: Buffer, channel: ClientChannel) => void;
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

export class SshError extends Error {
  constructor(
    message: string,
    readonly kind: 'connect' | 'auth' | 'timeout' | 'closed' | 'channel',
  ) {
    super(message);
    this.name = 'SshError';
  }
}

/**
 * The one adapter over ssh2's client: opening, exec channels, interactive shells, SFTP and forwarded
 * channels for jump hosts. Nothing outside `transport/` imports ssh2.
 */
export class SshConnection {
  private closed = false;
  private readonly closeListeners: (() => void)[] = [];

  private constructor(
    private readonly client: Client,
    readonly host: string,
    readonly port: number,
  ) {
    client.on('close', () => {
      this.closed = true;
      for (const l of this.closeListeners.splice(0)) l();
    });
    client.on('error', () => {
      this.closed = true;
    });
  }

  static open(opts: SshConnectOptions, signal?: AbortSignal): Promise<SshConnection> {
    return new Promise((resolve, reject) => {
      const client = new Client();
      let settled = false;
      const fail = (err: Error): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        client.end();
        client.destroy();
        reject(err);
      };
      const onAbort = (): void => fail(new SshError('connection attempt aborted', 'closed'));
      signal?.addEventListener('abort', onAbort, { once: true });
      client.on('ready', () => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        resolve(new SshConnection(client, opts.host, opts.port));
      });
      client.on('error', (err: Error & { level?: string; code?: string }) => fail(describe(err, opts)));
      client.on('close', () => fail(new SshError(`Connection to ${opts.host}:${opts.port} closed during login`, 'closed')));
      if (opts.tryKeyboard && opts.password !== undefined) {
        const pw = opts.password;
        client.on('keyboard-interactive', (_n, _i, _l, prompts, finish) => finish(prompts.map(() => pw)));
      }
      client.connect({
        host: opts.host,
        port: opts.port,
        username: opts.username,
        password: opts.password,
        privateKey: opts.privateKey,
        passphrase: opts.passphrase,
        readyTimeout: opts.readyTimeoutMs,
        keepaliveInterval: opts.keepaliveIntervalMs ?? 0,
        keepaliveCountMax: opts.keepaliveCountMax ?? 3,
        algorithms: opts.algorithms,
        tryKeyboard: opts.tryKeyboard ?? false,
        hostVerifier: opts.hostVerifier,
        sock: opts.sock as ConnectConfig['sock'],
      });
    });
  }

  /** The server's software version from its SSH identification line. */
  get remoteVersion(): string {
    const software = (this.client as unknown as { _remoteVer?: string })._remoteVer;
    return software ? `SSH-2.0-${software}` : 'SSH-2.0';
  }

  isAlive(): boolean {
    return !this.closed;
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  exec(command: string, opts: ExecOptions = {}): Promise<ExecOutput> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new SshError('SSH session is closed', 'closed'));
      this.client.exec(command, { pty: opts.pty ? { term: 'vt100', rows: 24, cols: 200 } : undefined }, (err, ch) => {
        if (err) return reject(new SshError(`Could not open a channel: ${err.message}`, 'channel'));
        const out: Buffer[] = [];
        const errOut: Buffer[] = [];
        let outBytes = 0;
        let truncated = false;
        let exitStatus: number | null = null;
        let exitSignal: string | null = null;
        let timedOut = false;
        let aborted = false;
        const max = opts.maxBytes ?? Number.MAX_SAFE_INTEGER;
        ch.on('data', (d: Buffer) => {
          opts.onStdout?.(d, ch);
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
        ch.stderr.on('data', (d: Buffer) => errOut.push(d));
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
          resolve({ stdout: Buffer.concat(out), stderr: Buffer.concat(errOut), exitStatus, exitSignal, truncated, timedOut, aborted });
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
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        ch.on('error', () => undefined);
        ch.on('close', finish);
        if (opts.stdin !== undefined) ch.write(opts.stdin);
        if (!opts.keepStdinOpen) ch.end();
      });
    });
  }

  /** An interactive shell with a PTY (network device CLIs). */
  shell(opts: { cols?: number; rows?: number; term?: string } = {}): Promise<ClientChannel> {
    return new Promise((resolve, reject) => {
      if (this.closed) return reject(new SshError('SSH session is closed', 'closed'));
      this.client.shell({ term: opts.term ?? 'vt100', cols: opts.cols ?? 511, rows: opts.rows ?? 24 }, (err, ch) =>
        err ? reject(new SshError(`Could not open a shell: ${err.message}`, 'channel')) : resolve(ch),
      );
    });
  }

  /** A TCP channel from the far side (jump host) to `host:port`. */
  forward(host: string, port: number): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      this.client.forwardOut('127.0.0.1', 0, host, port, (err, ch) =>
        err ? reject(new SshError(`Jump host could not reach ${host}:${port}: ${err.message}`, 'connect')) : resolve(ch),
      );
    });
  }

  sftp(): Promise<SFTPWrapper> {
    return new Promise((resolve, reject) => {
      this.client.sftp((err, sftp) => (err ? reject(new SshError(`Could not start SFTP: ${err.message}`, 'channel')) : resolve(sftp)));
    });
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.client.destroy();
        resolve();
      }, 1000);
      this.onClose(() => {
        clearTimeout(t);
        resolve();
      });
      this.client.end();
    });
  }
}

/** A readable message for a connection error, never carrying credentials. */
function describe(err: Error & { level?: string; code?: string }, opts: SshConnectOptions): SshError {
  const where = `${opts.host}:${opts.port}`;
  if (err.level === 'client-authentication') return new SshError(`Authentication failed for ${opts.username}@${where}`, 'auth');
  if (err.level === 'client-timeout' || /Timed out while waiting for handshake/i.test(err.message)) {
    return new SshError(`Timed out after ${opts.readyTimeoutMs / 1000}s connecting to ${where}`, 'timeout');
  }
  if (err.code === 'ECONNREFUSED') return new SshError(`Connection refused by ${where}`, 'connect');
  if (err.code === 'EHOSTUNREACH' || err.code === 'ENETUNREACH') return new SshError(`Host ${where} is unreachable`, 'connect');
  if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return new SshError(`Cannot resolve host ${opts.host}`, 'connect');
  return new SshError(`SSH connection to ${where} failed: ${err.message}`, 'connect');
}

export type { ClientChannel, SFTPWrapper };
