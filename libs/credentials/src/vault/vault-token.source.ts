import { readFile } from 'node:fs/promises';
import { CredentialError } from '../core/credential.error';
import { VaultHttpClient, vaultErrors } from './vault-http.client';

export interface VaultAuthSettings {
  /** `token`, `approle` or `kubernetes`; null: AppRole when `role_id` is set, Kubernetes when `kubernetes_role` is, else token. */
  readonly auth_method: string | null;
  readonly token: string | null;
  readonly role_id: string | null;
  readonly secret_id: string | null;
  /** Mount path of the AppRole auth method (default `approle`). */
  readonly approle_mount: string;
  /** Role for Kubernetes auth; the JWT is the pod's service-account token. */
  readonly kubernetes_role: string | null;
  /** Mount path of the Kubernetes auth method (default `kubernetes`). */
  readonly kubernetes_mount: string;
  /** The service-account token file (default: the path Kubernetes mounts it at). */
  readonly kubernetes_token_path: string;
  /** Vault namespace the login happens in; null: root. */
  readonly namespace: string | null;
}

/** Renew a login token this long before Vault says it expires, ms. */
const EXPIRY_MARGIN_MS = 10_000;

/**
 * The token every Vault read sends: the configured one, or one from an AppRole or Kubernetes login,
 * kept until shortly before its lease ends and replaced after Vault rejects it. One login at a time.
 */
export class VaultTokenSource {
  private cached: { token: string; expiresAt: number } | null = null;
  private login: Promise<string> | null = null;
  readonly method: 'token' | 'approle' | 'kubernetes';

  constructor(
    private readonly http: VaultHttpClient,
    private readonly settings: VaultAuthSettings,
  ) {
    const m = settings.auth_method ?? (settings.role_id ? 'approle' : settings.kubernetes_role ? 'kubernetes' : 'token');
    if (m !== 'token' && m !== 'approle' && m !== 'kubernetes') throw new Error(`credential.auth_method must be token, approle or kubernetes (got ${m})`);
    this.method = m;
  }

  async token(): Promise<string> {
    if (this.method === 'token') {
      if (!this.settings.token) throw new CredentialError('resolve', 'No Vault token is configured (credential.token or NETPULSE_VAULT_TOKEN)');
      return this.settings.token;
    }
    if (this.cached && this.cached.expiresAt > Date.now()) return this.cached.token;
    this.login ??= this.logIn().finally(() => {
      this.login = null;
    });
    return this.login;
  }

  /** Forgets a login token Vault refused; true when a new login may help (a static token cannot). */
  invalidate(): boolean {
    if (this.method === 'token') return false;
    this.cached = null;
    return true;
  }

  private async logIn(): Promise<string> {
    const s = this.settings;
    let path: string;
    let body: Record<string, string>;
    if (this.method === 'approle') {
      if (!s.role_id || !s.secret_id) throw new CredentialError('resolve', 'Vault AppRole login needs credential.role_id and credential.secret_id');
      path = `auth/${s.approle_mount}/login`;
      body = { role_id: s.role_id, secret_id: s.secret_id };
    } else {
      if (!s.kubernetes_role) throw new CredentialError('resolve', 'Vault Kubernetes login needs credential.kubernetes_role');
      const jwt = await readFile(s.kubernetes_token_path, 'utf8').catch(() => {
        throw new CredentialError('resolve', `The service-account token (${s.kubernetes_token_path}) is not readable`);
      });
      path = `auth/${s.kubernetes_mount}/login`;
      body = { role: s.kubernetes_role, jwt: jwt.trim() };
    }
    const answer = await this.http.call('POST', path, { namespace: s.namespace, body });
    const auth = answer.body?.auth as { client_token?: unknown; lease_duration?: unknown } | undefined;
    if (answer.status !== 200 || typeof auth?.client_token !== 'string') {
      const why = vaultErrors(answer) || `HTTP ${answer.status}`;
      throw new CredentialError('resolve', `Vault ${this.method === 'approle' ? 'AppRole' : 'Kubernetes'} login failed: ${why}`);
    }
    const leaseMs = typeof auth.lease_duration === 'number' && auth.lease_duration > 0 ? auth.lease_duration * 1000 : 0;
    // A token without a lease (root-like) is kept an hour, then refreshed anyway.
    this.cached = { token: auth.client_token, expiresAt: Date.now() + Math.max(1000, (leaseMs || 3_600_000) - EXPIRY_MARGIN_MS) };
    return auth.client_token;
  }
}
