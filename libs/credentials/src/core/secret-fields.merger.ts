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

/** Marks the fields a reference will fill, so a request can be validated before its secrets are fetched. */
export const CREDENTIAL_PLACEHOLDER = '<from credential>';

/** connection_args with a placeholder in each field the reference fills and the request left empty. */
export function withCredentialPlaceholders(connectionArgs: Readonly<Record<string, unknown>>, ref: CredentialRef): Record<string, unknown> {
  const out: Record<string, unknown> = { ...connectionArgs };
  for (const field of Object.keys(ref.field_mapping)) if (out[field] === undefined || out[field] === null) out[field] = CREDENTIAL_PLACEHOLDER;
  return out;
}

/** The values a resolution added or changed, but the username: what logs and errors must mask. */
export function resolvedSecretValues(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): unknown[] {
  return Object.keys(after).filter((k) => k !== 'username' && after[k] !== before[k]).map((k) => after[k]);
}
