import { Agent as HttpAgent, ClientRequest, IncomingHttpHeaders, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { GrowableBuffer } from '../transport/growable.buffer';
import { HttpError } from './http.error';

/** TLS settings of an HTTPS device API (PEM contents; the driver reads any files, from `security.key_root`). */
export interface HttpTlsOptions {
  /**
   * Check the device's certificate chain and name. Off, the connection is encrypted but the device
   * is not authenticated: anyone on the path can impersonate it and read the credentials.
   */
  readonly verify: boolean;
  /** PEM of the CA (or the self-signed certificate) to trust instead of the system CAs. */
  readonly ca?: Buffer;
  /** PEM client certificate, for devices that authenticate clients by certificate. */
  readonly cert?: Buffer;
  /** PEM private key of `cert`. */
  readonly key?: Buffer;
}

export interface HttpTransportOptions {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  /** Limit of one whole exchange (connect, send, read the answer), milliseconds. */
  readonly timeoutMs: number;
  /** HTTPS only. Default: no verification, no client certificate. */
  readonly tls?: HttpTlsOptions;
}

export interface HttpRequestOptions {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Aborts the exchange (job stopped or out of time). */
  readonly signal?: AbortSignal;
  /** Overrides the transport's `timeoutMs` for this exchange. */
  readonly timeoutMs?: number;
  /** Largest answer body accepted, bytes. Default 256 MiB. */
  readonly maxBytes?: number;
}

export interface HttpResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  /** The answer's bytes (a reader that is done with them may drop them: a large answer is then held once). */
  body: Buffer;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/** Certificate problems Node reports by OpenSSL's verify code rather than an `ERR_TLS_*` code. */
const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|EPROTO$|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|HOSTNAME_MISMATCH)/;

/**
 * The one adapter over outbound HTTP(S) to device APIs: nothing else in the drivers calls
 * `node:http`, `node:https` or `fetch`. One transport is one device endpoint with its own keep-alive
 * agent (one socket), so a driver session that owns a transport reuses its TCP and TLS connection
 * across requests; `close()` destroys the agent and with it the connection.
 */
export class HttpTransport {
  private readonly agent: HttpAgent;
  private closedFlag = false;

  constructor(private readonly options: HttpTransportOptions) {
    if (options.scheme === 'https') {
      const tls = options.tls ?? { verify: false };
      this.agent = new HttpsAgent({
        keepAlive: true,
        maxSockets: 1,
        rejectUnauthorized: tls.verify,
        ca: tls.ca,
        cert: tls.cert,
        key: tls.key,
      });
    } else {
      this.agent = new HttpAgent({ keepAlive: true, maxSockets: 1 });
    }
  }

  /** `host:port`, for messages. */
  get endpoint(): string {
    return `${this.options.host}:${this.options.port}`;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /**
   * One exchange. A keep-alive socket the device closed while idle is retried once on a fresh
   * one (Node's documented pattern): the request never reached the device.
   * @throws HttpError classified by kind; never resolves on a dead socket
   */
  async request(req: HttpRequestOptions): Promise<HttpResponse> {
    if (this.closedFlag) throw new HttpError('connect', `The HTTP session to ${this.endpoint} is closed`);
    try {
      return await this.exchange(req);
    } catch (err) {
      if (err instanceof StaleSocketError) return this.exchange(req);
      throw err;
    }
  }

  close(): void {
    this.closedFlag = true;
    this.agent.destroy();
  }

  private exchange(req: HttpRequestOptions): Promise<HttpResponse> {
    const { host, port, scheme } = this.options;
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs;
    const maxBytes = req.maxBytes ?? DEFAULT_MAX_BYTES;
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined) headers['content-length'] = Buffer.byteLength(req.body);
    return new Promise<HttpResponse>((resolve, reject) => {
      let settled = false;
      const finish = (err: Error | null, res?: HttpResponse): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        if (err) reject(err);
        else if (res) resolve(res);
      };
      const open = scheme === 'https' ? httpsRequest : httpRequest;
      const call: ClientRequest = open({ agent: this.agent, headers, host, method: req.method, path: req.path, port }, (res) => this.read(res, maxBytes, cutOff, finish));
      // Settle first, then tear down: the socket's own errors after that have nobody to tell.
      const cutOff = (err: HttpError): void => {
        finish(err);
        call.destroy();
      };
      const timer = setTimeout(() => cutOff(new HttpError('timeout', `No complete answer from ${this.endpoint} within ${timeoutMs / 1000}s`)), timeoutMs);
      const onAbort = (): void => cutOff(new HttpError('aborted', `Request to ${this.endpoint} aborted`));
      if (req.signal?.aborted) onAbort();
      req.signal?.addEventListener('abort', onAbort, { once: true });
      call.on('error', (err: NodeJS.ErrnoException) => {
        if (call.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) return finish(new StaleSocketError());
        finish(this.classify(err));
      });
      call.end(req.body);
    });
  }

  private read(res: IncomingMessage, maxBytes: number, cutOff: (err: HttpError) => void, finish: (err: Error | null, res?: HttpResponse) => void): void {
    // One buffer the chunks are copied into as they come (no list of chunks concatenated at the end,
    // which would hold a large answer twice).
    const body = new GrowableBuffer(maxBytes);
    res.on('data', (chunk: Buffer) => {
      if (body.length + chunk.length > maxBytes) cutOff(new HttpError('too_large', `The answer of ${this.endpoint} is larger than ${maxBytes} bytes`));
      else body.push(chunk);
    });
    res.on('error', (err: NodeJS.ErrnoException) => finish(this.classify(err)));
    res.on('end', () => finish(null, { body: body.bytes(), headers: res.headers, status: res.statusCode ?? 0, statusText: res.statusMessage ?? '' }));
  }

  private classify(err: NodeJS.ErrnoException): HttpError {
    if (err instanceof HttpError) return err;
    const code = err.code ?? '';
    const at = this.endpoint;
    if (TLS_CODES.test(code)) return new HttpError('tls', `TLS with ${at} failed: ${err.message}`, code);
    switch (code) {
      case 'ECONNREFUSED':
        return new HttpError('connect', `Connection refused by ${at}`, code);
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
        return new HttpError('connect', `Cannot resolve ${this.options.host}: ${code}`, code);
      case 'ETIMEDOUT':
        return new HttpError('timeout', `Connection to ${at} timed out`, code);
      default:
        return new HttpError('connect', `HTTP exchange with ${at} failed: ${err.message}`, code || undefined);
    }
  }
}

/** A keep-alive socket that died while idle: safe to retry once. */
class StaleSocketError extends Error {}
