import { DriverExecutionResult, JobResult, ResultType, formatDatetime, nowMicros } from '@netpulse/contracts';

export type WebhookEventType = 'job.completed' | 'job.failed' | 'detached.log_push' | 'detached.completed';

/** `result.type` on the webhook wire: the name, not the number the job record stores. */
export type WebhookResultType = 'successful' | 'failed' | 'stopped' | 'retried';

/** The job fields a payload copies; a `JobInResponse` has them all. */
export interface WebhookJobInfo {
  readonly id: string;
  readonly started_at: string | null;
  readonly ended_at: string | null;
  readonly duration: number | null;
  readonly device_name: string | null;
  readonly command: readonly string[] | null;
}

export interface WebhookDevice {
  readonly host: string;
  readonly device_type: string | null;
}

export interface WebhookPayloadInput {
  readonly job: WebhookJobInfo;
  readonly result: JobResult | null;
  readonly eventType: WebhookEventType;
  /** False only for `detached.log_push`; that is the default. */
  readonly final?: boolean;
  readonly device: WebhookDevice | null;
  /** The detached task's id; it is also the payload `id` of `detached.*` events. */
  readonly taskId?: string | null;
  /** Default: `failed` for `job.failed`, else `finished`. */
  readonly status?: 'finished' | 'failed';
  /** When the payload is built, epoch microseconds. Default: now. */
  readonly nowMicros?: number;
}

/** The 0.4.2+ webhook body, keys in the order the original emits them. */
export type WebhookPayload = {
  id: string;
  status: 'finished' | 'failed';
  event_type: WebhookEventType;
  final: boolean;
  timestamp: string;
  started_at: string | null;
  ended_at: string | null;
  duration: number | null;
  result: { type: WebhookResultType; retval: DriverExecutionResult[] | null; error: { type: string; message: string } | null } | null;
  device: { host: string; device_type: string | null } | null;
  task_id: string | null;
  device_name: string | null;
  command: string[] | null;
};

const RESULT_TYPE_NAMES: Readonly<Record<ResultType, WebhookResultType>> = {
  [ResultType.Successful]: 'successful',
  [ResultType.Failed]: 'failed',
  [ResultType.Stopped]: 'stopped',
  [ResultType.Retried]: 'retried',
};

/**
 * Builds the payload once, when the job ends; retries send these same bytes' source (the original
 * rebuilds nothing either). `timestamp` is UTC with `+00:00`, whatever `TZ` says.
 */
export function buildWebhookPayload(input: WebhookPayloadInput): WebhookPayload {
  const detached = input.eventType.startsWith('detached.');
  const taskId = input.taskId ?? null;
  const { job, result } = input;
  return {
    id: detached && taskId !== null ? taskId : job.id,
    status: input.status ?? (input.eventType === 'job.failed' ? 'failed' : 'finished'),
    event_type: input.eventType,
    final: input.final ?? input.eventType !== 'detached.log_push',
    timestamp: formatDatetime(input.nowMicros ?? nowMicros(), 'UTC'),
    started_at: job.started_at,
    ended_at: job.ended_at,
    duration: job.duration,
    result: result === null ? null : { type: RESULT_TYPE_NAMES[result.type], retval: result.retval, error: result.error ? { type: result.error.type, message: result.error.message } : null },
    device: input.device === null ? null : { host: input.device.host, device_type: input.device.device_type },
    task_id: taskId,
    device_name: job.device_name,
    command: job.command === null ? null : [...job.command],
  };
}
