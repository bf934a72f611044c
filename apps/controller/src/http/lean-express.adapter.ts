import { ExpressAdapter } from '@nestjs/platform-express';
import type { ServerResponse } from 'node:http';

/**
 * Express adapter whose JSON answers skip Express' `res.json`/`res.send` machinery (ETag hashing,
 * charset rewriting, freshness checks): a route's object is serialized once and written with its
 * length. Every other answer (strings, streams, errors, a route that set its own content type) goes
 * the framework's way.
 */
export class LeanExpressAdapter extends ExpressAdapter {
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
