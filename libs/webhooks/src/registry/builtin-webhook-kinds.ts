import { BasicWebhookKind } from './basic.webhook-kind';
import type { WebhookKind, WebhookKindDeps } from './webhook-kind.types';

/** Webhook kinds shipped with NetPulse. Adding one is adding a line here. */
export const BUILTIN_WEBHOOK_KINDS: readonly (new (deps: WebhookKindDeps) => WebhookKind)[] = [BasicWebhookKind];
