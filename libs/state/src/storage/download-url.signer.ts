import type { AppConfigValue } from '@netpulse/config';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { hostname } from 'node:os';

/** Why a `/storage/fetch` signature was refused. */
export type SignatureCheck = 'ok' | 'expired' | 'invalid';

/**
 * Signed, expiring `download_url`s of `/storage/fetch` (docs/compatibility.md: Signed download URLs). Workers sign when they fill a
 * download result; the controller verifies, without the API key. The HMAC-SHA256 covers the file id
 * and the expiry, so neither can be changed, and its key derives from the shared payload secret.
 */
export class DownloadUrlSigner {
  /**
   * @param key     HMAC key (`SecretBox.deriveKey('storage-fetch')`)
   * @param baseUrl where clients reach the controller, no trailing slash (`publicBaseUrl`)
   * @param ttlS    how long a URL stays valid, seconds
   * @param previousKeys keys of before a rotation of `security.secret_key`: their URLs still verify
   */
  constructor(
    private readonly key: Buffer,
    readonly baseUrl: string,
    readonly ttlS: number,
    private readonly previousKeys: readonly Buffer[] = [],
  ) {
    if (!(ttlS > 0)) throw new Error('DownloadUrlSigner ttlS must be a number greater than 0');
  }

  /** `<base>/storage/fetch/<file id>?expires=<epoch s>&sig=<hex>`; each path segment URL-encoded. */
  urlFor(fileId: string, nowMs = Date.now()): string {
    const expires = Math.floor(nowMs / 1000) + Math.ceil(this.ttlS);
    const path = fileId.split('/').map(encodeURIComponent).join('/');
    return `${this.baseUrl}/storage/fetch/${path}?expires=${expires}&sig=${this.sign(fileId, expires)}`;
  }

  /** The signature of `fileId` (decoded, `/`-separated) valid until `expires` (epoch seconds). */
  sign(fileId: string, expires: number, key: Buffer = this.key): string {
    return createHmac('sha256', key).update(`${fileId}\n${expires}`).digest('hex');
  }

  /** Checks the `expires` and `sig` query values of a fetch, in constant time. */
  verify(fileId: string, expires: unknown, sig: unknown, nowMs = Date.now()): SignatureCheck {
    if (typeof expires !== 'string' || typeof sig !== 'string' || !/^\d{1,12}$/.test(expires) || !/^[0-9a-f]{64}$/.test(sig)) return 'invalid';
    const given = Buffer.from(sig, 'hex');
    const matches = [this.key, ...this.previousKeys].some((key) => timingSafeEqual(Buffer.from(this.sign(fileId, Number(expires), key), 'hex'), given));
    if (!matches) return 'invalid';
    return Number(expires) * 1000 < nowMs ? 'expired' : 'ok';
  }
}

/**
 * Base of `download_url`: `server.external_url`, else `http://<server.host>:<port>`,
 * with the machine's host name standing in for a wildcard listen address.
 */
export function publicBaseUrl(server: Pick<AppConfigValue['server'], 'host' | 'port' | 'external_url'>): string {
  if (server.external_url) return server.external_url.replace(/\/+$/, '');
  const wildcard = server.host === '0.0.0.0' || server.host === '::' || server.host === '';
  const host = wildcard ? hostname() : server.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${server.port}`;
}
