import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { ApiError, FieldError, maskFieldInput, maskSecretValues, secretValuesOf } from '@netpulse/contracts';
import { AppLogger, redactText } from '@netpulse/observability';
import { isRedisUnavailable } from '@netpulse/state';
import type { Request, Response } from 'express';

/**
 * Every error leaves in NetPulse 0.4's shape: ours as built, framework ones as
 * `{"detail": ...}`, anything unexpected as 500 without secrets. Never a stack trace to the client.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly logger: AppLogger,
    private readonly bodyLimit: number,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (exception instanceof ApiError) {
      // Masked by path, then by value: no secret of the request comes back, whatever built the message.
      const secrets = secretValuesOf(host.switchToHttp().getRequest<Request>().body);
      res.status(exception.status).json(maskSecretValues(maskFieldErrors(exception.body), secrets));
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const detail = status === 404 ? 'Not Found' : status === 405 ? 'Method Not Allowed' : exception.message;
      res.status(status).json({ detail });
      return;
    }
    const e = exception as { status?: number; type?: string; message?: string };
    if (e?.type === 'entity.too.large' || e?.status === 413) {
      res.status(413).json({ detail: `Request body is larger than server.body_limit (${this.bodyLimit} bytes)` });
      return;
    }
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ detail: redactText(e.message ?? 'Bad Request') });
      return;
    }
    const message = redactText(exception instanceof Error ? exception.message : String(exception));
    this.logger.event('error', 'unhandled error', { err: message });
    if (isRedisUnavailable(exception)) {
      res.status(503).json({ detail: 'Redis is unavailable; try again shortly' });
      return;
    }
    res.status(500).json({ detail: `Internal Server Error: ${message}` });
  }
}

/**
 * Last guard before an error body leaves: every field error's `input` (in `detail` or `errors`) is
 * masked by its path, so no value at a secret path is echoed, whatever its type or who built it.
 */
function maskFieldErrors(body: Record<string, unknown>): Record<string, unknown> {
  const fix = (list: unknown): unknown =>
    Array.isArray(list)
      ? list.map((e: unknown) => {
          const fe = e as Partial<FieldError> | null;
          return fe && typeof fe === 'object' && Array.isArray(fe.loc) && 'input' in fe ? { ...fe, input: maskFieldInput(fe.loc, fe.input) } : e;
        })
      : list;
  return { ...body, ...(Array.isArray(body.detail) ? { detail: fix(body.detail) } : {}), ...(Array.isArray(body.errors) ? { errors: fix(body.errors) } : {}) };
}
