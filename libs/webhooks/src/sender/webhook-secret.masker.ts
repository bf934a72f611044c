import { MASK } from '@netpulse/contracts';
import { displayUrl } from '@netpulse/net-policy';
import type { WebhookConfig } from './webhook.config';

/** Header names whose values are credentials, besides any name mentioning a token, secret, password or key. */
const SECRET_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key', 'x-auth-token']);
const SECRET_HEADER_PATTERN = /token|secret|passw|api[-_]?key|signature/i;

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase()) || SECRET_HEADER_PATTERN.test(name);
}

/**
 * A webhook config fit for logs, errors and listings: `auth` and every cookie value masked, secret
 * headers masked, the URL without userinfo and query string.
 */
export function maskWebhookConfig(config: WebhookConfig): WebhookConfig {
  const headers = config.headers ? Object.fromEntries(Object.entries(config.headers).map(([k, v]) => [k, isSecretHeader(k) ? MASK : v])) : config.headers;
  const cookies = config.cookies ? Object.fromEntries(Object.keys(config.cookies).map((k) => [k, MASK])) : config.cookies;
  return { ...config, auth: config.auth ? config.auth.map(() => MASK) : config.auth, cookies, headers, url: displayUrl(config.url) };
}
