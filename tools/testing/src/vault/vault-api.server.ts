import { randomUUID } from 'node:crypto';
import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small stand-in for HashiCorp Vault's HTTP API, for tests: no Vault server can be installed on
 * these machines. Written from Vault's published API documentation; it covers exactly:
 * - KV version 2 reads, `GET /v1/<mount>/data/<path>[?version=N]`: the newest or a given version,
 *   `data.data` + `data.metadata` (`version`, `created_time`, `deletion_time`, `destroyed`), 404
 *   `{"errors":[]}` for a missing path or version, 404 with `data.data: null` for a deleted version;
 * - `GET /v1/auth/token/lookup-self`;
 * - AppRole login `POST /v1/auth/<mount>/login` `{role_id, secret_id}` (400 `invalid role or secret ID`);
 * - Kubernetes login `POST /v1/auth/<mount>/login` `{role, jwt}` (403 `permission denied`);
 * - namespaces through `X-Vault-Namespace` (a token works in its namespace and those below it);
 * - ACL policies as path globs (`kv/data/netpulse/*`); 403 `{"errors":["permission denied"]}`;
 * - tokens that expire (`lease_duration`), and a sealed Vault (503 `Vault is sealed`).
 * Not covered: writes through the API, KV v1, leases and renewal, response wrapping, other engines.
 */
export class VaultApiServer {
  private server: Server | null = null;
  private readonly secrets = new Map<string, Array<{ data: Record<string, unknown>; created: string; deleted: string }>>();
  private readonly tokens = new Map<string, { namespace: string; policies: string[]; expiresAt: number | null }>();
  private readonly appRoles = new Map<string, { mount: string; secretId: string; policies: string[]; ttl: number; namespace: string }>();
  private readonly kubeRoles = new Map<string, { mount: string; jwt: string; policies: string[]; ttl: number; namespace: string }>();
  private sealed = false;
  /** Requests seen, per `METHOD path` (for cache and retry assertions). */
  readonly requests: string[] = [];
  url = '';

