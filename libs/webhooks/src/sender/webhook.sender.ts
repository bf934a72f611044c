import { CidrList, GuardedHttpClient, OutboundHttpError, OutboundTargetRefusedError, displayUrl } from '@netpulse/net-policy';
import { createHmac } from 'node:crypto';
import { WebhookBody } from '../payload/webhook.body';
import { WebhookDeliveryError } from './webhook-delivery.error';
import { WEBHOOK_DEFAULTS, WebhookConfig } from './webhook.config';

export interface WebhookSenderOptions {
  /** Networks a webhook may reach (`security.allowed_targets`). */
  readonly allowedTargets: readonly string[] | CidrList;
  /**
   * Key for `X-NetPulse-Signature`; unset → deliveries are not signed. Receivers verify with
   * `hex(HMAC-SHA256(secret, raw body bytes))` compared in constant time to the header after `sha256=`.
   */
  readonly signingSecret?: string | null;
  /** Outbound HTTP adapter; built from `allowedTargets` when absent. */
  readonly http?: GuardedHttpClient;
  /** Clock for `X-NetPulse-Timestamp`, epoch ms. */
  readonly now?: () => number;
}

export interface WebhookSendResult {
  /** HTTP status of the (2xx) answer. */
  readonly status: number;
  readonly durationMs: number;
}

/** The answer body is not used; read at most this much of it. */
const ANSWER_BYTES = 64 * 1024;

export const SIGNATURE_HEADER = 'x-netpulse-signature';
export const TIMESTAMP_HEADER = 'x-netpulse-timestamp';
/** The same on every attempt of one delivery: receivers de-duplicate on it. */
export const DELIVERY_HEADER = 'x-netpulse-delivery';

/**
 * Sends one webhook attempt: JSON body for every method (GET too, as the original's
 * `requests.request(json=...)`), the request's headers, cookies, Basic auth and timeout. A 2xx answer is
 * success; any other status (redirects included: they are not followed) or a network error is a
 * failure. Targets outside the allowlist are refused before any connection.
 *
 * Signing: with a secret configured, `X-NetPulse-Signature: sha256=<hex HMAC-SHA256 of the exact body
 * bytes>` and `X-NetPulse-Timestamp: <unix seconds of this attempt>`. The body's own `timestamp` (when
 * the payload was built) is covered by the signature; receivers reject stale ones by it and drop
 * repeats by `id` + `event_type` (retries send the same body).
 */
export class WebhookSender {
  private readonly http: GuardedHttpClient;
  private readonly signingSecret: string | null;
  private readonly now: () => number;

  constructor(options: WebhookSenderOptions) {
    const allowed = options.allowedTargets instanceof CidrList ? options.allowedTargets : CidrList.parse(options.allowedTargets);
    this.http = options.http ?? new GuardedHttpClient(allowed);
    this.signingSecret = options.signingSecret || null;
    this.now = options.now ?? Date.now;
  }

  /**
   * `payload` is sent as its JSON, or as it is when it is a {@link WebhookBody} (a large one is read
   * as it is sent).
   * @throws WebhookDeliveryError (secrets masked) when the attempt fails
   */
  async send(webhook: WebhookConfig, payload: unknown, deliveryId?: string): Promise<WebhookSendResult> {
    const body = payload instanceof WebhookBody ? payload : WebhookBody.of(payload);
    const target = displayUrl(webhook.url);
    const timeout = webhook.timeout ?? WEBHOOK_DEFAULTS.timeout;
    if (!Number.isFinite(timeout) || timeout <= 0) throw new WebhookDeliveryError('bad_config', `Webhook ${target}: timeout must be a number of seconds greater than 0`, webhook);
    const started = Date.now();
    let status: number;
    try {
      const res = await this.http.request({
        body: body.whole ?? body,
        headers: await this.headers(webhook, body, deliveryId),
        maxResponseBytes: ANSWER_BYTES,
        method: (webhook.method ?? WEBHOOK_DEFAULTS.method).toUpperCase(),
        timeoutMs: Math.round(timeout * 1000),
        truncateBody: true,
        url: webhook.url,
      });
      status = res.status;
    } catch (err) {
      throw toDeliveryError(err, target, timeout, webhook);
    }
    if (status < 200 || status >= 300) {
      const note = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
      throw new WebhookDeliveryError('http_status', `Webhook ${target} answered HTTP ${status}${note}`, webhook, status);
    }
    return { durationMs: Date.now() - started, status };
  }

  private async headers(webhook: WebhookConfig, body: WebhookBody, deliveryId?: string): Promise<Record<string, string>> {
    // Header names are case-insensitive: the request's own win over our defaults, as with requests.
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'netpulse-webhook' };
    for (const [name, value] of Object.entries(webhook.headers ?? {})) headers[name.toLowerCase()] = value;
    const cookies = Object.entries(webhook.cookies ?? {}).map(([k, v]) => `${k}=${v}`);
    if (cookies.length > 0) headers.cookie = [headers.cookie, ...cookies].filter((c) => c).join('; ');
    if (webhook.auth) {
      const [user = '', password = ''] = webhook.auth;
      headers.authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
    }
    if (deliveryId) headers[DELIVERY_HEADER] = deliveryId;
    if (this.signingSecret) {
      // A body not in memory is read once to sign it, then again as it is sent.
      const hmac = createHmac('sha256', this.signingSecret);
      for await (const part of body.parts()) hmac.update(part);
      headers[SIGNATURE_HEADER] = `sha256=${hmac.digest('hex')}`;
      headers[TIMESTAMP_HEADER] = String(Math.floor(this.now() / 1000));
    }
    return headers;
  }
}

function toDeliveryError(err: unknown, target: string, timeout: number, webhook: WebhookConfig): WebhookDeliveryError {
  if (err instanceof OutboundTargetRefusedError) return new WebhookDeliveryError('refused', `Webhook ${target} refused: ${err.message}`, webhook);
  if (err instanceof OutboundHttpError) {
    if (err.reason === 'timeout') return new WebhookDeliveryError('timeout', `Webhook ${target} did not answer within ${timeout} s`, webhook);
    if (err.reason === 'bad_url') return new WebhookDeliveryError('bad_config', `Webhook URL: ${err.message}`, webhook);
    return new WebhookDeliveryError('network', `Webhook ${target}: ${err.message}`, webhook);
  }
  // Node rejects malformed header names or values before sending; never echo the value.
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return new WebhookDeliveryError('bad_config', `Webhook ${target} could not be sent${code ? ` (${code})` : ''}`, webhook);
}
