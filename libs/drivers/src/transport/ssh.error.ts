/** A transport failure, with a message fit for a result's `stderr` (never a credential). */
export class SshError extends Error {
  constructor(
    message: string,
    readonly kind: 'connect' | 'auth' | 'timeout' | 'closed' | 'channel' | 'hostkey',
  ) {
    super(message);
    this.name = 'SshError';
  }
}
