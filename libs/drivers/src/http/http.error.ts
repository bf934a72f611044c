/**
 * What went wrong talking HTTP to a device:
 * - `aborted`: the job was stopped or timed out (the signal fired);
 * - `auth`: the device refused the credentials (HTTP 401), so the device guard can count it;
 * - `connect`: no connection (refused, unreachable, reset, name not found);
 * - `protocol`: an answer that is not what the API promises (status, body);
 * - `timeout`: no complete answer within the request's time limit;
 * - `tls`: the TLS handshake failed (certificate not trusted, bad client certificate, ...);
 * - `too_large`: the answer exceeded the size limit and was cut off.
 */
export type HttpErrorKind = 'aborted' | 'auth' | 'connect' | 'protocol' | 'timeout' | 'tls' | 'too_large';

/** A failed HTTP exchange with a device, classified so callers need not parse messages. */
export class HttpError extends Error {
  constructor(
    readonly kind: HttpErrorKind,
    message: string,
    /** The system or TLS error code behind it (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`), if any. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
