import type { CredentialProvider } from '../core/credential-provider';
import { CredentialError } from '../core/credential.error';
import type { CredentialRef } from '../core/credential-ref';
import { mergeSecretFields } from '../core/secret-fields.merger';
import { VaultAnswer, VaultHttpClient, VaultUnreachableError, vaultErrors } from './vault-http.client';
import { VaultAuthSettings, VaultTokenSource } from './vault-token.source';

/** Most secrets kept in the in-process cache at once. */
const CACHE_ENTRIES = 1000;

export interface VaultKvSettings extends VaultAuthSettings {
  /** Vault's address; null: provider not configured. */
  readonly addr: string | null;
  /** References must start with one of these (a list, or one comma-separated string); empty: any. */
  readonly allowed_paths: readonly string[] | string;
  /** Seconds a secret read is reused in this process (0: never). Secrets are never cached in Redis. */
  readonly cache_ttl: number;
  readonly verify: boolean | string;
  /** Seconds one Vault request may take. */
  readonly timeout: number;
}

/**
 * HashiCorp Vault KV version 2 (`GET /v1/<mount>/data/<ref>[?version=N]`), with token, AppRole or
 * Kubernetes auth and Enterprise namespaces. Read secrets are cached in this process for `cache_ttl`
 * seconds; nothing is written to Redis.
 */
export class VaultKvProvider implements CredentialProvider {
  readonly name = 'vault';
  readonly aliases = ['vault_kv'];
  private readonly allowed: string[];
  private readonly cache = new Map<string, { secret: Record<string, unknown>; expiresAt: number }>();
  private client: { http: VaultHttpClient; tokens: VaultTokenSource } | null = null;

  constructor(private readonly settings: VaultKvSettings) {
    const raw = settings.allowed_paths;
    this.allowed = (typeof raw === 'string' ? raw.split(',') : [...raw]).map((p) => p.trim()).filter((p) => p !== '');
  }

  check(ref: CredentialRef): string | null {
    if (!this.settings.addr) return 'The vault credential provider needs credential.addr';
    if (this.allowed.length > 0 && !this.allowed.some((p) => ref.ref.startsWith(p))) return `Credential path ${ref.ref} is not allowed`;
    return null;
  }

  async resolve(ref: CredentialRef, connectionArgs: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const problem = this.check(ref);
    if (problem) throw new CredentialError('request', problem);
    const namespace = ref.namespace ?? this.settings.namespace;
    const key = JSON.stringify([namespace, ref.mount, ref.ref, ref.version]);
    const hit = this.cache.get(key);
    let secret: Record<string, unknown>;
    if (hit && hit.expiresAt > Date.now()) secret = hit.secret;
    else {
      secret = await this.read(ref, namespace);
      this.remember(key, secret);
    }
    return mergeSecretFields(secret, ref, connectionArgs);
  }

  private async read(ref: CredentialRef, namespace: string | null): Promise<Record<string, unknown>> {
    const { http, tokens } = this.connect();
    const path = `${segments(ref.mount)}/data/${segments(ref.ref)}${ref.version !== null ? `?version=${ref.version}` : ''}`;
    const where = `${ref.mount}/${ref.ref}${ref.version !== null ? ` (version ${ref.version})` : ''}`;
    let answer: VaultAnswer;
    try {
      answer = await http.call('GET', path, { token: await tokens.token(), namespace });
      // A login token may have expired or been revoked since it was issued: log in again, once.
      if (answer.status === 403 && tokens.invalidate()) answer = await http.call('GET', path, { token: await tokens.token(), namespace });
    } catch (err) {
      if (err instanceof VaultUnreachableError) throw new CredentialError('resolve', err.message);
      throw err;
    }
    if (answer.status === 404) throw new CredentialError('resolve', `Credential not found: ${where}`);
    if (answer.status === 403) throw new CredentialError('resolve', `Vault denied access to ${where}`);
    if (answer.status !== 200) throw new CredentialError('resolve', `Vault could not read ${where}: ${vaultErrors(answer) || `HTTP ${answer.status}`}`);
    const data = (answer.body?.data as { data?: unknown } | undefined)?.data;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new CredentialError('resolve', `Credential not found: ${where} (deleted or destroyed)`);
    return data as Record<string, unknown>;
  }

  private connect(): { http: VaultHttpClient; tokens: VaultTokenSource } {
    if (!this.client) {
      const http = new VaultHttpClient({ addr: this.settings.addr as string, verify: this.settings.verify, timeout: this.settings.timeout });
      this.client = { http, tokens: new VaultTokenSource(http, this.settings) };
    }
    return this.client;
  }

  private remember(key: string, secret: Record<string, unknown>): void {
    if (this.settings.cache_ttl <= 0) return;
    this.cache.delete(key);
    if (this.cache.size >= CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { secret, expiresAt: Date.now() + this.settings.cache_ttl * 1000 });
  }
}

/** A path for the URL: each segment percent-encoded, so a reference cannot change the route. */
function segments(path: string): string {
  return path.split('/').filter((s) => s !== '').map(encodeURIComponent).join('/');
}
