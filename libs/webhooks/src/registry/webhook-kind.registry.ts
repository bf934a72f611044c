import { NamedRegistry } from '@netpulse/contracts';
import { BUILTIN_WEBHOOK_KINDS } from './builtin-webhook-kinds';
import { UnknownWebhookKindError } from './unknown-webhook-kind.error';
import type { WebhookKind, WebhookKindDeps } from './webhook-kind.types';

/** The webhook kinds this process knows, by name: built-ins and plugins alike register here. */
export class WebhookKindRegistry extends NamedRegistry<WebhookKind> {
  constructor() {
    // `require` throws UnknownWebhookKindError naming the known kinds.
    super('webhook kind', (name, known) => new UnknownWebhookKindError(name, known));
  }

  static withBuiltins(deps: WebhookKindDeps): WebhookKindRegistry {
    const registry = new WebhookKindRegistry();
    for (const K of BUILTIN_WEBHOOK_KINDS) registry.register(new K(deps));
    return registry;
  }
}
