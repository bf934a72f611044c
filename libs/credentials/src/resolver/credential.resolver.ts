import type { CredentialProvider } from '../core/credential-provider';
import { CredentialError } from '../core/credential.error';
import { CredentialRef, DEFAULT_FIELD_MAPPING } from '../core/credential-ref';
import type { CredentialProviderRegistry } from '../registry/credential-provider.registry';

/** The original's text when a request names a credential and support is off. */
export const CREDENTIALS_DISABLED = 'Credential support is disabled in server configuration';

export interface CredentialSettings {
  readonly enabled: boolean;
  /** The provider used when a reference names none. */
  readonly name: string | null;
}

/**
 * The one entry point for credential references: `check` normalises and vets a request's
 * `credential` at request time (a CredentialError of kind `request` becomes a 400); `resolve` fetches
 * the secret from its provider and merges it into connection_args, on the worker just before it
 * connects (or in the controller for `POST /device/test`).
 */
export class CredentialResolver {
  constructor(
    private readonly settings: CredentialSettings,
    readonly providers: CredentialProviderRegistry,
  ) {}

  get enabled(): boolean {
    return this.settings.enabled;
  }

  check(raw: unknown): CredentialRef {
    if (!this.settings.enabled) throw new CredentialError('request', CREDENTIALS_DISABLED);
    const ref = normalise(raw);
    const provider = this.providerOf(ref);
    const problem = provider.check?.(ref) ?? null;
    if (problem) throw new CredentialError('request', problem);
    return ref;
  }

  async resolve(raw: unknown, connectionArgs: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const ref = this.check(raw);
    try {
      return await this.providerOf(ref).resolve(ref, connectionArgs);
    } catch (err) {
      if (err instanceof CredentialError) throw err;
      // A plugin's own error: its message, never its stack or the arguments it was given.
      throw new CredentialError('resolve', `Credential ${ref.ref} could not be resolved: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private providerOf(ref: CredentialRef): CredentialProvider {
    const name = ref.name ?? this.settings.name;
    if (!name) throw new CredentialError('request', 'No credential provider is configured (credential.name)');
    // The original accepts only the configured provider by name; an alias of it is the same provider.
    const configured = this.settings.name ? this.providers.get(this.settings.name) : undefined;
    const provider = this.providers.get(name);
    if (!provider || (configured !== undefined && provider !== configured)) throw new CredentialError('request', `Unsupported credential provider: ${name}`);
    return provider;
  }
}

/** A request's `credential` (already shape-checked by its DTO, or read back from a job) as a CredentialRef. */
function normalise(raw: unknown): CredentialRef {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new CredentialError('request', 'credential must be an object');
  const o = raw as Record<string, unknown>;
  const ref = typeof o.ref === 'string' ? o.ref.trim() : '';
  if (ref === '') throw new CredentialError('request', 'credential.ref must be a non-empty string');
  if (ref.startsWith('/') || ref.split('/').some((seg) => seg === '..' || seg === '.')) {
    throw new CredentialError('request', 'credential.ref must be a relative path without "." or ".." segments');
  }
  const mount = o.mount === undefined || o.mount === null ? 'kv' : String(o.mount).trim();
  if (mount === '' || mount.split('/').some((seg) => seg === '..' || seg === '.')) throw new CredentialError('request', 'credential.mount must be a mount name');
  let version: number | null = null;
  if (o.version !== undefined && o.version !== null && o.version !== '') {
    version = typeof o.version === 'number' ? o.version : Number(o.version);
    if (!Number.isInteger(version) || version < 1) throw new CredentialError('request', 'credential.version must be a positive integer');
  }
  const mapping = o.field_mapping ?? DEFAULT_FIELD_MAPPING;
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping) || !Object.values(mapping).every((v) => typeof v === 'string')) {
    throw new CredentialError('request', 'credential.field_mapping must map connection_args fields to secret field names');
  }
  return {
    name: typeof o.name === 'string' && o.name !== '' ? o.name : null,
    ref,
    mount,
    version,
    namespace: typeof o.namespace === 'string' && o.namespace !== '' ? o.namespace : null,
    field_mapping: { ...(mapping as Record<string, string>) },
  };
}
