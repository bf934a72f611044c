import type { WebhookBody } from '../payload/webhook.body';
import type { WebhookConfig } from '../sender/webhook.config';
import type { WebhookSendResult } from '../sender/webhook.sender';
import type { WebhookKind, WebhookKindDeps } from './webhook-kind.types';

/** Kind `basic` (the only one the original ships): the payload as JSON to the configured URL. */
export class BasicWebhookKind implements WebhookKind {
  readonly name = 'basic';

  constructor(private readonly deps: WebhookKindDeps) {}

  deliver(webhook: WebhookConfig, payload: Readonly<Record<string, unknown>> | WebhookBody, deliveryId?: string): Promise<WebhookSendResult> {
    return this.deps.sender.send(webhook, payload, deliveryId);
  }
}
