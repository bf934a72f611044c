import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbeHandler, ProbeHandlerOptions } from './probe.handler';

/** Options of a `ProbeServer`. */
export interface ProbeServerOptions extends ProbeHandlerOptions {
  /** Listen address. Default: `0.0.0.0` (Prometheus and the orchestrator scrape from outside). */
  host?: string;
  /** TCP port; 0 picks a free one (tests). Required. */
  port: number;
}

/**
 * A tiny HTTP server for the worker apps, which have no API server of their own: `/metrics`,
 * `/livez` and `/readyz` only (GET or HEAD), anything else 404. No framework on purpose, so it keeps
 * answering while the Nest application is still starting or already draining.
 */
export class ProbeServer {
  private readonly handler: ProbeHandler;
  private server: Server | null = null;

  constructor(private readonly options: ProbeServerOptions) {
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error('port must be an integer from 0 to 65535');
    this.handler = new ProbeHandler(options);
  }

  /** Starts listening; resolves with the bound address (the real port when `port` was 0). */
  async listen(): Promise<AddressInfo> {
    if (this.server) throw new Error('probe server already listening');
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.setHeader('Allow', 'GET, HEAD');
        return ProbeHandler.send(res, { status: 405, contentType: 'application/json; charset=utf-8', body: '{"detail":"Method Not Allowed"}' });
      }
      void this.handler.respond(path).then((answer) =>
        ProbeHandler.send(res, answer ?? { status: 404, contentType: 'application/json; charset=utf-8', body: '{"detail":"Not Found"}' }, req.method === 'HEAD'),
      );
    });
    // Probes are tiny and frequent; a short keep-alive avoids holding sockets open against close().
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    return server.address() as AddressInfo;
  }

  /** The bound address, or null before `listen()` / after `close()`. */
  address(): AddressInfo | null {
    const a = this.server?.address();
    return a && typeof a === 'object' ? a : null;
  }

  /** Stops listening and drops idle keep-alive connections (scrapers keep them), so shutdown never hangs. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    await new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeIdleConnections();
    });
  }
}
