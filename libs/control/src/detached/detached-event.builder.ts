import { ResultType, formatDatetime } from '@netpulse/contracts';
import type { DetachedTaskEntry, JobRecord } from '@netpulse/state';
import type { DetachedEventPayload, DetachedEventType } from './detached-event.sink';

const RESULT_TYPES: Record<ResultType, DetachedEventPayload['result']['type']> = {
  [ResultType.Successful]: 'successful',
  [ResultType.Failed]: 'failed',
  [ResultType.Stopped]: 'stopped',
  [ResultType.Retried]: 'retried',
};

const when = (micros: number | null): string | null => (micros === null ? null : formatDatetime(micros));

/** The webhook body of a supervisor query's outcome: `id` is the task id, `retval` the log delta. */
export function detachedEventPayload(task: DetachedTaskEntry, rec: JobRecord, eventType: DetachedEventType, nowMs = Date.now()): DetachedEventPayload {
  const deviceType = task.connection_args.device_type;
  return {
    id: task.task_id,
    status: rec.status === 'finished' ? 'finished' : 'failed',
    event_type: eventType,
    final: eventType === 'detached.completed',
    timestamp: formatDatetime(nowMs * 1000, 'UTC'),
    started_at: when(rec.startedAt),
    ended_at: when(rec.endedAt),
    duration: rec.startedAt !== null && rec.endedAt !== null ? (rec.endedAt - rec.startedAt) / 1e6 : null,
    result: { type: RESULT_TYPES[rec.result?.type ?? ResultType.Failed], retval: rec.result?.retval ?? null, error: rec.result?.error ?? null },
    device: { host: task.host, device_type: typeof deviceType === 'string' ? deviceType : null },
    task_id: task.task_id,
    device_name: task.host,
    command: task.command,
  };
}
