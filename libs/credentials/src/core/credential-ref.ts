/**
 * A request's `credential`, normalised: where the secret lives, never the secret itself. It travels
 * with a queued job (sealed like the rest of the request) and is resolved by the worker just before
 * it connects, so resolved secrets are never written to Redis.
 */
export interface CredentialRef {
  /** Provider name; null means the configured `credential.name`. */
  readonly name: string | null;
  /** The secret's path (Vault: below the mount; file provider: a folder below `credential.file_root`). */
  readonly ref: string;
  /** Vault KV v2 mount (default `kv`). */
  readonly mount: string;
  /** A specific secret version (Vault KV v2); null: the newest. */
  readonly version: number | null;
  /** Vault namespace; null: `credential.namespace`. */
  readonly namespace: string | null;
  /** connection_args field ← secret field; default `{username: "username", password: "password"}`. */
  readonly field_mapping: Readonly<Record<string, string>>;
}

export const DEFAULT_FIELD_MAPPING: Readonly<Record<string, string>> = Object.freeze({ username: 'username', password: 'password' });
