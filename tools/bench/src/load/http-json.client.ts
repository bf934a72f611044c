import { Agent, request } from 'node:http';

export interface HttpResult<T> {
  status: number;
  body: T;
  /** Request written → whole answer read, ms. */
  ms: number;
}

/**
 * A lean keep-alive JSON client on `node:http` for the load generator: `fetch` (undici) costs more
 * CPU per request in this process, and the bench shares two cores with the system it measures.
 */
export class HttpJsonClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(
    baseUrl: string,
    private readonly apiKey: string,
    /** Sockets kept open to the controller (concurrent requests beyond wait for one). */
    maxSockets = 32,
  ) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  get<T>(path: string, timeoutMs = 30_000): Promise<HttpResult<T>> {
    return this.send<T>('GET', path, undefined, timeoutMs);
  }

  post<T>(path: string, body: unknown, timeoutMs = 30_000): Promise<HttpResult<T>> {
    return this.send<T>('POST', path, JSON.stringify(body), timeoutMs);
  }

  delete<T>(path: string, timeoutMs = 30_000): Promise<HttpResult<T>> {
    return this.send<T>('DELETE', path, undefined, timeoutMs);
  }

  close(): void {
    this.agent.destroy();
  }

  private send<T>(method: string, path: string, payload: string | undefined, timeoutMs: number): Promise<HttpResult<T>> {
    const headers: Record<string, string | number> = { 'X-API-KEY': this.apiKey, Accept: 'application/json' };
    if (payload !== undefined) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = Buffer.byteLength(payload);
    }
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const req = request({ agent: this.agent, host: this.host, port: this.port, method, path, headers, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // Not JSON (an error page): the caller sees the text and the status.
          }
          resolve({ status: res.statusCode ?? 0, body: body as T, ms: performance.now() - t0 });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }
}
