/**
 * A host that resolves (in whole or in part) outside its allowlist, or a port that is never contacted
 * (the system's own). Never worth retrying.
 */
export class OutboundTargetRefusedError extends Error {
  constructor(
    readonly host: string,
    readonly addresses: readonly string[],
    allowed: string,
    label = 'security.allowed_targets',
    readonly port: number | null = null,
  ) {
    const outside = addresses.length > 0 ? ` (resolves to ${addresses.join(', ')})` : '';
    super(
      port !== null
        ? `Target ${host} port ${port} is one of this system's own ports and is never contacted`
        : `Target ${host}${outside} is outside ${label} [${allowed}]`,
    );
    this.name = 'OutboundTargetRefusedError';
  }
}
