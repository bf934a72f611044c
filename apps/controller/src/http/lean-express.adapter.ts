import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';

/**
 * Express adapter tuned for the per-request cost of the API:
 *
 * - Requests and responses are born with Express' prototypes. Express otherwise swaps the prototype
 *   of both objects on every request (`Object.setPrototypeOf` in `app.handle`), which V8 answers by
 *   dropping what it had learned about their shape: measured here, that swap was about half of
 *   Express' own cost per request. With the prototype already in place the swap is a no-op.
 * - A route's JSON object is serialized once and written with its length, skipping `res.json`/
 *   `res.send` (ETag hashing, charset rewriting, freshness checks). Every other answer (strings,
 *   streams, errors, a route that set its own content type) goes the framework's way.
 */
export class LeanExpressAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    if (options.httpsOptions || options.forceCloseConnections) return super.initHttpServer(options);
    const app = this.getInstance<{ request: object; response: object; (req: IncomingMessage, res: ServerResponse): void }>();
    const Req = bornWith(IncomingMessage, app.request);
    const Res = bornWith(ServerResponse, app.response);
    if (!Req || !Res) return super.initHttpServer(options);
    this.httpServer = createServer({ IncomingMessage: Req, ServerResponse: Res }, app);
  }

  override reply(response: ServerResponse, body: unknown, statusCode?: number): unknown {
    if (body === null || typeof body !== 'object' || body instanceof Error || Buffer.isBuffer(body) || typeof (body as { getStream?: unknown }).getStream === 'function') {
      return super.reply(response, body, statusCode);
    }
    const type = response.getHeader('Content-Type');
    if (type !== undefined && !(typeof type === 'string' && type.startsWith('application/json'))) return super.reply(response, body, statusCode);
    const text = JSON.stringify(body);
    if (statusCode) response.statusCode = statusCode;
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.setHeader('Content-Length', Buffer.byteLength(text));
    response.end(text);
    return undefined;
  }
}

/**
 * A constructor that builds `Base` objects (its constructor runs as usual) whose prototype is `proto`
 * from the start; null when `Base` is a class (Node's are plain constructor functions, which run on
 * `this`; `Reflect.construct` would work for both but costs more per object than it saves).
 */
function bornWith<T extends abstract new (...args: never[]) => object>(Base: T, proto: object): T | null {
  if (/^class\b/.test(Function.prototype.toString.call(Base))) return null;
  const init = Base as unknown as (this: object, ...args: unknown[]) => void;
  function Born(this: object, ...args: unknown[]): void {
    init.apply(this, args);
  }
  Born.prototype = proto;
  return Born as unknown as T;
}
