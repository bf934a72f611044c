/** Wire shapes of jobs and results. */

export type JobStatus = 'queued' | 'started' | 'finished' | 'failed' | 'stopped' | 'canceled' | 'deferred' | 'scheduled' | 'unknown';

export const TERMINAL_STATUSES: readonly JobStatus[] = ['finished', 'failed', 'stopped', 'canceled'];

/** `result.type`: 1 successful, 2 failed, 3 stopped, 4 retried. */
export enum ResultType {
  Successful = 1,
  Failed = 2,
  Stopped = 3,
  Retried = 4,
}

export interface ResultMetadata {
  host?: string | null;
  duration_seconds?: number;
  session_reused?: boolean;
  truncated?: boolean;
  [key: string]: unknown;
}

export interface DriverExecutionResult {
  command: string;
  stdout: unknown;
  stderr: string;
  exit_status: number;
  download_url: string | null;
  metadata: ResultMetadata;
  parsed: unknown;
}

export interface JobError {
  type: string;
  message: string;
}

export interface JobResult {
  type: ResultType;
  retval: DriverExecutionResult[] | null;
  error: JobError | null;
}

export interface JobInResponse {
  id: string;
  status: JobStatus;
  created_at: string | null;
  enqueued_at: string | null;
  started_at: string | null;
  ended_at: string | null;
  queue: string | null;
  worker: string | null;
  result: JobResult | null;
  task_id: string | null;
  device_name: string | null;
  command: string[] | null;
  duration: number | null;
  queue_time: number | null;
}

export interface WorkerInResponse {
  name: string;
  status: string;
  pid: number;
  hostname: string;
  queues: string[];
  last_heartbeat: string | null;
  birth_at: string | null;
  successful_job_count: number;
  failed_job_count: number;
}

export interface SystemStatsResponse {
  status: 'online';
  workers: { total: number; pinned: number; fifo: number; node: number; idle: number; busy: number };
  jobs: { succeeded: number; failed: number; in_progress: number; queued: number; total: number };
  nodes: { active: number; total_capacity: number };
  self_healing: { total_triggers: number };
  uptime_seconds: number;
}

export interface ConnectionTestResponse {
  success: boolean;
  latency: number;
  error: string | null;
  result: Record<string, unknown> | null;
  timestamp: string;
}

/** Builds one result element with the contract's defaults. */
export function executionResult(partial: Pick<DriverExecutionResult, 'command'> & Partial<DriverExecutionResult>): DriverExecutionResult {
  return {
    command: partial.command,
    stdout: partial.stdout ?? '',
    stderr: partial.stderr ?? '',
    exit_status: partial.exit_status ?? 0,
    download_url: partial.download_url ?? null,
    metadata: partial.metadata ?? {},
    parsed: partial.parsed ?? null,
  };
}
