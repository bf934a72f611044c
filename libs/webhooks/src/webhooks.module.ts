import { Global, Module } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { AppLogger, NetpulseMetrics } from '@netpulse/observability';
import { JobQueues, JobStore, SecretBox, WEBHOOK_QUEUE } from '@netpulse/state';
import { deliveryJobId } from './delivery/webhook-delivery.job';
import { WebhookDispatcher } from './delivery/webhook.dispatcher';
import { WebhookKindRegistry } from './registry/webhook-kind.registry';
import { WebhookSender } from './sender/webhook.sender';

/**
 * Webhook delivery for every app: the kinds registry, and the dispatcher that puts each attempt on
 * `WebhookQ` (the webhook config sealed by the SecretBox, metrics and logs of every outcome).
 */
@Global()
@Module({
  providers: [
    {
      provide: WebhookKindRegistry,
      inject: [AppConfig],
      useFactory: (c: AppConfig) =>
        WebhookKindRegistry.withBuiltins({ sender: new WebhookSender({ allowedTargets: [...c.value.security.allowed_targets], signingSecret: c.value.webhook.signing_secret ?? undefined }) }),
    },
    {
      provide: WebhookDispatcher,
      inject: [JobQueues, WebhookKindRegistry, SecretBox, NetpulseMetrics, AppLogger, JobStore],
      useFactory: (q: JobQueues, kinds: WebhookKindRegistry, box: SecretBox, metrics: NetpulseMetrics, logger: AppLogger, jobs: JobStore) =>
        new WebhookDispatcher({ add: (job, delayMs) => q.addTask(WEBHOOK_QUEUE, 'webhook', job, deliveryJobId(job), delayMs) }, kinds, {
          sealer: box,
          storedRetvals: jobs,
          onOutcome: (o) => {
            metrics.webhookDelivery(o.result);
            logger.event(o.result === 'failed' ? 'warn' : 'info', 'webhook delivery', { ...o });
          },
        }),
    },
  ],
  exports: [WebhookDispatcher, WebhookKindRegistry],
})
export class WebhooksModule {}
