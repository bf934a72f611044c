import type { ConnectionTestResponse, DriverExecutionResult, JobError, JobInResponse, JobResult, SystemStatsResponse, WorkerInResponse } from '../jobs/job.types';
import { SCHEMA_REF } from './dto-schema.builder';
import type { JsonSchema, JsonType } from './openapi.types';

/**
 * Every key of `T`, each with its schema. Typing the property maps this way makes the compiler fail
 * when a response interface in `jobs/job.types.ts` gains or loses a field the document does not.
 */
export type SchemaProps<T> = { [K in keyof T]-?: JsonSchema };

export const ref = (name: string): JsonSchema => ({ $ref: `${SCHEMA_REF}${name}` });
export const orNull = (s: JsonSchema): JsonSchema => (s.$ref ? { anyOf: [s, { type: 'null' }] } : { ...s, type: [...toList(s.type), 'null'] });
export const str = (description?: string): JsonSchema => ({ type: 'string', ...(description ? { description } : {}) });
export const int = (description?: string): JsonSchema => ({ type: 'integer', ...(description ? { description } : {}) });
export const num = (description?: string): JsonSchema => ({ type: 'number', ...(description ? { description } : {}) });
export const bool = (description?: string): JsonSchema => ({ type: 'boolean', ...(description ? { description } : {}) });
export const list = (items: JsonSchema, description?: string): JsonSchema => ({ type: 'array', items, ...(description ? { description } : {}) });
/** An ISO-8601 datetime with an explicit offset. */
export const datetime = (description?: string): JsonSchema => ({ type: 'string', format: 'date-time', ...(description ? { description } : {}) });

function toList(t: JsonSchema['type']): JsonType[] {
  if (t === undefined) return [];
  return Array.isArray(t) ? t : [t];
}

/** A closed object: every listed key is always present (the API emits nulls rather than omitting keys). */
export function object<T>(description: string, props: SchemaProps<T>, extra = false): JsonSchema {
  const properties = props as Record<string, JsonSchema>;
  return { type: 'object', description, properties, required: Object.keys(properties), ...(extra ? { additionalProperties: true } : {}) };
}

const JOB_STATUSES = ['queued', 'started', 'finished', 'failed', 'stopped', 'canceled', 'deferred', 'scheduled', 'unknown'];

export const RESPONSE_SCHEMAS: Record<string, JsonSchema> = {
  JobStatus: { type: 'string', enum: JOB_STATUSES, description: 'The job state; `unknown` when absent. Terminal: finished, failed, stopped, canceled.' },
  JobError: object<JobError>('Why a job failed (an exception escaped the job, a timeout, expiry, worker death).', {
    type: str('Exception class name, e.g. `JobTimeoutException`, `JobExpired`, `WorkerDied`.'),
    message: str(),
  }),
  JobResult: object<JobResult>('`result` of a job that ended.', {
    type: { type: 'integer', enum: [1, 2, 3, 4], description: '1 successful, 2 failed, 3 stopped, 4 retried.' },
    retval: orNull(list(ref('DriverExecutionResult'))),
    error: orNull(ref('JobError')),
  }),
  ResultMetadata: {
    type: 'object',
    additionalProperties: true,
    description: 'Common keys below; file transfers and detached tasks add their own.',
    properties: {
      host: orNull(str()),
      duration_seconds: num('Seconds, 3 decimals.'),
      session_reused: bool('The job ran on an already open (pinned) session.'),
      truncated: bool('stdout was cut at `job.max_output_bytes`.'),
    },
  },
  DriverExecutionResult: object<DriverExecutionResult>(
    'One command (or config batch) of a job. A device or connection error is `exit_status: 1` with the message in `stderr`, in a job that is still `finished`.',
    {
      command: str(),
      stdout: { description: 'A string for SSH drivers (byte-exact), a JSON value for pyeapi and for napalm getters and methods (a getter answers its NAPALM structure, `has_pending_commit` a boolean).' },
      stderr: str(),
      exit_status: int('0 = ok.'),
      download_url: orNull(str('Signed, expiring `/storage/fetch/...` URL of a downloaded file.')),
      metadata: ref('ResultMetadata'),
      parsed: { description: 'Parser output when `parsing` was requested, else null.' },
    },
  ),
  JobInResponse: object<JobInResponse>('A job as the API reports it, keys in this order.', {
    id: str(),
    status: ref('JobStatus'),
    created_at: orNull(datetime()),
    enqueued_at: orNull(datetime()),
    started_at: orNull(datetime()),
    ended_at: orNull(datetime()),
    queue: orNull(str('`FifoQ` or `HostQ_<host>`.')),
    worker: orNull(str('Name of the worker that took the job.')),
    result: orNull(ref('JobResult')),
    task_id: orNull(str('Set for `detach` launches.')),
    device_name: orNull(str('`connection_args.host`.')),
    command: orNull(list(str(), 'The command or config payload as a list.')),
    duration: orNull(num('ended_at − started_at, seconds.')),
    queue_time: orNull(num('started_at − enqueued_at, seconds.')),
  }),
  WorkerInResponse: object<WorkerInResponse>('A live worker.', {
    name: str(),
    status: str('`starting`, `started`, `idle`, `busy` or `suspended`.'),
    pid: int(),
    hostname: str(),
    queues: list(str()),
    last_heartbeat: orNull(datetime()),
    birth_at: orNull(datetime()),
    successful_job_count: int(),
    failed_job_count: int(),
  }),
  SystemStatsResponse: object<SystemStatsResponse>('Counts of workers, recent jobs and nodes.', {
    status: { type: 'string', const: 'online' },
    workers: object<SystemStatsResponse['workers']>('Workers by kind and state.', { total: int(), pinned: int(), fifo: int(), node: int(), idle: int(), busy: int() }),
    jobs: object<SystemStatsResponse['jobs']>('Recent jobs (results expire).', { succeeded: int(), failed: int(), in_progress: int(), queued: int(), total: int() }),
    nodes: object<SystemStatsResponse['nodes']>('Node workers.', { active: int(), total_capacity: int() }),
    self_healing: object<SystemStatsResponse['self_healing']>('Re-pinnings since this controller started.', { total_triggers: int() }),
    uptime_seconds: num(),
  }),
  ConnectionTestResponse: object<ConnectionTestResponse>('Outcome of `POST /device/test` (always 200, also when `success` is false).', {
    success: bool(),
    latency: num('Seconds the whole test took.'),
    error: orNull(str()),
    result: orNull({ type: 'object', additionalProperties: true, description: '`driver`, `host` and driver extras (`prompt`, `remote_version`, ...).' }),
    timestamp: datetime(),
  }),
  HealthResponse: object<{ status: string }>('Static: the API answers (Redis is not checked).', { status: { type: 'string', const: 'ok' } }),
  CancelJobResponse: object<{ id: string }>('The canceled (queued) or stopped (running) job.', { id: str() }),
  ShutdownWorkerResponse: object<{ name: string }>('The worker asked to shut down.', { name: str() }),
};
