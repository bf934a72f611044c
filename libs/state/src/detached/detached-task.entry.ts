/** Registry statuses of a detached task: `launching` → `running` → `completed`. */
export type DetachedTaskStatus = 'launching' | 'running' | 'completed';

export const DETACHED_TASK_STATUSES: readonly DetachedTaskStatus[] = ['launching', 'running', 'completed'];

/**
 * What the task's jobs need again after the launch (query, kill, push): the credentials, the
 * driver_args (sudo) and the webhook (auth). Stored only sealed by the SecretBox (docs/compatibility.md: Secrets are masked and encrypted at rest).
 */
export interface DetachedTaskSecrets {
  connection_args: Record<string, unknown>;
  /** The launch's `credential` reference (its secrets are fetched by each job's worker). */
  credential?: Record<string, unknown> | null;
  driver_args: Record<string, unknown> | null;
  webhook: Record<string, unknown> | null;
}

/**
 * One registry entry `<ns>:detached_task:<id>` (the original's fields plus our bookkeeping). Epochs are
 * seconds. `connection_args` and `webhook` are kept masked; the real ones are in `sealed`.
 */
export interface DetachedTaskEntry {
  task_id: string;
  status: DetachedTaskStatus;
  host: string;
  driver: string;
  worker_id: string | null;
  push_interval: number | null;
  webhook: Record<string, unknown> | null;
  connection_args: Record<string, unknown>;
  command: string[] | null;
  last_sync: number;
  created_at: number;
  /** Where the next read without an explicit `offset` starts. */
  last_offset: number;
  pid: number | null;
  /** A supervisor query whose outcome is not yet turned into an event. */
  push_job_id: string | null;
  /** When the supervisor last queued a query for this task (push or re-sync). */
  last_push: number;
  /** The `detached.completed` event was sent: no more pushes. */
  final_sent: boolean;
  /** `SecretBox.seal(JSON.stringify(DetachedTaskSecrets))`. */
  sealed: string;
}

