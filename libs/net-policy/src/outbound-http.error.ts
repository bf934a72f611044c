/** Why an outbound HTTP exchange did not complete. */
export type OutboundHttpFailure = 'dns' | 'network' | 'timeout' | 'too_large' | 'bad_url';

/**
 * An outbound HTTP exchange that failed before a complete answer arrived. The message names the cause
 * only (`connection failed: ECONNREFUSED`); callers add the (display form of the) URL.
 */
export class OutboundHttpError extends Error {
  constructor(
    readonly reason: OutboundHttpFailure,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundHttpError';
  }
}
