/** A NetPulse answer that is not a success, or no answer at all; `message` is fit to show a person. */
export class NetpulseApiError extends Error {
  override readonly name = 'NetpulseApiError';

  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's `detail` (a string, or FastAPI-style field errors), when it sent one. */
    readonly detail: unknown,
    message: string,
  ) {
    super(message);
  }

  static fromResponse(status: number, body: unknown, method: string, path: string): NetpulseApiError {
    const detail = body !== null && typeof body === 'object' && 'detail' in body ? (body as { detail: unknown }).detail : body;
    return new NetpulseApiError(status, detail, `${method} ${path}: ${status} ${describe(status, detail)}`);
  }
}

function describe(status: number, detail: unknown): string {
  const text = detailText(detail);
  switch (status) {
    case 401:
    case 403:
      return `${text || 'forbidden'} (check the API key: --api-key, NETPULSE_API_KEY or the config file)`;
    case 422:
      return `the request was refused: ${text}`;
    case 429:
      return `too many failed attempts from this address: ${text}`;
    case 503:
      return `the service is not ready: ${text || 'try again shortly'}`;
    default:
      return text;
  }
}

/** A `detail` as one line: a string as is, field errors as `field: message; ...`. */
export function detailText(detail: unknown): string {
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return detail
      .map((e: { loc?: unknown[]; msg?: string }) => `${Array.isArray(e.loc) ? e.loc.filter((p) => p !== 'body').join('.') : ''}: ${e.msg ?? JSON.stringify(e)}`)
      .join('; ');
  }
  return detail === undefined || detail === null ? '' : JSON.stringify(detail);
}
