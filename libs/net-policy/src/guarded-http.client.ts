import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { IncomingHttpHeaders, IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CidrList } from './cidr.list';
import { OutboundHttpError } from './outbound-http.error';
import { OutboundTargetRefusedError } from './outbound-target-refused.error';

/** A request body sent as it is read, one part at a time as the socket takes it (a large webhook body). */
export interface StreamedBody {
  /** Bytes in all: sent as `Content-Length`. */
  readonly length: number;
  parts(): AsyncIterable<Buffer>;
}

export interface OutboundRequest {
  /** `http://` or `https://` URL. Userinfo (`user:pass@`) becomes a Basic `Authorization` header. */
  readonly url: string;
  /** Default `GET`. */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as is, with its `Content-Length`; allowed for every method, GET included. */
  readonly body?: Buffer | StreamedBody;
  /** Limit for the whole exchange (DNS, connect, send, answer), milliseconds. */
  readonly timeoutMs: number;
  /** Cap on the answer body, bytes. Past it: an error, or, with `truncateBody`, the bytes read so far. */
  readonly maxResponseBytes: number;
  /** Stop reading at the cap instead of failing (a webhook answer's body is not used). Default false. */
  readonly truncateBody?: boolean;
}

export interface OutboundResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Resolves a host name to every address it has (A and AAAA). */
export type HostLookup = (host: string) => Promise<readonly LookupAddress[]>;

const systemLookup: HostLookup = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * The one adapter over outbound HTTP (template URLs, webhooks). Every address a host resolves to must
 * be inside the allowlist, and the socket connects to exactly those checked addresses (the lookup is
 * pinned), so a DNS answer that changes between check and connect cannot reach a refused network.
 * `fetch` is not used: it re-resolves on connect and refuses a body on GET, which webhooks send.
 * Redirects are not followed here; a caller that follows them sends each hop through this check again.
 */
export class GuardedHttpClient {
  private readonly label: string;
  private readonly deniedPorts: ReadonlySet<number>;

  /**
   * @param allowed   networks a URL may reach
   * @param lookupAll DNS (tests pass a fake one)
   * @param options   `label`: the config key named in refusals (default `security.allowed_targets`);
   *   `deniedPorts`: ports never contacted whatever the host (the system's own API and metrics ports)
   */
  constructor(
    private readonly allowed: CidrList,
    private readonly lookupAll: HostLookup = systemLookup,
    options: { readonly label?: string; readonly deniedPorts?: readonly number[] } = {},
  ) {
    this.label = options.label ?? 'security.allowed_targets';
    this.deniedPorts = new Set(options.deniedPorts ?? []);
  }

  /**
   * @throws OutboundTargetRefusedError when the host resolves (even partly) outside the allowlist
   * @throws OutboundHttpError for a bad URL, DNS failure, network error, timeout or oversize answer
   */
  async request(req: OutboundRequest): Promise<OutboundResponse> {
    const url = this.allowedUrl(req.url);
    const signal = AbortSignal.timeout(req.timeoutMs);
    const addresses = await this.resolveAllowed(url.hostname, signal, req.timeoutMs);
    return exchange(url, addresses, req, signal);
  }

  /**
   * The same checks as {@link request} (URL, port, every resolved address) without sending anything:
   * a request is refused when it is submitted, and checked again when the URL is fetched.
   * @throws OutboundTargetRefusedError, OutboundHttpError (bad URL, DNS failure)
   */
  async check(text: string, timeoutMs = 5000): Promise<void> {
    const url = this.allowedUrl(text);
    await this.resolveAllowed(url.hostname, AbortSignal.timeout(timeoutMs), timeoutMs);
  }

  private allowedUrl(text: string): URL {
    const url = parseHttpUrl(text);
    const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    if (this.deniedPorts.has(port)) throw new OutboundTargetRefusedError(url.hostname, [], this.allowed.toString(), this.label, port);
    return url;
  }

