import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NetpulseMetrics } from '../metrics/netpulse.metrics';

/** What a readiness callback answers: a plain boolean, or a verdict with the reason it is not ready. */
export type Readiness = boolean | { ready: boolean; reason?: string };
export type ReadinessCheck = () => Readiness | Promise<Readiness>;

/** Options of a `ProbeHandler`. */
export interface ProbeHandlerOptions {
  /**
   * Source of `/metrics`. Omit it and `/metrics` is not a probe path here: the middleware passes it on
   * (to a guarded route when `metrics.require_api_key`), the probe server answers 404.
   */
  metrics?: NetpulseMetrics;
  /** Readiness: workers report Redis connectivity and "consuming". Default: always ready. */
  ready?: ReadinessCheck;
  /** Longest wait for `ready()`, milliseconds; slower counts as not ready. Default: 2000. */
  readyTimeoutMs?: number;
  /**
   * Not ready while the worst event-loop lag of the last seconds (`metrics.eventLoop`) is above this,
   * seconds (`metrics.max_event_loop_lag`). Omit it for no lag check.
   */
  maxEventLoopLag?: number;
  /** Where the lag is read when `metrics` is not given here (the controller keeps `/metrics` behind its key). */
  eventLoop?: { worstRecentLag(): number } | null;
}

/** One probe answer, independent of the HTTP stack that sends it. */
export interface ProbeResponse {
  body: string;
  contentType: string;
  status: number;
}

const JSON_TYPE = 'application/json; charset=utf-8';
export const PROBE_PATHS = ['/metrics', '/livez', '/readyz'] as const;

/**
 * The answers of `/metrics`, `/livez` and `/readyz`, shared by the workers' `ProbeServer` and the
 * controller (which serves them from its own HTTP server).
 */
export class ProbeHandler {
  private readonly readyTimeoutMs: number;

  constructor(private readonly options: ProbeHandlerOptions = {}) {
    this.readyTimeoutMs = options.readyTimeoutMs ?? 2000;
    if (!(this.readyTimeoutMs > 0)) throw new Error('readyTimeoutMs must be a number greater than 0');
  }

  /** The answer for a path, or null when the path is not a probe. */
  async respond(path: string): Promise<ProbeResponse | null> {
    switch (path) {
      case '/livez':
        // Answering at all proves the event loop turns; nothing else is checked on purpose, so a
        // Redis outage makes a worker unready, not restarted.
        return json(200, { status: 'ok' });
      case '/readyz':
        return this.readyz();
      case '/metrics':
        if (!this.options.metrics) return null;
        try {
          return { status: 200, contentType: this.options.metrics.contentType, body: await this.options.metrics.metrics() };
        } catch (err) {
          return json(500, { detail: `metrics collection failed: ${message(err)}` });
        }
      default:
        return null;
    }
  }

  /** Writes a probe answer on a Node (or Express) response. */
  static send(res: ServerResponse, answer: ProbeResponse, headOnly = false): void {
    res.statusCode = answer.status;
    res.setHeader('Content-Type', answer.contentType);
    res.setHeader('Content-Length', Buffer.byteLength(answer.body));
    res.setHeader('Cache-Control', 'no-store');
    res.end(headOnly ? undefined : answer.body);
  }

  /**
   * Express-compatible middleware answering GET/HEAD on the probe paths and passing everything else
   * on. Mounted before the API's routes it bypasses the body reader and the API key guard.
   */
  middleware(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
    return (req, res, next) => {
      const path = (req.url ?? '/').split('?')[0];
      if ((req.method !== 'GET' && req.method !== 'HEAD') || !(PROBE_PATHS as readonly string[]).includes(path)) return next();
      void this.respond(path).then((answer) => (answer ? ProbeHandler.send(res, answer, req.method === 'HEAD') : next()));
    };
  }

  private async readyz(): Promise<ProbeResponse> {
    const { maxEventLoopLag } = this.options;
    const lag = (this.options.eventLoop ?? this.options.metrics?.eventLoop)?.worstRecentLag();
    if (maxEventLoopLag !== undefined && lag !== undefined && lag > maxEventLoopLag) {
      return json(503, { status: 'not ready', reason: `event loop lag ${lag.toFixed(2)} s is over metrics.max_event_loop_lag (${maxEventLoopLag} s)` });
    }
    const check = this.options.ready;
    if (!check) return json(200, { status: 'ready' });
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<Readiness>((resolve) => {
        timer = setTimeout(() => resolve({ ready: false, reason: `readiness check took longer than ${this.readyTimeoutMs} ms` }), this.readyTimeoutMs);
      });
      const verdict = await Promise.race([Promise.resolve().then(check), timeout]);
      const ready = typeof verdict === 'boolean' ? verdict : verdict.ready;
      if (ready) return json(200, { status: 'ready' });
      const reason = typeof verdict === 'boolean' ? 'not ready' : (verdict.reason ?? 'not ready');
      return json(503, { status: 'not ready', reason });
    } catch (err) {
      return json(503, { status: 'not ready', reason: `readiness check failed: ${message(err)}` });
    } finally {
      clearTimeout(timer);
    }
  }
}

function json(status: number, body: Record<string, unknown>): ProbeResponse {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(body) };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
