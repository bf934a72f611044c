import type { NextFunction, Request, Response } from 'express';
import { describeJsonSyntaxError } from './json-syntax.locator';

/** The parse error of a body that is not JSON, kept for the route to answer in its own shape. */
export interface ParsedBodyRequest extends Request {
  jsonError?: string;
}

/**
 * Parses JSON bodies ourselves (after express.raw has read them within the size limit), so each
 * route can answer a malformed body in the contract's shape instead of the framework's 400.
 */
export function jsonBody(req: ParsedBodyRequest, _res: Response, next: NextFunction): void {
  const raw: unknown = req.body;
  if (Buffer.isBuffer(raw)) {
    const text = raw.toString('utf8');
    if (text.trim() === '') {
      req.body = undefined;
    } else {
      try {
        req.body = sanitize(JSON.parse(text) as unknown);
      } catch (err) {
        req.body = undefined;
        // The parser's message quotes the body around the fault: name the position only.
        req.jsonError = err instanceof SyntaxError ? describeJsonSyntaxError(text) : err instanceof Error ? err.message : 'JSON decode error';
      }
    }
  } else if (!isMultipart(req)) {
    req.body = undefined;
  }
  next();
}

export function isMultipart(req: Request): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');
}

const MAX_DEPTH = 64;
/** Keys that mean nothing to us and only ever serve prototype tricks. */
const DROPPED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A copy of a parsed body without prototype-bearing keys, refusing nesting deeper than MAX_DEPTH
 * (no request of ours needs it, and deep structures are a cheap way to burn CPU downstream).
 */
export function sanitize(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) throw new Error(`JSON nesting is deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (!DROPPED_KEYS.has(k)) out[k] = sanitize(v, depth + 1);
    }
    return out;
  }
  return value;
}
