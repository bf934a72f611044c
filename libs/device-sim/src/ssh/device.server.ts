import { createServer, Server as NetServer, Socket } from 'node:net';
import { AuthContext, Connection, ParsedKey, Server as SshServer, ServerChannel, Session } from 'ssh2';
import type { DeviceState } from '../device/device.state';
import { CliSession } from '../shell/cli.session';
import { AuthorizedKeys } from './authorized-keys';
import { ChannelTerminal } from './channel.terminal';
import { runScpSink, scpSinkPath } from './scp.sink';

const AUTH_METHODS: Array<'password' | 'publickey' | 'keyboard-interactive'> = ['password', 'publickey', 'keyboard-interactive'];

/**
 * The SSH face of one simulated device: the only place that speaks ssh2 (besides host keys). It
 * owns the TCP listener so it can refuse connections past `maxSessions` before the handshake and
 * kill a socket outright for the drop fault, authenticates, and hands shell and exec channels to
 * `CliSession`s.
 */
export class DeviceServer {
  private readonly authorizedKeys: AuthorizedKeys;
  private readonly listener: NetServer;
  private readonly sessions = new Set<CliSession>();
  private readonly sockets = new Map<string, Socket>();
  private readonly ssh: SshServer;

  constructor(
    private readonly device: DeviceState,
    hostKeys: readonly ParsedKey[],
  ) {
    this.authorizedKeys = new AuthorizedKeys(device.options.authorizedKeys);
    this.ssh = new SshServer({ hostKeys: hostKeys.map((key) => ({ key })), ident: device.profile.sshIdent }, (client, info) =>
      this.onClient(client, `${info.ip}:${info.port}`),
    );
    this.listener = createServer((socket) => this.onSocket(socket));
  }

  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.listener.once('error', reject);
      this.listener.listen({ exclusive: true, host, port }, () => {
        this.listener.off('error', reject);
        const address = this.listener.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  /** Stops listening and cuts every open connection. */
  close(): Promise<void> {
    for (const session of this.sessions) session.dispose();
    for (const socket of this.sockets.values()) socket.destroy();
    return new Promise((resolve) => this.listener.close(() => resolve()));
  }

  private onSocket(socket: Socket): void {
    const counters = this.device.counters;
    if (counters.sessionsOpen >= this.device.options.maxSessions) {
      counters.sessionsRejected += 1;
      socket.destroy();
      return;
    }
    const key = `${socket.remoteAddress ?? ''}:${socket.remotePort ?? 0}`;
    counters.sessionsOpen += 1;
    counters.sessionsTotal += 1;
    this.sockets.set(key, socket);
    socket.once('close', () => {
      counters.sessionsOpen -= 1;
      this.sockets.delete(key);
    });
    // ssh2 errors on a socket the client abandoned are routine for a device; keep the process up.
    socket.on('error', () => undefined);
    // A CLI trades many small packets: without this, Nagle + delayed ACK add ~40 ms per round trip.
    socket.setNoDelay(true);
    this.ssh.injectSocket(socket);
  }

  private onClient(client: Connection, socketKey: string): void {
    let username = '';
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      username = ctx.username;
      this.authenticate(ctx);
    });
    client.on('ready', () => {
      this.device.counters.logins += 1;
      client.on('session', (accept) => this.onSession(accept(), client, socketKey, username));
    });
  }

  private authenticate(ctx: AuthContext): void {
    const { options, counters } = this.device;
    const answer = (ok: boolean): void => {
      const reply = (): void => {
        try {
          if (ok) ctx.accept();
          else ctx.reject(AUTH_METHODS);
        } catch {
          // The client went away while we were "checking" the credentials.
        }
      };
      if (!ok) counters.authFailures += 1;
      if (options.loginDelayMs > 0) setTimeout(reply, options.loginDelayMs);
      else reply();
    };
    if (ctx.method === 'none') {
      ctx.reject(AUTH_METHODS);
      return;
    }
    if (options.failAuth || ctx.username !== options.username) return answer(false);
    switch (ctx.method) {
      case 'password':
        return answer(ctx.password === options.password);
      case 'publickey':
        // Clients ask about a key before signing with it; only a known key's question is free.
        if (!ctx.signature && this.authorizedKeys.accepts(ctx)) return ctx.accept();
        return answer(this.authorizedKeys.accepts(ctx));
      case 'keyboard-interactive':
        return ctx.prompt([{ echo: false, prompt: 'Password: ' }], (answers) => answer(answers[0] === options.password));
      case 'hostbased':
        return answer(false);
    }
  }

  private onSession(session: Session, client: Connection, socketKey: string, username: string): void {
    // A PTY changes nothing on a network CLI: the same echo, prompts and paging either way.
    session.on('pty', (accept: (() => void) | undefined) => accept?.());
    session.on('window-change', (accept: (() => void) | undefined) => accept?.());
    session.on('env', (accept: (() => void) | undefined) => accept?.());
    session.on('shell', (accept: () => ServerChannel) => {
      const cli = this.open(accept(), client, socketKey, username, true);
      void cli.start().catch(() => cli.dispose());
    });
    session.on('exec', (accept: () => ServerChannel, _reject, info: { command: string }) => {
      const upload = scpSinkPath(info.command);
      if (upload !== undefined) {
        this.device.counters.recordCommand(info.command.trim());
        const destination = this.device.profile.scpDestination?.(upload, this.device) ?? { error: 'SCP is not supported on this platform' };
        runScpSink(accept(), destination, (file, data) => this.device.files.set(file, data.toString('utf8')));
        return;
      }
      const cli = this.open(accept(), client, socketKey, username, false);
      void cli.exec(info.command).catch(() => cli.dispose());
    });
    session.on('subsystem', (_accept, reject: () => void) => reject());
    session.on('sftp', (_accept, reject: () => void) => reject());
  }

  private open(channel: ServerChannel, client: Connection, socketKey: string, username: string, shell: boolean): CliSession {
    const terminal = new ChannelTerminal(channel, {
      drop: () => this.sockets.get(socketKey)?.destroy(),
      // Devices close the connection when the CLI exits or times out; an exec channel leaves it open.
      ended: () => (shell ? client.end() : undefined),
    });
    const cli = new CliSession(this.device, terminal, username, shell);
    this.sessions.add(cli);
    channel.on('data', (data: Buffer) => cli.feed(data.toString('utf8')));
    channel.once('close', () => {
      cli.dispose();
      this.sessions.delete(cli);
    });
    return cli;
  }
}
