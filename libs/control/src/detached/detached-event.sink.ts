import type { DriverExecutionResult, JobError } from '@netpulse/contracts';

/** Events the detached-task supervisor produces. */
export type DetachedEventType = 'detached.log_push' | 'detached.completed';

/** The webhook body of a detached event (the job webhook payload; `id` is the task id). */
export interface DetachedEventPayload {
  id: string;
  status: 'finished' | 'failed';
  event_type: DetachedEventType;
  final: boolean;
  timestamp: string;
  started_at: string | null;
  ended_at: string | null;
  duration: number | null;
  result: { type: 'successful' | 'failed' | 'stopped' | 'retried'; retval: DriverExecutionResult[] | null; error: JobError | null };
  device: { host: string; device_type: string | null } | null;
  task_id: string;
  device_name: string | null;
  command: string[] | null;
}

/**
 * Where detached-task events go. The default logs them; the webhook dispatcher (libs/webhooks)
 * replaces it by binding its own class to this token. `webhook` is the task's `WebHook` request
 * (secrets included, never to be logged), or null when the task has none.
 */
export abstract class DetachedEventSink {
  abstract emit(taskId: string, eventType: DetachedEventType, payload: DetachedEventPayload, webhook: Record<string, unknown> | null): Promise<void>;
}
