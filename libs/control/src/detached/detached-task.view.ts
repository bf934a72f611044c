import { formatDatetime } from '@netpulse/contracts';
import type { DetachedTaskEntry } from '@netpulse/state';

/** `DetachedTaskInResponse`: a registry entry as listed, secrets already masked. */
export type DetachedTaskView = Omit<DetachedTaskEntry, 'created_at' | 'final_sent' | 'last_push' | 'last_sync' | 'push_job_id' | 'sealed'> & {
  /** Epochs of the registry, as datetimes. */
  last_sync: string | null;
  created_at: string | null;
};

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
