import { Injectable, NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROBE_PATHS } from '../http/probe.handler';
import { UNMATCHED_ROUTE } from './metric.labels';
import { NetpulseMetrics } from './netpulse.metrics';

/** What the middleware reads of an Express request (Express sets `route` and `baseUrl` once a route matched). */
export type TimedRequest = IncomingMessage & { baseUrl?: string; originalUrl?: string; route?: { path?: unknown } };

/** Status label of a request whose client went away before the response was finished (nginx's convention). */
export const CLIENT_CLOSED_STATUS = 499;

/**
 * The matched route pattern of a finished request (`/jobs/:id`), or `unmatched`. Probe paths are
 * answered before routing, so they are recognised by their (fixed) URL path instead.
 */
export function routePattern(req: TimedRequest): string {
  const path = req.route?.path;
  if (typeof path !== 'string') {
    const url = (req.originalUrl ?? req.url ?? '').split('?')[0];
    return (PROBE_PATHS as readonly string[]).includes(url) ? url : UNMATCHED_ROUTE;
  }
  const full = `${req.baseUrl ?? ''}${path}`;
  return full === '' ? '/' : full;
}

/**
 * Express-compatible middleware that counts and times every request. Mount it before anything that
 * can answer (body reader, routes) so 413s and 404s are counted too. The route is read when the
 * response ends, because Express only sets `req.route` once routing matched.
 */
export function httpMetricsMiddleware(metrics: NetpulseMetrics): (req: TimedRequest, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    // One listener: a response emits 'close' once, after 'finish' when it was sent whole.
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.observeHttpRequest(req.method ?? 'OTHER', routePattern(req), res.writableFinished ? res.statusCode : CLIENT_CLOSED_STATUS, seconds);
    });
    next();
  };
}

/** The same middleware as a Nest class, for `consumer.apply(HttpMetricsMiddleware).forRoutes(...)`. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  private readonly handle: ReturnType<typeof httpMetricsMiddleware>;

  constructor(metrics: NetpulseMetrics) {
    this.handle = httpMetricsMiddleware(metrics);
  }

  use(req: TimedRequest, res: ServerResponse, next: () => void): void {
    this.handle(req, res, next);
  }
}
