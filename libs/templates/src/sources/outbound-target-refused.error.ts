/** A host that resolves (in whole or in part) outside `security.allowed_targets`. Never worth retrying. */
export class OutboundTargetRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly addresses: readonly string[],
    allowed: string,
  ) {
    const outside = addresses.length > 0 ? ` (resolves to ${addresses.join(', ')})` : '';
    super(`Target ${host}${outside} is outside security.allowed_targets [${allowed}]`);
    this.name = 'OutboundTargetRefusedError';
  }
}
