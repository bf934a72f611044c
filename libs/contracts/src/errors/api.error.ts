/** An error with the exact HTTP status and JSON body NetPulse 0.4 gives for it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
  ) {
    super(typeof body.detail === 'string' ? body.detail : `HTTP ${status}`);
    this.name = 'ApiError';
  }

  /** 400 `{"detail": msg}`: a semantic error (the original's ValueError). */
  static badRequest(detail: string): ApiError {
    return new ApiError(400, { detail });
  }

  static notFound(detail: string): ApiError {
    return new ApiError(404, { detail });
  }

  static forbidden(): ApiError {
    return new ApiError(403, { detail: 'Invalid or missing API key.' });
  }

  /** 503: nothing can take the job now (NetPulse 0.4 answers 500 here). */
  static unavailable(detail: string): ApiError {
    return new ApiError(503, { detail });
  }

  static unprocessable(detail: string | FieldError[]): ApiError {
    return new ApiError(422, { detail });
  }
}

/** One entry of a FastAPI-style 422 list. */
export interface FieldError {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}
