import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';

/** Largest Vault answer read, bytes: a KV secret or a login answer is small. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface VaultHttpSettings {
  /** Vault's address, e.g. `https://vault.example:8200`. */
  readonly addr: string;
  /** TLS: true verifies against the system CAs, a string names a CA bundle file, false skips verification. */
  readonly verify: boolean | string;
  /** Seconds one request may take. */
  readonly timeout: number;
}

export interface VaultAnswer {
  readonly status: number;
  readonly body: Record<string, unknown> | null;
}

/** Thrown when Vault cannot be reached or does not answer in time (never carries the token). */
export class VaultUnreachableError extends Error {
  override readonly name = 'VaultUnreachableError';
}

/**
 * The one adapter to Vault's HTTP API: JSON in, JSON out, the token and namespace as headers. It knows
 * nothing of KV or auth methods; those live in the provider and the token source.
 */
export class VaultHttpClient {
  private readonly base: URL;
  private readonly agent: Agent | undefined;

  constructor(private readonly settings: VaultHttpSettings) {
    this.base = new URL(settings.addr);
    if (this.base.protocol !== 'http:' && this.base.protocol !== 'https:') throw new Error(`credential.addr must be an http(s) URL (got ${this.base.protocol})`);
    if (this.base.protocol === 'https:') {
      const ca = typeof settings.verify === 'string' ? readFileSync(settings.verify) : undefined;
      this.agent = new Agent({ keepAlive: true, rejectUnauthorized: settings.verify !== false, ca });
    }
  }

  get address(): string {
    return this.base.origin;
  }

  call(method: 'GET' | 'POST', path: string, opts: { token?: string | null; namespace?: string | null; body?: unknown } = {}): Promise<VaultAnswer> {
    const url = new URL(`/v1/${path}`, this.base);
    const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.token) headers['X-Vault-Token'] = opts.token;
    if (opts.namespace) headers['X-Vault-Namespace'] = opts.namespace;
    if (payload) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(payload.length);
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<VaultAnswer>((resolve, reject) => {
      const req = send(url, { method, headers, agent: this.agent, timeout: this.settings.timeout * 1000 }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY_BYTES) {
            req.destroy(new VaultUnreachableError(`Vault at ${this.address} answered more than ${MAX_BODY_BYTES} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> | null = null;
          try {
            const parsed: unknown = text === '' ? null : JSON.parse(text);
            body = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
          } catch {
            body = null;
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
        res.on('error', (err) => reject(new VaultUnreachableError(`Vault at ${this.address} did not answer: ${err.message}`)));
      });
      req.on('timeout', () => req.destroy(new VaultUnreachableError(`Vault at ${this.address} did not answer within ${this.settings.timeout} s`)));
      req.on('error', (err) => reject(err instanceof VaultUnreachableError ? err : new VaultUnreachableError(`Vault at ${this.address} is unreachable: ${(err as NodeJS.ErrnoException).code ?? err.message}`)));
      req.end(payload);
    });
  }
}

/** Vault's `errors` list as one line (`permission denied`), empty when it gave none. */
export function vaultErrors(answer: VaultAnswer): string {
  const errors = answer.body?.errors;
  if (!Array.isArray(errors)) return '';
  return errors
    .map((e) => String(e).replace(/\s*\d+ errors? occurred:\s*/g, '').replace(/[\t\n*]+/g, ' ').trim())
    .filter((e) => e !== '')
    .join('; ');
}
