import { Client, ClientChannel, ConnectConfig } from 'ssh2';

/** How tests log in to a simulated device. */
export interface TestLogin {
  host: string;
  password?: string;
  port: number;
  privateKey?: string;
  /** Ask for a PTY with the shell (what netmiko does). Default true. */
  pty?: boolean;
  tryKeyboard?: boolean;
  username?: string;
}

/** Result of an SSH `exec` request. */
export interface ExecResult {
  code: number | undefined;
  stderr: string;
  stdout: string;
}

/**
 * A real ssh2 client driving a simulated device's shell the way a screen-scraping driver does:
 * write a line, read until a pattern. Test-only.
 */
export class SshTestClient {
  /** Everything received and not yet consumed by `readUntil`. */
  buffer = '';
  readonly closed: Promise<void>;
  private waiters: Array<() => void> = [];

  private constructor(
    readonly client: Client,
    private readonly channel: ClientChannel,
  ) {
    channel.on('data', (data: Buffer) => this.receive(data.toString('utf8')));
    channel.stderr.on('data', (data: Buffer) => this.receive(data.toString('utf8')));
    this.closed = new Promise((resolve) => client.once('close', () => resolve()));
    void this.closed.then(() => this.notify());
  }

  static connectRaw(login: TestLogin): Promise<Client> {
    const config: ConnectConfig = {
      host: login.host,
      password: login.password ?? (login.privateKey ? undefined : 'admin'),
      port: login.port,
      privateKey: login.privateKey,
      readyTimeout: 5000,
      tryKeyboard: login.tryKeyboard,
      username: login.username ?? 'admin',
    };
    return new Promise((resolve, reject) => {
      const client = new Client();
      client.once('ready', () => resolve(client));
      client.once('error', reject);
      client.once('close', () => reject(new Error('closed before ready')));
      client.connect(config);
    });
  }

  static async shell(login: TestLogin): Promise<SshTestClient> {
    const client = await SshTestClient.connectRaw(login);
    client.on('error', () => undefined);
    const channel = await new Promise<ClientChannel>((resolve, reject) => {
      const done = (err: Error | undefined, ch: ClientChannel): void => (err ? reject(err) : resolve(ch));
      if (login.pty === false) client.shell(false, done);
      else client.shell({ cols: 200, rows: 24, term: 'vt100' }, done);
    });
    return new SshTestClient(client, channel);
  }

  static async exec(login: TestLogin, command: string): Promise<ExecResult> {
    const client = await SshTestClient.connectRaw(login);
    try {
      return await new Promise<ExecResult>((resolve, reject) => {
        client.exec(command, (err, channel) => {
          if (err) return reject(err);
          const result: ExecResult = { code: undefined, stderr: '', stdout: '' };
          channel.on('data', (d: Buffer) => (result.stdout += d.toString('utf8')));
          channel.stderr.on('data', (d: Buffer) => (result.stderr += d.toString('utf8')));
          channel.on('exit', (code: number | null) => (result.code = code ?? undefined));
          channel.on('close', () => resolve(result));
        });
      });
    } finally {
      client.end();
    }
  }

  write(text: string): void {
    this.channel.write(text);
  }

  /** Consumes and returns the buffer up to and including the first match of `pattern`. */
  async readUntil(pattern: RegExp | string, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = typeof pattern === 'string' ? indexOf(this.buffer, pattern) : pattern.exec(this.buffer);
      if (m) {
        const end = m.index + m[0].length;
        const out = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end);
        return out;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${String(pattern)}; buffer: ${JSON.stringify(this.buffer.slice(-400))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Sends a line and returns what came back up to the next match of `prompt`. */
  async command(line: string, prompt: RegExp | string, timeoutMs = 5000): Promise<string> {
    this.write(`${line}\n`);
    return this.readUntil(prompt, timeoutMs);
  }

  /** Resolves true when the connection closes within `timeoutMs`. */
  async closesWithin(timeoutMs: number): Promise<boolean> {
    return Promise.race([this.closed.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs))]);
  }

  end(): void {
    this.client.end();
  }

  private receive(text: string): void {
    this.buffer += text;
    this.notify();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

function indexOf(text: string, needle: string): { 0: string; index: number } | null {
  const index = text.indexOf(needle);
  return index === -1 ? null : { 0: needle, index };
}
