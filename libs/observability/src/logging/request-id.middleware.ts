import { Injectable, NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runWithRequestId } from './request.context';

export const REQUEST_ID_HEADER = 'X-Request-ID';

// What we accept from a client: enough for UUIDs, trace ids and most proxies' formats, and nothing
// that could forge a second log field or a header (no quotes, spaces, CR/LF).
const ACCEPTED = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The client's `X-Request-ID` when it is sane, else a fresh UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const raw = req.headers[REQUEST_ID_HEADER.toLowerCase()];
  const given = Array.isArray(raw) ? raw[0] : raw;
  return given !== undefined && ACCEPTED.test(given) ? given : randomUUID();
}

/**
 * Express-compatible middleware: takes `X-Request-ID` from the request or makes one, echoes it on the
 * response, and runs the rest of the chain with it as the current request id (log lines then carry
 * `request_id`). Mount it before the body reader, so the reader's own answers (413) carry the
 * header too; on Node 20 the context survives `express.raw` even for slowly arriving bodies (tested in
 * `http-wiring.int-spec.ts`).
 */
export function requestIdMiddleware(): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const id = requestIdOf(req);
    res.setHeader(REQUEST_ID_HEADER, id);
    runWithRequestId(id, next);
  };
}

/** The same middleware as a Nest class, for `consumer.apply(RequestIdMiddleware).forRoutes(...)`. */
@Injectable()
export class RequestIdMiddleware implements NestMiddleware {
  private readonly handle = requestIdMiddleware();

  use(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    this.handle(req, res, next);
  }
}