  /** Resolves a host and checks every address against the allowlist (also for device targets). */
  async resolveAllowed(hostname: string, signal?: AbortSignal, timeoutMs = 0): Promise<readonly LookupAddress[]> {
    const host = hostname.replace(/^\[(.*)\]$/, '$1');
    let addresses: readonly LookupAddress[];
    try {
      addresses = await abortable(this.lookupAll(host), signal);
    } catch (err) {
      if (signal?.aborted) throw new OutboundHttpError('timeout', `resolving ${host} took more than ${timeoutMs} ms`);
      throw new OutboundHttpError('dns', `cannot resolve ${host}: ${(err as NodeJS.ErrnoException).code ?? messageOf(err)}`);
    }
    const refused = addresses.filter((a) => !this.allowed.contains(a.address));
    if (addresses.length === 0 || refused.length > 0) {
      throw new OutboundTargetRefusedError(host, refused.map((a) => a.address), this.allowed.toString(), this.label);
    }
    return addresses;
  }
}

function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundHttpError('bad_url', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundHttpError('bad_url', `only http:// and https:// URLs are fetched, not ${url.protocol}//`);
  }
  return url;
}

function exchange(url: URL, addresses: readonly LookupAddress[], req: OutboundRequest, signal: AbortSignal): Promise<OutboundResponse> {
  const headers: Record<string, string> = { ...req.headers };
  if (url.username !== '' || url.password !== '') {
    const basic = Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64');
    headers.authorization = `Basic ${basic}`;
  }
  if (req.body !== undefined) headers['content-length'] = String(req.body.length);
  return new Promise<OutboundResponse>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const clientRequest = send(
      url,
      { method: req.method ?? 'GET', headers, agent: false, lookup: pinnedLookup(addresses), signal, auth: undefined },
      (res) => {
        readBody(res, req, signal).then(resolve, reject);
      },
    );
    clientRequest.on('error', (err) => {
      if (signal.aborted) reject(new OutboundHttpError('timeout', `no answer within ${req.timeoutMs} ms`));
      else reject(new OutboundHttpError('network', `connection failed: ${(err as NodeJS.ErrnoException).code ?? messageOf(err)}`));
    });
    const body = req.body;
    if (body === undefined || Buffer.isBuffer(body)) return void clientRequest.end(body);
    // One part ahead at most; a body that cannot be read to its end (its source went away) cuts the request.
    pipeline(Readable.from(body.parts(), { highWaterMark: 1 }), clientRequest).catch((err: unknown) => {
      clientRequest.destroy();
      reject(new OutboundHttpError('network', `the request body could not be sent: ${messageOf(err)}`));
    });
  });
}

function readBody(res: IncomingMessage, req: OutboundRequest, signal: AbortSignal): Promise<OutboundResponse> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (): void => {
      if (settled) return;
      settled = true;
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
    };
    res.on('data', (chunk: Buffer) => {
      if (settled) return;
      const room = req.maxResponseBytes - size;
      if (chunk.length > room) {
        if (req.truncateBody) {
          chunks.push(chunk.subarray(0, room));
          done();
        } else {
          settled = true;
          reject(new OutboundHttpError('too_large', `answer larger than ${req.maxResponseBytes} bytes`));
        }
        res.destroy();
        return;
      }
      size += chunk.length;
      chunks.push(chunk);
    });
    const fail = (detail: string): void => {
      if (settled) return;
      settled = true;
      if (signal.aborted) reject(new OutboundHttpError('timeout', `no answer within ${req.timeoutMs} ms`));
      else reject(new OutboundHttpError('network', `connection failed: ${detail}`));
    };
    res.on('end', done);
    res.on('error', (err) => fail(messageOf(err)));
    // A connection cut mid-answer may close without 'end' or 'error'.
    res.on('close', () => fail('connection closed before the answer was complete'));
  });
}

/** A `lookup` for the socket that hands back the addresses already checked, never asking DNS again. */
function pinnedLookup(addresses: readonly LookupAddress[]): LookupFunction {
  return (_hostname, options, callback) => {
    const first = addresses[0];
    if ((options as { all?: boolean }).all) (callback as (e: null, a: LookupAddress[]) => void)(null, [...addresses]);
    else if (first) callback(null, first.address, first.family);
    else callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
  };
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
