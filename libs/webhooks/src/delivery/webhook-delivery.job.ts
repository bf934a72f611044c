import type { StreamedBody } from '@netpulse/net-policy';
import type { WebhookConfig } from '../sender/webhook.config';

/** The webhook config sealed by the project's SecretBox: its auth, cookies and headers never sit in Redis in clear. */
export interface SealedWebhook {
  readonly sealed: string;
}

/**
 * A payload's `result.retval` kept out of the job data: bytes `[from, to)` of the job's stored
 * result (a large one, in its own key), read a part at a time when the body is sent.
 */
export interface StoredRetval {
  readonly job: string;
  readonly from: number;
  readonly to: number;
}

/** Reads a {@link StoredRetval} (the job store): null when the stored result is gone or shorter. */
export interface StoredRetvalSource {
  retvalBytes(ref: StoredRetval): Promise<StreamedBody | null>;
}

/** Data of one `WebhookQ` job: one delivery attempt. */
export interface WebhookDeliveryJob {
  /** One delivery (a payload to a webhook), the same across its attempts. */
  readonly id: string;
  readonly webhook: WebhookConfig | SealedWebhook;
  /** Built once when the job ended; every attempt sends it unchanged. */
  readonly payload: Readonly<Record<string, unknown>>;
  /** Set for a job with a large result: `payload.result.retval` is null and these bytes go in its place. */
  readonly retval?: StoredRetval;
  /** 1 for the first delivery, n + 1 for retry n. */
  readonly attempt: number;
}

/**
 * Where delivery jobs go: `WebhookQ` on the project's BullMQ adapter. `add` with `delayMs > 0` must
 * make a delayed job that runs by itself when due (docs/compatibility.md: Webhook delivery on its own queue, retries that run), and should use
 * {@link deliveryJobId} as the job id, so a repeated `add` of the same attempt is a no-op.
 */
export interface DeliveryQueue {
  add(job: WebhookDeliveryJob, delayMs: number): Promise<void>;
}

/** Encrypts the webhook config inside job data (the project's SecretBox fits). */
export interface WebhookSealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

/** BullMQ job id of one attempt: unique per attempt, stable for the same attempt. */
export function deliveryJobId(job: Pick<WebhookDeliveryJob, 'id' | 'attempt'>): string {
  return `${job.id}-${job.attempt}`;
}
