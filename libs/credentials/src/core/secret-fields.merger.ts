import type { CredentialRef } from './credential-ref';

/** Secret fields a provider returns that always land under the same connection_args name when present. */
const PASSTHROUGH_FIELDS = ['pkey', 'secret', 'passphrase'];

/**
 * Merges a secret's fields into connection_args: each `field_mapping` entry copies the secret's field
 * into the connection_args key it names; `pkey`, `secret` (enable password) and `passphrase` are taken
 * as they are when the secret has them and the mapping does not mention them. Values are strings.
 */
export function mergeSecretFields(
  secret: Readonly<Record<string, unknown>>,
  ref: CredentialRef,
  connectionArgs: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...connectionArgs };
  const mappedSources = new Set(Object.values(ref.field_mapping));
  for (const [target, source] of Object.entries(ref.field_mapping)) {
    if (Object.hasOwn(secret, source) && secret[source] !== null && secret[source] !== undefined) out[target] = String(secret[source]);
  }
  for (const field of PASSTHROUGH_FIELDS) {
    if (mappedSources.has(field) || !Object.hasOwn(secret, field)) continue;
    const v = secret[field];
    if (typeof v === 'string' && v !== '') out[field] = v;
  }
  return out;
}

/** The connection_args keys a reference will fill: used to validate a request before resolution. */
export function fieldsFilledBy(ref: CredentialRef): string[] {
  return Object.keys(ref.field_mapping);
}
