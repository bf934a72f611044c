import { JobInResponse, JobResult, JobStatus, formatDatetime } from '@netpulse/contracts';

/** A job as stored in its hash `<ns>:job:<id>` (times in epoch microseconds). */
export interface JobRecord {
  id: string;
  status: JobStatus;
  queue: string;
  createdAt: number | null;
  enqueuedAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  worker: string | null;
  result: JobResult | null;
  taskId: string | null;
  deviceName: string | null;
  command: string[] | null;
  host: string | null;
  resultTtl: number;
  timeout: number;
  deadline: number | null;
}

const num = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));

function parseJson<T>(v: string | undefined): T | null {
  if (v === undefined || v === '') return null;
  try {
    return JSON.parse(v) as T;
  } catch {
    return null;
  }
}

/** Every hash field `recordFromHash` reads (a reader may fetch just these; a spec keeps the list complete). */
export const RECORD_FIELDS = ['id', 'status', 'queue', 'created_at', 'enqueued_at', 'started_at', 'ended_at', 'worker', 'result', 'task_id', 'device_name', 'command', 'host', 'result_ttl', 'timeout', 'deadline'] as const;

export function recordFromHash(h: Record<string, string>): JobRecord | null {
  if (!h.id) return null;
  return {
    id: h.id,
    status: (h.status as JobStatus | undefined) ?? 'unknown',
    queue: h.queue ?? '',
    createdAt: num(h.created_at),
    enqueuedAt: num(h.enqueued_at),
    startedAt: num(h.started_at),
    endedAt: num(h.ended_at),
    worker: h.worker || null,
    result: parseJson<JobResult>(h.result),
    taskId: h.task_id || null,
    deviceName: h.device_name || null,
    command: parseJson<string[]>(h.command),
    host: h.host || null,
    resultTtl: Number(h.result_ttl ?? 300),
    timeout: Number(h.timeout ?? 300),
    deadline: num(h.deadline),
  };
}

const seconds = (from: number | null, to: number | null): number | null => (from === null || to === null ? null : (to - from) / 1e6);

/** The wire shape, keys in the original's order. */
export function toJobResponse(r: JobRecord): JobInResponse {
  const fmt = (t: number | null): string | null => (t === null ? null : formatDatetime(t));
  return {
    id: r.id,
    status: r.status,
    created_at: fmt(r.createdAt),
    enqueued_at: fmt(r.enqueuedAt),
    started_at: fmt(r.startedAt),
    ended_at: fmt(r.endedAt),
    queue: r.queue || null,
    worker: r.worker,
    result: r.result,
    task_id: r.taskId,
    device_name: r.deviceName,
    command: r.command,
    duration: seconds(r.startedAt, r.endedAt),
    queue_time: seconds(r.enqueuedAt, r.startedAt),
  };
}
