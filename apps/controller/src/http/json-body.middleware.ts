import type { NextFunction, Request, Response } from 'express';

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
        req.body = JSON.parse(text) as unknown;
      } catch (err) {
        req.body = undefined;
        req.jsonError = err instanceof Error ? err.message : 'JSON decode error';
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
