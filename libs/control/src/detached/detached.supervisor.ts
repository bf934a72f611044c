import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TERMINAL_STATUSES } from '@netpulse/contracts';
import type { CredentialRef } from '@netpulse/credentials';
import { AppLogger } from '@netpulse/observability';
import { DetachedTaskEntry, DetachedTaskStore, JobStore, LeaderLockFactory, StateKeys } from '@netpulse/state';
import { LeaderLoop } from '../leadership/leader.loop';
import { StagingRetentionService } from '../storage/staging-retention.service';
import { detachedEventPayload } from './detached-event.builder';
import { DetachedEventSink } from './detached-event.sink';
import { DetachedJobClient } from './detached-job.client';
import { DetachedTaskService } from './detached-task.service';

const TICK_MS = 1000;
const LOCK_MS = 5000;
/** Clean-up, as in NetPulse 0.4: completed tasks 300 s after their last sync, launching ones 600 s after creation. */
const COMPLETED_KEEP_S = 300;
const LAUNCHING_KEEP_S = 600;
/** A running task without `push_interval` is re-synced (no webhook) this often. */
const RESYNC_S = 600;

/**
 * The detached-task supervisor, active in one controller at a time (a Redis lease):
 * every second it turns finished push queries into `detached.log_push` / `detached.completed`
 * events, queues the next push every `push_interval` seconds, re-syncs running tasks without one,
 * removes old registry entries, and runs the hourly staging retention.
 */
@Injectable()
export class DetachedSupervisor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly loop: LeaderLoop;

  constructor(
    private readonly client: DetachedJobClient,
    private readonly jobs: JobStore,
    keys: StateKeys,
    locks: LeaderLockFactory,
    private readonly logger: AppLogger,
    private readonly retention: StagingRetentionService,
    private readonly service: DetachedTaskService,
    private readonly sink: DetachedEventSink,
    private readonly tasks: DetachedTaskStore,
  ) {
    this.loop = new LeaderLoop(locks.create(keys.supervisorLock, LOCK_MS), TICK_MS, () => this.pass(), (err) =>
      this.logger.event('warn', 'detached supervisor pass failed', { err: err instanceof Error ? err.message : String(err) }),
    );
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One pass if this controller leads; public for tests. */
  tick(): Promise<void> {
    return this.loop.tick();
  }

  private async pass(): Promise<void> {
    const now = Date.now() / 1000;
    for (const task of await this.tasks.list()) {
      await this.supervise(task, now).catch((err: unknown) => this.warn('detached task supervision failed', task, err));
    }
    await this.retention.sweepIfDue();
  }

  private async supervise(task: DetachedTaskEntry, now: number): Promise<void> {
    if (task.push_job_id && !(await this.collectPush(task))) return;
    // A task still owed its final push is kept until that push had its chance.
    const owed = task.push_interval && !task.final_sent ? task.push_interval : 0;
    if (task.status === 'completed' && now - task.last_sync > COMPLETED_KEEP_S + owed) {
      await this.tasks.remove(task.task_id);
      return;
    }
    if (task.status === 'launching') {
      if (now - task.created_at > LAUNCHING_KEEP_S) await this.tasks.remove(task.task_id);
      return;
    }
    const fresh = (await this.tasks.get(task.task_id)) ?? task;
    if (fresh.push_interval && !fresh.final_sent) {
      // A task that ended before its first push still gets one, so its log and `detached.completed` go out.
      if (now - fresh.last_push >= fresh.push_interval) await this.enqueueQuery(fresh, now, true);
    } else if (!fresh.push_interval && fresh.status === 'running' && now - Math.max(fresh.last_sync, fresh.last_push) >= RESYNC_S) {
      await this.enqueueQuery(fresh, now, false);
    }
  }

  /** Queues a query; `push` ones become events, re-syncs only update the registry (and keep the read offset). */
  private async enqueueQuery(task: DetachedTaskEntry, now: number, push: boolean): Promise<void> {
    const s = this.service.secrets(task);
    const id = await this.client.enqueue({ driver: task.driver, connection_args: s.connection_args, credential: s.credential as CredentialRef | null | undefined, driver_args: null, label: 'query', action: { kind: 'query', task_id: task.task_id, offset: null, advance: push } });
    await this.tasks.patch(task.task_id, { last_push: now, push_job_id: push ? id : null });
  }

  /** Turns a finished push query into its event; false while it is still queued or running. */
  private async collectPush(task: DetachedTaskEntry): Promise<boolean> {
    const rec = task.push_job_id ? await this.jobs.get(task.push_job_id) : null;
    if (rec && !TERMINAL_STATUSES.includes(rec.status)) return false;
    await this.tasks.patch(task.task_id, { push_job_id: null });
    const r = rec?.result?.retval?.[0];
    // A push that failed, expired or could not reach the host sends nothing; the next interval tries again.
    if (!rec || rec.status !== 'finished' || !r) return true;
    const completed = r.metadata.completed === true;
    if (!completed && r.exit_status !== 0) return true;
    const eventType = completed ? 'detached.completed' : 'detached.log_push';
    if (completed) await this.tasks.patch(task.task_id, { final_sent: true });
    const updated = (await this.tasks.get(task.task_id)) ?? task;
    await this.sink.emit(task.task_id, eventType, detachedEventPayload(updated, rec, eventType), this.service.secrets(task).webhook);
    return true;
  }

  private warn(msg: string, task: DetachedTaskEntry, err: unknown): void {
    this.logger.event('warn', msg, { task_id: task.task_id, host: task.host, err: err instanceof Error ? err.message : String(err) });
  }
}
