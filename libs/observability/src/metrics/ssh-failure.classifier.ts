import type { SshFailureReason } from './metric.labels';

interface ErrorLike {
  code?: unknown;
  kind?: unknown;
  level?: unknown;
  message?: unknown;
}

/**
 * Maps a connect or session error to one of the fixed failure reasons. Trusts the drivers' `SshError`
 * `kind` first (`auth`, `timeout`, `closed`; `hostkey` and `channel` are `other`), then ssh2's `level`
 * (`client-authentication`, `client-timeout`), Node's socket `code`s, then the message, so it works
 * on raw ssh2 errors and on the drivers' wrapped ones alike.
 */
export function sshFailureReason(err: unknown): SshFailureReason {
  const e: ErrorLike = typeof err === 'object' && err !== null ? (err as ErrorLike) : { message: err };
  const level = typeof e.level === 'string' ? e.level : '';
  const code = typeof e.code === 'string' ? e.code : '';
  const msg = typeof e.message === 'string' ? e.message.toLowerCase() : String(e.message ?? '').toLowerCase();
  const kind = typeof e.kind === 'string' ? e.kind : '';

  if (kind === 'auth' || kind === 'timeout' || kind === 'closed') return kind;
  // A changed host key or a refused channel is neither a network nor a credential problem.
  if (kind === 'hostkey' || kind === 'channel' || kind === 'aborted') return 'other';

  if (level === 'client-authentication' || /authenticat|permission denied|password|publickey|access denied/.test(msg)) return 'auth';
  if (level === 'client-timeout' || code === 'ETIMEDOUT' || /timed? ?out|timeout/.test(msg)) return 'timeout';
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || /refused|unreachable/.test(msg)) return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || /closed|reset|end of stream|disconnect/.test(msg)) return 'closed';
  return 'other';
}
