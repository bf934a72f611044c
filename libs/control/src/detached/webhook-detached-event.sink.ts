import { Injectable } from '@nestjs/common';
import { AppLogger } from '@netpulse/observability';
import { WebhookConfig, WebhookDispatcher } from '@netpulse/webhooks';
import { DetachedEventPayload, DetachedEventSink, DetachedEventType } from './detached-event.sink';

/** Detached-task events go out as webhooks through `WebhookQ`, like job events (retries included). */
@Injectable()
export class WebhookDetachedEventSink extends DetachedEventSink {
  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly logger: AppLogger,
  ) {
    super();
  }

  async emit(taskId: string, eventType: DetachedEventType, payload: DetachedEventPayload, webhook: Record<string, unknown> | null): Promise<void> {
    this.logger.event('info', 'detached task event', { task_id: taskId, event_type: eventType, final: payload.final });
    if (!webhook) return;
    await this.dispatcher.enqueue(webhook as unknown as WebhookConfig, payload as unknown as Record<string, unknown>);
  }
}
