import type { WebhookBody } from '../payload/webhook.body';
import type { WebhookConfig } from '../sender/webhook.config';
import type { WebhookSendResult, WebhookSender } from '../sender/webhook.sender';

/** What a webhook kind is built with. */
export interface WebhookKindDeps {
  readonly sender: WebhookSender;
}

/** A kind of webhook (`webhook.name`): how one delivery attempt of a built payload is made. */
export interface WebhookKind {
  readonly name: string;
  /** @throws WebhookDeliveryError (secrets masked) when the attempt fails */
  /** `deliveryId` is the same for every attempt of one delivery (receivers de-duplicate on it). */
  deliver(webhook: WebhookConfig, payload: Readonly<Record<string, unknown>> | WebhookBody, deliveryId?: string): Promise<WebhookSendResult>;
}
