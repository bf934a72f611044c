import { BUILTIN_WEBHOOK_KINDS } from './builtin-webhook-kinds';
import { UnknownWebhookKindError } from './unknown-webhook-kind.error';
import type { WebhookKind, WebhookKindDeps } from './webhook-kind.types';

/** The webhook kinds this process knows, by name: built-ins and plugins alike register here. */
export class WebhookKindRegistry {
  private readonly kinds = new Map<string, WebhookKind>();

  static withBuiltins(deps: WebhookKindDeps): WebhookKindRegistry {
    const registry = new WebhookKindRegistry();
    for (const K of BUILTIN_WEBHOOK_KINDS) registry.register(new K(deps));
    return registry;
  }

  /** @throws Error at startup when a name is registered twice */
  register(kind: WebhookKind): void {
    if (this.kinds.has(kind.name)) throw new Error(`webhook kind ${kind.name} is registered twice`);
    this.kinds.set(kind.name, kind);
  }

  get(name: string): WebhookKind | undefined {
    return this.kinds.get(name);
  }

  /** @throws UnknownWebhookKindError naming the known kinds */
  require(name: string): WebhookKind {
    const kind = this.kinds.get(name);
    if (!kind) throw new UnknownWebhookKindError(name, this.names());
    return kind;
  }

  names(): string[] {
    return [...this.kinds.keys()].sort();
  }
}
