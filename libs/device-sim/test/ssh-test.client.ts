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
  readonly closed: Promise<void>;
  /** Received text not yet consumed by `readUntil`, in arrival chunks. */
  private chunks: string[] = [];
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
      // Later errors (the device going away at the end of a test) must not surface as uncaught.
      client.on('error', () => undefined);
      client.once('error', (err) => {
        client.end();
        reject(err);
      });
      client.once('close', () => reject(new Error('closed before ready')));
      client.connect(config);
    });
  }

  static async shell(login: TestLogin): Promise<SshTestClient> {
    const client = await SshTestClient.connectRaw(login);
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
    // A string needle is searched chunk by chunk (with overlap), so megabytes stay linear.
    let checked = 0;
    let carry = '';
    let carryStart = 0;
    for (;;) {
      if (typeof pattern === 'string') {
        for (; checked < this.chunks.length; checked += 1) {
          const hay = carry + this.chunks[checked];
          const index = hay.indexOf(pattern);
          if (index !== -1) return this.consume(carryStart + index + pattern.length);
          const keep = Math.min(hay.length, pattern.length - 1);
          carryStart += hay.length - keep;
          carry = hay.slice(hay.length - keep);
        }
      } else {
        const m = pattern.exec(this.buffer);
        if (m) return this.consume(m.index + m[0].length);
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
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([this.closed.then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  end(): void {
    this.client.end();
  }

  /** Everything received and not yet consumed by `readUntil`. */
  get buffer(): string {
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }

  private consume(end: number): string {
    const all = this.buffer;
    this.chunks = [all.slice(end)];
    return all.slice(0, end);
  }

  private receive(text: string): void {
    this.chunks.push(text);
    this.notify();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