  async start(host = '127.0.0.1', port = 0): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => send(res, 500, { errors: ['internal error'] }));
    });
    await new Promise<void>((resolve) => this.server?.listen(port, host, resolve));
    const addr = this.server.address() as AddressInfo;
    this.url = `http://${host}:${addr.port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  /** Writes a new version of a KV v2 secret; returns its version number. */
  put(mount: string, path: string, data: Record<string, unknown>, namespace = ''): number {
    const key = secretKey(namespace, mount, path);
    const versions = this.secrets.get(key) ?? [];
    versions.push({ data, created: new Date().toISOString(), deleted: '' });
    this.secrets.set(key, versions);
    return versions.length;
  }

  /** Soft-deletes one version (as `DELETE /v1/<mount>/data/<path>` does for the newest). */
  deleteVersion(mount: string, path: string, version: number, namespace = ''): void {
    const v = this.secrets.get(secretKey(namespace, mount, path))?.[version - 1];
    if (v) v.deleted = new Date().toISOString();
  }

  addToken(token: string, policies: string[], opts: { namespace?: string; ttlSeconds?: number } = {}): void {
    this.tokens.set(token, { namespace: norm(opts.namespace ?? ''), policies, expiresAt: opts.ttlSeconds ? Date.now() + opts.ttlSeconds * 1000 : null });
  }

  revokeToken(token: string): void {
    this.tokens.delete(token);
  }

  /** Revokes every token a login issued (as if their leases had been revoked). */
  revokeLoginTokens(): void {
    for (const t of [...this.tokens.keys()]) if (t.startsWith('hvs.')) this.tokens.delete(t);
  }

  addAppRole(roleId: string, secretId: string, policies: string[], opts: { mount?: string; ttlSeconds?: number; namespace?: string } = {}): void {
    this.appRoles.set(roleId, { mount: opts.mount ?? 'approle', secretId, policies, ttl: opts.ttlSeconds ?? 3600, namespace: norm(opts.namespace ?? '') });
  }

  addKubernetesRole(role: string, jwt: string, policies: string[], opts: { mount?: string; ttlSeconds?: number; namespace?: string } = {}): void {
    this.kubeRoles.set(role, { mount: opts.mount ?? 'kubernetes', jwt, policies, ttl: opts.ttlSeconds ?? 3600, namespace: norm(opts.namespace ?? '') });
  }

  seal(sealed = true): void {
    this.sealed = sealed;
  }

  /** How many requests matched `METHOD path-prefix`. */
  count(prefix: string): number {
    return this.requests.filter((r) => r.startsWith(prefix)).length;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://vault');
    const method = req.method ?? 'GET';
    this.requests.push(`${method} ${url.pathname}`);
    const body = method === 'POST' ? await readJson(req) : null;
    if (this.sealed) return send(res, 503, { errors: ['Vault is sealed'] });
    const namespace = norm(String(req.headers['x-vault-namespace'] ?? ''));
    const path = url.pathname.replace(/^\/v1\//, '');
    const login = /^auth\/(.+)\/login$/.exec(path);
    if (method === 'POST' && login) return this.login(res, login[1], namespace, body ?? {});
    const token = this.liveToken(String(req.headers['x-vault-token'] ?? ''));
    if (!token || !(namespace + '/').startsWith(token.namespace === '' ? '' : token.namespace + '/')) return send(res, 403, { errors: ['permission denied'] });
    if (method === 'GET' && path === 'auth/token/lookup-self') {
      const ttl = token.expiresAt ? Math.max(0, Math.round((token.expiresAt - Date.now()) / 1000)) : 0;
      return send(res, 200, envelope({ data: { policies: token.policies, ttl, namespace_path: token.namespace === '' ? '' : `${token.namespace}/` } }));
    }
    const kv = /^(.+?)\/data\/(.+)$/.exec(path);
    if (method === 'GET' && kv) {
      if (!token.policies.some((p) => allows(p, path))) return send(res, 403, { errors: ['1 error occurred:\n\t* permission denied\n\n'] });
      const versions = this.secrets.get(secretKey(namespace, kv[1], kv[2]));
      const wanted = url.searchParams.get('version');
      const n = wanted === null || wanted === '0' ? (versions?.length ?? 0) : Number(wanted);
      const v = versions?.[n - 1];
      if (!v) return send(res, 404, { errors: [] });
      const metadata = { created_time: v.created, custom_metadata: null, deletion_time: v.deleted, destroyed: false, version: n };
      if (v.deleted !== '') return send(res, 404, envelope({ data: { data: null, metadata } }));
      return send(res, 200, envelope({ data: { data: v.data, metadata } }));
    }
    return send(res, 404, { errors: [] });
  }

  private login(res: ServerResponse, mount: string, namespace: string, body: Record<string, unknown>): void {
    let grant: { policies: string[]; ttl: number; namespace: string } | null = null;
    const role = this.appRoles.get(String(body.role_id ?? ''));
    if (role && role.mount === mount) {
      if (role.secretId !== body.secret_id) return send(res, 400, { errors: ['invalid role or secret ID'] });
      grant = role;
    }
    const kube = this.kubeRoles.get(String(body.role ?? ''));
    if (!grant && kube && kube.mount === mount) {
      if (kube.jwt !== body.jwt) return send(res, 403, { errors: ['permission denied'] });
      grant = kube;
    }
    if (!grant || grant.namespace !== namespace) return send(res, 400, { errors: ['invalid role or secret ID'] });
    const token = `hvs.${randomUUID().replace(/-/g, '')}`;
    this.addToken(token, grant.policies, { namespace, ttlSeconds: grant.ttl });
    send(res, 200, envelope({ auth: { client_token: token, accessor: randomUUID(), policies: grant.policies, token_policies: grant.policies, lease_duration: grant.ttl, renewable: true } }));
  }

  private liveToken(token: string): { namespace: string; policies: string[]; expiresAt: number | null } | null {
    const t = this.tokens.get(token);
    if (!t) return null;
    if (t.expiresAt !== null && t.expiresAt <= Date.now()) {
      this.tokens.delete(token);
      return null;
    }
    return t;
  }
}

function envelope(extra: Record<string, unknown>): Record<string, unknown> {
  return { request_id: randomUUID(), lease_id: '', renewable: false, lease_duration: 0, data: null, wrap_info: null, warnings: null, auth: null, ...extra };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    const v: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function norm(namespace: string): string {
  return namespace.replace(/^\/+|\/+$/g, '');
}

function secretKey(namespace: string, mount: string, path: string): string {
  return `${norm(namespace)}|${mount}|${path}`;
}

/** A policy path glob: a trailing `*` matches any rest, otherwise the path must be equal. */
function allows(policy: string, path: string): boolean {
  return policy.endsWith('*') ? path.startsWith(policy.slice(0, -1)) : policy === path;
}
