import type { WebhookConfig } from './webhook.config';
import { maskWebhookConfig } from './webhook-secret.masker';

/** Why one delivery attempt failed. */
export type WebhookFailure = 'refused' | 'bad_config' | 'http_status' | 'network' | 'timeout';

/**
 * A delivery attempt that failed. Carries the webhook with its secrets masked, never in clear; the
 * message names the target by scheme, host and path only.
 */
export class WebhookDeliveryError extends Error {
  readonly webhook: WebhookConfig;

  constructor(
    readonly reason: WebhookFailure,
    message: string,
    webhook: WebhookConfig,
    /** HTTP status of the answer, when there was one. */
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'WebhookDeliveryError';
    this.webhook = maskWebhookConfig(webhook);
  }

  /** A refused target or a bad config fails the same way every time: no retry. */
  get retryable(): boolean {
    return this.reason !== 'refused' && this.reason !== 'bad_config';
  }
}
