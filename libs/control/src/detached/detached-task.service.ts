import { Injectable } from '@nestjs/common';
import { ApiError, DriverExecutionResult, maskSecrets } from '@netpulse/contracts';
import { AuditTrail } from '@netpulse/execution';
import type { CredentialRef } from '@netpulse/credentials';
import { DETACHED_TASK_STATUSES, DetachedTaskEntry, DetachedTaskSecrets, DetachedTaskStatus, DetachedTaskStore, SecretBox } from '@netpulse/state';
import { DetachedJobClient } from './detached-job.client';
import { DetachedTaskView, toTaskView } from './detached-task.view';

/** Waits, as in NetPulse 0.4: a query up to 5 s, a kill up to 10 s. */
const QUERY_WAIT_MS = 5000;
const KILL_WAIT_MS = 10_000;

export interface DetachedQueryResponse {
  task_id: string;
  status: 'running' | 'completed';
  result: DriverExecutionResult[];
}

/**
 * `/detached-tasks`: list and clear the registry, read a task's log from an offset
 * and kill it, both through a job on the task's pinned worker.
 */
@Injectable()
export class DetachedTaskService {
  constructor(
    private readonly audit: AuditTrail,
    private readonly box: SecretBox,
    private readonly client: DetachedJobClient,
    private readonly tasks: DetachedTaskStore,
  ) {}

  /** Every entry, `launching` ones included (docs/compatibility.md: Detached tasks are listed while launching); an unknown status filter lists nothing. */
  async list(status: string | undefined): Promise<DetachedTaskView[]> {
    if (status && !DETACHED_TASK_STATUSES.includes(status as DetachedTaskStatus)) return [];
    const all = await this.tasks.list();
    // Masked again on the way out: entries written by an older version must not leak either.
    return all.filter((e) => !status || e.status === status).map((e) => maskSecrets(toTaskView(e)));
  }

  async query(taskId: string, offset: number | undefined): Promise<DetachedQueryResponse> {
    const entry = await this.require(taskId);
    const s = this.secrets(entry);
    const id = await this.client.enqueue({ driver: entry.driver, connection_args: s.connection_args, credential: s.credential as CredentialRef | null | undefined, driver_args: null, label: 'query', action: { kind: 'query', task_id: taskId, offset: offset ?? null, advance: true } });
    const rec = await this.client.wait(id, entry.host, QUERY_WAIT_MS);
    if (!rec) throw new ApiError(500, { detail: 'Detached Task query timed out' });
    const result = rec.result?.retval ?? [];
    if (rec.status !== 'finished') throw new ApiError(500, { detail: `Detached Task query failed: ${rec.result?.error?.message ?? rec.status}` });
    return { task_id: taskId, status: result[0]?.metadata.completed === true ? 'completed' : 'running', result };
  }

  /** 200 only when the task was killed and its files removed; missing, failed or too slow: 404. */
  async kill(taskId: string): Promise<{ status: 'killed'; task_id: string }> {
    const entry = await this.require(taskId);
    const s = this.secrets(entry);
    // Only what the kill needs from the launch's driver_args: a task started with sudo is killed with it.
    const sudo = s.driver_args?.sudo === true ? { sudo: true, sudo_password: s.driver_args.sudo_password ?? null } : null;
    const id = await this.client.enqueue({ driver: entry.driver, connection_args: s.connection_args, credential: s.credential as CredentialRef | null | undefined, driver_args: sudo, label: 'kill', action: { kind: 'kill', task_id: taskId } });
    const rec = await this.client.wait(id, entry.host, KILL_WAIT_MS);
    const r = rec?.result?.retval?.[0];
    const facts = { event: 'detached.killed', task_id: taskId, driver: entry.driver, host: entry.host } as const;
    if (!rec || rec.status !== 'finished' || !r || r.exit_status !== 0) {
      const why = !rec ? 'the kill timed out' : (r?.stderr ?? rec.result?.error?.message ?? rec.status);
      await this.audit.record({ ...facts, outcome: 'failed', detail: why.slice(0, 200) });
      throw ApiError.notFound(`Detached task ${taskId} not found or could not be killed: ${why}`);
    }
    await this.tasks.remove(taskId);
    await this.audit.record({ ...facts, outcome: 'killed' });
    return { status: 'killed', task_id: taskId };
  }

  async clear(): Promise<{ status: 'cleared'; count: number }> {
    const count = await this.tasks.clear();
    await this.audit.record({ event: 'detached.cleared', outcome: `cleared ${count}` });
    return { status: 'cleared', count };
  }

  private async require(taskId: string): Promise<DetachedTaskEntry> {
    const entry = await this.tasks.get(taskId);
    if (!entry) throw ApiError.notFound(`Detached task ${taskId} not found`);
    return entry;
  }

  /** The task's credentials, driver_args and webhook, unsealed. */
  secrets(entry: DetachedTaskEntry): DetachedTaskSecrets {
    try {
      return JSON.parse(this.box.open(entry.sealed)) as DetachedTaskSecrets;
    } catch {
      throw new ApiError(500, { detail: `The credentials of detached task ${entry.task_id} could not be decrypted (did security.secret_key change?)` });
    }
  }
}
