/** How one attempt ended, by the metric's labels: delivered, retry scheduled, or given up. */
export type WebhookDeliveryResult = 'delivered' | 'retrying' | 'failed';

/** What {@link WebhookDispatcher.processDelivery} reports; safe to log (no secrets, URL without userinfo or query). */
export interface WebhookDeliveryOutcome {
  readonly deliveryId: string;
  readonly attempt: number;
  readonly result: WebhookDeliveryResult;
  /** Scheme, host and path of the webhook URL. */
  readonly target: string;
  /** HTTP status of the answer, when there was one. */
  readonly status: number | null;
  readonly error: string | null;
  /** Delay of the retry scheduled, milliseconds (result `retrying`). */
  readonly retryInMs: number | null;
}
