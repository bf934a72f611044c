import { displayUrl } from '@netpulse/net-policy';
import { randomUUID } from 'node:crypto';
import type { WebhookKindRegistry } from '../registry/webhook-kind.registry';
import { WebhookDeliveryError } from '../sender/webhook-delivery.error';
import { WEBHOOK_DEFAULTS, WebhookConfig } from '../sender/webhook.config';
import { WebhookBody } from '../payload/webhook.body';
import type { DeliveryQueue, SealedWebhook, StoredRetval, StoredRetvalSource, WebhookDeliveryJob, WebhookSealer } from './webhook-delivery.job';
import type { WebhookDeliveryOutcome } from './webhook-delivery.outcome';

export interface WebhookDispatcherOptions {
  /** Seals the webhook config in job data (SecretBox). Without it the config is stored as is. */
  readonly sealer?: WebhookSealer;
  /** Reads the stored retval of a job with a large result (the job store); without it such a delivery fails. */
  readonly storedRetvals?: StoredRetvalSource;
  /** Told of every attempt's outcome (metrics, logs). Must not throw. */
  readonly onOutcome?: (outcome: WebhookDeliveryOutcome) => void;
}

/**
 * Webhook delivery through `WebhookQ` (docs/compatibility.md: Webhook delivery on its own queue, retries that run). Every attempt is a job: the first is
 * enqueued when a device job ends, so a slow receiver never holds up the device's next job; a failed
 * attempt with retries left enqueues the next one as a delayed job after `retry_intervals[n-1]` s
 * (the last value reused), until `max_retries` retries were made. Delivery never changes a job's outcome.
 */
export class WebhookDispatcher {
  constructor(
    private readonly queue: DeliveryQueue,
    private readonly kinds: WebhookKindRegistry,
    private readonly options: WebhookDispatcherOptions = {},
  ) {}

  /**
   * Queues the first attempt. Returns the delivery id. With `retval`, `payload.result.retval` must be
   * null: the stored bytes take its place when the body is sent (a large result never travels in job data).
   * @throws UnknownWebhookKindError for a `webhook.name` no kind has (the controller rejects it earlier)
   */
  async enqueue(webhook: WebhookConfig, payload: Readonly<Record<string, unknown>>, retval?: StoredRetval): Promise<string> {
    this.kinds.require(webhook.name ?? WEBHOOK_DEFAULTS.name);
    // A plain JSON copy: a DTO instance or shared object must not travel (or change) with the job.
    const plain = JSON.parse(JSON.stringify(webhook)) as WebhookConfig;
    const job: WebhookDeliveryJob = {
      attempt: 1,
      id: randomUUID(),
      payload,
      webhook: this.options.sealer ? { sealed: this.options.sealer.seal(JSON.stringify(plain)) } : plain,
      ...(retval ? { retval: { from: retval.from, job: retval.job, to: retval.to } } : {}),
    };
    await this.queue.add(job, 0);
    return job.id;
  }

  /**
   * The `WebhookQ` processor: one attempt, then the next one scheduled when it failed and retries are
   * left. Never throws (a BullMQ-level retry would bypass the intervals); the outcome says what happened.
   */
  async processDelivery(job: WebhookDeliveryJob): Promise<WebhookDeliveryOutcome> {
    let webhook: WebhookConfig;
    try {
      webhook = this.open(job.webhook);
    } catch (err) {
      return this.report(job, '<sealed>', 'failed', null, `Webhook config could not be opened: ${err instanceof Error ? err.message : String(err)}`, null);
    }
    const target = displayUrl(webhook.url);
    try {
      const kind = this.kinds.require(webhook.name ?? WEBHOOK_DEFAULTS.name);
      let payload: Readonly<Record<string, unknown>> | WebhookBody = job.payload;
      if (job.retval) {
        const retval = await this.options.storedRetvals?.retvalBytes(job.retval);
        // Kept for the retry schedule (see JobEndNotifier); gone means nothing can be sent, now or later.
        if (!retval) return this.report(job, target, 'failed', null, `The result of job ${job.retval.job} is no longer stored: the webhook body cannot be built`, null);
        payload = WebhookBody.spliced(job.payload, retval);
      }
      const sent = await kind.deliver(webhook, payload, job.id);
      return this.report(job, target, 'delivered', sent.status, null, null);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const status = err instanceof WebhookDeliveryError ? err.status : null;
      // Unknown kinds, refused targets and bad configs fail the same way every time: no retry.
      const retryable = err instanceof WebhookDeliveryError && err.retryable;
      const maxRetries = webhook.max_retries ?? WEBHOOK_DEFAULTS.max_retries;
      const retriesMade = job.attempt - 1;
      if (!retryable || retriesMade >= maxRetries) return this.report(job, target, 'failed', status, message, null);
      const delayMs = retryDelayMs(webhook.retry_intervals ?? WEBHOOK_DEFAULTS.retry_intervals, retriesMade + 1);
      try {
        await this.queue.add({ ...job, attempt: job.attempt + 1 }, delayMs);
      } catch (queueErr) {
        const why = queueErr instanceof Error ? queueErr.message : String(queueErr);
        return this.report(job, target, 'failed', status, `${message}; the retry could not be scheduled: ${why}`, null);
      }
      return this.report(job, target, 'retrying', status, message, delayMs);
    }
  }

  private open(webhook: WebhookConfig | SealedWebhook): WebhookConfig {
    if (!('sealed' in webhook)) return webhook;
    if (!this.options.sealer) throw new Error('the job holds a sealed config and this process has no key to open it');
    return JSON.parse(this.options.sealer.open(webhook.sealed)) as WebhookConfig;
  }

  private report(
    job: WebhookDeliveryJob,
    target: string,
    result: WebhookDeliveryOutcome['result'],
    status: number | null,
    error: string | null,
    retryInMs: number | null,
  ): WebhookDeliveryOutcome {
    const outcome: WebhookDeliveryOutcome = { attempt: job.attempt, deliveryId: job.id, error, result, retryInMs, status, target };
    this.options.onOutcome?.(outcome);
    return outcome;
  }
}

/** Retry n (1-based) waits `intervals[n-1]` seconds; past the end the last value is reused; none → at once. */
export function retryDelayMs(intervals: readonly number[], retry: number): number {
  if (intervals.length === 0) return 0;
  const seconds = intervals[Math.min(retry, intervals.length) - 1] ?? 0;
  return Math.max(0, seconds) * 1000;
}

/** How long after the first attempt the last retry of `webhook` may still start, ms: every wait between attempts plus every attempt's timeout. */
export function deliveryHorizonMs(webhook: Pick<WebhookConfig, 'max_retries' | 'retry_intervals' | 'timeout'>): number {
  const retries = Math.max(0, webhook.max_retries ?? WEBHOOK_DEFAULTS.max_retries);
  const intervals = webhook.retry_intervals ?? WEBHOOK_DEFAULTS.retry_intervals;
  let ms = (retries + 1) * Math.max(0, webhook.timeout ?? WEBHOOK_DEFAULTS.timeout) * 1000;
  for (let n = 1; n <= retries; n++) ms += retryDelayMs(intervals, n);
  return ms;
}
