import { setTimeout as sleep } from 'node:timers/promises';
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import type { DeviceState } from '../device/device.state';
import { EapiCommand, EapiCommandRunner, EapiFormat } from './eapi-command.runner';
import { EapiCounters } from './eapi.counters';
import type { ResolvedEapiOptions } from './eapi.options';
import { SelfSignedCertificate } from './self-signed.certificate';

/** Largest request body accepted, bytes (EOS's nginx refuses more than a few MB too). */
const MAX_BODY = 16 * 1024 * 1024;
/** Idle keep-alive connections are closed after this long; Node's 5 s default would race clients. */
const KEEP_ALIVE_MS = 60_000;

type JsonRpcId = string | number | null;

/**
 * The eAPI face of one simulated device (`POST /command-api`, JSON-RPC 2.0 `runCmds`, HTTP Basic
 * auth), on plain HTTP and/or HTTPS at the device's own address. The only place in the simulator
 * that speaks HTTP; commands go through `EapiCommandRunner`, i.e. the SSH CLI's profile.
 */
export class EapiServer {
  readonly counters = new EapiCounters();
  private readonly runner: EapiCommandRunner;
  private readonly servers: Server[] = [];
  private readonly ports: { http: number | null; https: number | null } = { http: null, https: null };

  private constructor(
    private readonly device: DeviceState,
    /** PEM certificate the HTTPS endpoint serves; null without HTTPS. */
    readonly certificate: string | null,
  ) {
    this.runner = new EapiCommandRunner(device);
  }

  static async start(device: DeviceState, options: ResolvedEapiOptions): Promise<EapiServer> {
    const tls = options.httpsPort === null ? null : (options.tls ?? SelfSignedCertificate.create(device.host, device.hostname));
    const server = new EapiServer(device, tls?.cert ?? null);
    const handler = (req: IncomingMessage, res: ServerResponse): void => void server.onRequest(req, res);
    try {
      if (options.httpPort !== null) server.ports.http = await server.listen(createHttpServer(handler), options.httpPort);
      if (tls && options.httpsPort !== null) server.ports.https = await server.listen(createHttpsServer({ cert: tls.cert, key: tls.key }, handler), options.httpsPort);
    } catch (err) {
      await server.close();
      throw err;
    }
    return server;
  }

  /** Bound port of the plain-HTTP endpoint (the real one when 0 was asked for); null when off. */
  get httpPort(): number | null {
    return this.ports.http;
  }

  /** Bound port of the HTTPS endpoint; null when off. */
  get httpsPort(): number | null {
    return this.ports.https;
  }

  /** Stops listening and cuts every connection, idle keep-alive ones included. */
  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        (s) =>
          new Promise<void>((resolve) => {
            s.close(() => resolve());
            s.closeAllConnections();
          }),
      ),
    );
  }

  private listen(server: Server, port: number): Promise<number> {
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = KEEP_ALIVE_MS + 1000;
    server.on('connection', (socket: Socket) => {
      this.counters.connections += 1;
      socket.on('error', () => undefined);
    });
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ exclusive: true, host: this.device.host, port }, () => {
        server.off('error', reject);
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : port);
      });
    });
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counters.requests += 1;
    const { options } = this.device;
    if ((req.url ?? '').split('?')[0] !== '/command-api') return void plain(res, 404, 'Not Found');
    if (req.method !== 'POST') return void plain(res, 405, 'Method Not Allowed', { allow: 'POST' });
    const user = credentials(req.headers.authorization);
    const ok = !options.failAuth && user !== null && same(user.username, options.username) && same(user.password, options.password);
    if (options.loginDelayMs > 0) await sleep(options.loginDelayMs, undefined, { ref: false });
    if (!ok || user === null) {
      this.counters.authFailures += 1;
      // EOS answers 401 with this text; pyeapi surfaces it as a connection error.
      return void plain(res, 401, 'Unable to authenticate user: Bad username/password combination', { 'www-authenticate': 'Basic realm="eAPI"' });
    }
    this.counters.logins += 1;
    const body = await readBody(req);
    if (body === null) return void plain(res, 413, 'Request Entity Too Large');
    if (options.latencyMs > 0) await sleep(options.latencyMs, undefined, { ref: false });
    json(res, this.dispatch(body, user.username));
  }

  /** JSON-RPC 2.0: a parse or shape problem is a JSON-RPC error object, still HTTP 200. */
  private dispatch(body: string, username: string): Record<string, unknown> {
    let call: unknown;
    try {
      call = JSON.parse(body);
    } catch {
      return rpcError(null, -32700, 'Parse error');
    }
    if (!isObject(call)) return rpcError(null, -32600, 'Invalid Request');
    const id: JsonRpcId = typeof call.id === 'string' || typeof call.id === 'number' ? call.id : null;
    if (call.jsonrpc !== '2.0') return rpcError(id, -32600, "Invalid Request: jsonrpc must be '2.0'");
    if (call.method !== 'runCmds') return rpcError(id, -32601, `Method not found: ${String(call.method)}`);
    const params = call.params;
    if (!isObject(params)) return rpcError(id, -32602, 'Invalid params: params must be an object');
    if (params.version !== 1 && params.version !== 'latest') return rpcError(id, -32602, "Invalid params: version must be 1 or 'latest'");
    const format = params.format ?? 'json';
    if (format !== 'json' && format !== 'text') return rpcError(id, -32602, "Invalid params: format must be 'json' or 'text'");
    const cmds = commandsOf(params.cmds);
    if (!cmds) return rpcError(id, -32602, 'Invalid params: cmds must be a list of commands or {cmd, input} objects');
    const outcome = this.runner.run(cmds, format as EapiFormat, username);
    if (outcome.kind === 'error') return { error: outcome.error, id, jsonrpc: '2.0' };
    return { id, jsonrpc: '2.0', result: outcome.result };
  }
}

function commandsOf(value: unknown): EapiCommand[] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const out: EapiCommand[] = [];
  for (const item of value) {
    if (typeof item === 'string') out.push(item);
    else if (isObject(item) && typeof item.cmd === 'string' && (item.input === undefined || typeof item.input === 'string')) out.push({ cmd: item.cmd, input: item.input });
    else return null;
  }
  return out;
}

function credentials(header: string | undefined): { username: string; password: string } | null {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return null;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = text.indexOf(':');
  return colon < 0 ? null : { password: text.slice(colon + 1), username: text.slice(0, colon) };
}

/** Constant-time comparison, so the simulator does not teach clients timing habits a device would punish. */
function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

function rpcError(id: JsonRpcId, code: number, message: string): Record<string, unknown> {
  return { error: { code, message }, id, jsonrpc: '2.0' };
}

function json(res: ServerResponse, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-length': Buffer.byteLength(text), 'content-type': 'application/json' });
  res.end(text);
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(text), 'content-type': 'text/plain' });
  res.end(text);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Unref'd: a request still "thinking" must not keep a test process alive after the device stopped. */
