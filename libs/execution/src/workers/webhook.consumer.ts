import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppLogger, NetpulseMetrics, backgroundFailure } from '@netpulse/observability';
import { Job, JobQueues, WEBHOOK_QUEUE } from '@netpulse/state';
import { WebhookDeliveryJob, WebhookDispatcher } from '@netpulse/webhooks';
import type { Worker } from 'bullmq';

const CONCURRENCY = 8;

/**
 * Delivers webhooks from `WebhookQ`. Runs in every worker app (FIFO and node), so a deployment with
 * only one kind of worker still delivers; attempts and their delayed retries are BullMQ jobs. Started
 * by `startWorkerApp` with the role's consumers.
 */
@Injectable()
export class WebhookConsumer implements OnApplicationShutdown {
  private worker: Worker<WebhookDeliveryJob> | null = null;

  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly logger: AppLogger,
    private readonly metrics: NetpulseMetrics,
    private readonly queues: JobQueues,
  ) {}

  start(): void {
    this.worker = this.queues.consumer<WebhookDeliveryJob>(WEBHOOK_QUEUE, async (job: Job<WebhookDeliveryJob>) => {
      await this.dispatcher.processDelivery(job.data);
    }, { concurrency: CONCURRENCY });
    this.worker.on('error', (err) => this.logger.event('warn', 'webhook consumer error', { err: err.message }));
    void this.worker.run().catch(backgroundFailure(this.logger, this.metrics, 'control_loop', 'webhook consumer stopped'));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
