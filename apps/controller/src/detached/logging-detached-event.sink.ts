import { Injectable } from '@nestjs/common';
import { AppLogger } from '@netpulse/observability';
import { DetachedEventPayload, DetachedEventSink, DetachedEventType } from './detached-event.sink';

/** Logs detached-task events (no delivery): what runs until the webhook dispatcher is plugged in. */
@Injectable()
export class LoggingDetachedEventSink extends DetachedEventSink {
  constructor(private readonly logger: AppLogger) {
    super();
  }

  emit(taskId: string, eventType: DetachedEventType, payload: DetachedEventPayload, webhook: Record<string, unknown> | null): Promise<void> {
    // The log delta itself is not logged: it can be large, and it is the device's output.
    const bytes = (payload.result.retval ?? []).reduce((n, r) => n + (typeof r.stdout === 'string' ? Buffer.byteLength(r.stdout) : 0), 0);
    this.logger.event('info', 'detached task event', { task_id: taskId, event_type: eventType, final: payload.final, status: payload.status, bytes, has_webhook: webhook !== null });
    return Promise.resolve();
  }
}
