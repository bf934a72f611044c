import { Client, ClientChannel, ConnectConfig, SFTPWrapper } from 'ssh2';
import type { Duplex } from 'node:stream';
import { execOnChannel, ExecOptions, ExecOutput } from './ssh-exec.channel';
import { loadPrivateKey, SSH2_KEY_ERROR } from './private-key.loader';
import { SftpSession } from './sftp.session';
import { SshError } from './ssh.error';

export { SshError } from './ssh.error';
export type { ExecInput, ExecOptions, ExecOutput } from './ssh-exec.channel';

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
  /**
   * Asynchronous host key check (takes precedence over `hostVerifier`): resolves null to accept the
   * raw key, or the reason to refuse it, which becomes the connect error's message.
   */
  hostKeyCheck?: (key: Buffer) => Promise<string | null>;
  /** An already-open stream to the target (a jump host's forwarded channel). */
  sock?: Duplex;
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
      let privateKey: string | Buffer | undefined;
      try {
        privateKey = opts.privateKey === undefined ? undefined : loadPrivateKey(opts.privateKey, opts.passphrase);
      } catch (err) {
        return reject(err);
      }
      const client = new Client();
      let settled = false;
      // Set when our host key check refused the key: ssh2 then only says "Host denied".
      let hostKeyRefusal: string | null = null;
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
      client.on('error', (err: Error & { level?: string; code?: string }) =>
        fail(hostKeyRefusal !== null ? new SshError(hostKeyRefusal, 'hostkey') : describe(err, opts)),
      );
      client.on('close', () => fail(new SshError(`Connection to ${opts.host}:${opts.port} closed during login`, 'closed')));
      if (opts.tryKeyboard && opts.password !== undefined) {
        const pw = opts.password;
        client.on('keyboard-interactive', (_n, _i, _l, prompts, finish) => finish(prompts.map(() => pw)));
      }
      const check = opts.hostKeyCheck;
      const hostVerifier = check
        ? (key: Buffer, verify: (valid: boolean) => void): void => {
            check(key).then(
              (reason) => {
                hostKeyRefusal = reason;
                verify(reason === null);
              },
              (err: unknown) => {
                hostKeyRefusal = `Host key check for ${opts.host}:${opts.port} failed: ${err instanceof Error ? err.message : String(err)}`;
                verify(false);
              },
            );
          }
        : opts.hostVerifier;
      try {
        client.connect({
          host: opts.host,
          port: opts.port,
          username: opts.username,
          password: opts.password,
          privateKey,
          passphrase: opts.passphrase,
          readyTimeout: opts.readyTimeoutMs,
          keepaliveInterval: opts.keepaliveIntervalMs ?? 0,
          keepaliveCountMax: opts.keepaliveCountMax ?? 3,
          algorithms: opts.algorithms,
          tryKeyboard: opts.tryKeyboard ?? false,
          authHandler: authOrder(opts.username, opts.password, privateKey, opts.passphrase, opts.tryKeyboard ?? false),
          hostVerifier,
          sock: opts.sock as ConnectConfig['sock'],
        });
      } catch (err) {
        // ssh2 parses the key inside connect() and throws synchronously when it cannot.
        const message = err instanceof Error ? err.message : String(err);
        return fail(message.startsWith(SSH2_KEY_ERROR) ? new SshError(`The private key cannot be used: ${message.slice(SSH2_KEY_ERROR.length)}`, 'auth') : describe(err as Error, opts));
      }
      // Interactive CLIs trade many small packets: without this, Nagle + delayed ACK add ~40 ms per round trip.
      client.setNoDelay(true);
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

  /**
   * Runs one command on its own exec channel: real exit status, stdout/stderr apart. Times out or
   * aborts with Ctrl-C/SIGINT, then SIGKILL and a channel close.
   */
  exec(command: string, opts: ExecOptions = {}): Promise<ExecOutput> {
    if (this.closed) return Promise.reject(new SshError('SSH session is closed', 'closed'));
    return execOnChannel(this.client, command, opts);
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

  /** An SFTP session on its own channel; end it when done. */
  async openSftp(): Promise<SftpSession> {
    return new SftpSession(await this.sftp());
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

/**
 * One login attempt per credential: key, then password, and keyboard-interactive only when the server
 * does not take passwords. (ssh2's default also tries keyboard-interactive after a refused password,
 * which a TACACS/RADIUS server counts as a second failure towards locking the account.)
 */
function authOrder(username: string, password: string | undefined, privateKey: string | Buffer | undefined, passphrase: string | undefined, tryKeyboard: boolean): ConnectConfig['authHandler'] {
  const tried = new Set<string>();
  return (methodsLeft, _partial, next) => {
    const offers = (m: string): boolean => methodsLeft === null || methodsLeft === undefined || methodsLeft.includes(m as never);
    if (privateKey !== undefined && !tried.has('publickey') && offers('publickey')) {
      tried.add('publickey');
      // By name: ssh2 then uses the key it already parsed in connect(), instead of running an
      // encrypted key's bcrypt KDF a second time.
      return next('publickey');
    }
    if (password !== undefined && !tried.has('password') && !tried.has('keyboard-interactive')) {
      if (offers('password')) {
        tried.add('password');
        return next({ type: 'password', username, password });
      }
      if (tryKeyboard && offers('keyboard-interactive')) {
        tried.add('keyboard-interactive');
        return next({ type: 'keyboard-interactive', username, prompt: (_n, _i, _l, prompts, finish) => finish(prompts.map(() => password)) });
      }
    }
    if (!tried.has('none') && tried.size === 0) {
      tried.add('none');
      return next({ type: 'none', username });
    }
    return next(false as never);
  };
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
