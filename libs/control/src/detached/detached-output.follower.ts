import { Injectable } from '@nestjs/common';
import type { CredentialRef } from '@netpulse/credentials';
import { DetachedTaskStore } from '@netpulse/state';
import { DetachedJobClient } from './detached-job.client';
import { DetachedTaskService } from './detached-task.service';

/** How long one read may wait behind the device's other jobs (the internal jobs' queue TTL). */
const READ_WAIT_MS = 30_000;

/** One read of a detached task's log. */
export type DetachedRead =
  | { kind: 'output'; output: string; next_offset: number; completed: boolean }
  /** The task left the registry (killed, cleared or removed after it completed). */
  | { kind: 'gone' }
  /** The read did not succeed (host unreachable, query failed or timed out); `reason` says why. */
  | { kind: 'failed'; reason: string };

/**
 * Reads a detached task's new log output from a byte offset through a query job on the task's
 * pinned worker, without moving the registry's read offset (`advance: false`), so a follower never
 * takes bytes from `GET /detached-tasks/{id}` readers or the supervisor's pushes. Used by the job
 * event stream to send a detached launch's output as it arrives.
 */
@Injectable()
export class DetachedOutputFollower {
  constructor(
    private readonly client: DetachedJobClient,
    private readonly service: DetachedTaskService,
    private readonly tasks: DetachedTaskStore,
  ) {}

  async read(taskId: string, offset: number): Promise<DetachedRead> {
    const entry = await this.tasks.get(taskId);
    if (!entry) return { kind: 'gone' };
    if (entry.status === 'launching') return { kind: 'output', output: '', next_offset: offset, completed: false };
    const s = this.service.secrets(entry);
    const id = await this.client.enqueue({ driver: entry.driver, connection_args: s.connection_args, credential: s.credential as CredentialRef | null | undefined, driver_args: null, label: 'query', action: { kind: 'query', task_id: taskId, offset, advance: false } });
    const rec = await this.client.wait(id, entry.host, READ_WAIT_MS);
    if (!rec) return { kind: 'failed', reason: 'the read timed out behind the device’s other jobs' };
    const r = rec.result?.retval?.[0];
    if (rec.status !== 'finished' || !r) return { kind: 'failed', reason: rec.result?.error?.message ?? rec.status };
    if (r.exit_status !== 0) return (await this.tasks.get(taskId)) ? { kind: 'failed', reason: r.stderr || `exit status ${r.exit_status}` } : { kind: 'gone' };
    const next = typeof r.metadata.next_offset === 'number' ? r.metadata.next_offset : offset;
    return { kind: 'output', output: typeof r.stdout === 'string' ? r.stdout : '', next_offset: next, completed: r.metadata.completed === true };
  }
}
