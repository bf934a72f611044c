/** A `webhook.name` no registry knows. In a request body that is the controller's 422 on `webhook.name`. */
export class UnknownWebhookKindError extends Error {
  constructor(
    readonly kind: string,
    readonly known: readonly string[],
  ) {
    super(`Webhook ${kind} not found (known: ${known.join(', ') || 'none'})`);
    this.name = 'UnknownWebhookKindError';
  }
}
