import type { CredentialRef } from './credential-ref';

/**
 * A credential provider (`credential.name` selects one). Built-ins and plugins register in the
 * `CredentialProviderRegistry`; a plugin needs only `name` and `resolve`.
 */
export interface CredentialProvider {
  readonly name: string;
  /** Other names requests and config may use for this provider (the original's `vault_kv`). */
  readonly aliases?: readonly string[];
  /** A problem with the reference, answered 400 at request time; null when it is fine. */
  check?(ref: CredentialRef): string | null;
  /** The connection arguments with the referenced secrets merged in (throws CredentialError). */
  resolve(ref: CredentialRef, connectionArgs: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>>;
}
