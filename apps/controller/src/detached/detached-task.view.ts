import { formatDatetime } from '@netpulse/contracts';
import type { DetachedTaskEntry, DetachedTaskStatus } from '@netpulse/state';

/** `DetachedTaskInResponse`: a registry entry as listed (contract §10), secrets already masked. */
export interface DetachedTaskView {
  task_id: string;
  status: DetachedTaskStatus;
  host: string;
  driver: string;
  worker_id: string | null;
  push_interval: number | null;
  webhook: Record<string, unknown> | null;
  connection_args: Record<string, unknown>;
  command: string[] | null;
  last_sync: string | null;
  created_at: string | null;
  last_offset: number;
  pid: number | null;
}

const when = (epochS: number): string | null => (epochS > 0 ? formatDatetime(Math.round(epochS * 1e6)) : null);

/** The listing shape: epochs become datetimes, the sealed secrets and bookkeeping stay out. */
export function toTaskView(e: DetachedTaskEntry): DetachedTaskView {
  return {
    task_id: e.task_id,
    status: e.status,
    host: e.host,
    driver: e.driver,
    worker_id: e.worker_id,
    push_interval: e.push_interval,
    webhook: e.webhook,
    connection_args: e.connection_args,
    command: e.command,
    last_sync: when(e.last_sync),
    created_at: when(e.created_at),
    last_offset: e.last_offset,
    pid: e.pid,
  };
}
