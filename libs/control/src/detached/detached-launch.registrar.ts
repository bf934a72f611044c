import { Injectable } from '@nestjs/common';
import { maskSecrets } from '@netpulse/contracts';
import { DetachedTaskSecrets, DetachedTaskStore, SecretBox } from '@netpulse/state';
import { randomUUID } from 'node:crypto';
import type { ParsedExec } from '../admission/exec-request.parser';

/**
 * The controller's half of a detached launch: a `task_id` (the first 12 characters
 * of a uuid4) and a `launching` registry entry, written before the job is queued so the worker's
 * launch always finds it. Credentials are stored sealed; the entry shows them masked (docs/compatibility.md: Secrets are masked and encrypted at rest).
 */
@Injectable()
export class DetachedLaunchRegistrar {
  constructor(
    private readonly box: SecretBox,
    private readonly tasks: DetachedTaskStore,
  ) {}

  async register(p: ParsedExec): Promise<void> {
    const taskId = randomUUID().slice(0, 12);
    const secrets: DetachedTaskSecrets = { connection_args: p.job.connection_args, credential: p.job.credential ? { ...p.job.credential } : null, driver_args: p.job.driver_args, webhook: p.job.webhook };
    await this.tasks.create({
      task_id: taskId,
      status: 'launching',
      host: p.host,
      driver: p.job.driver,
      worker_id: null,
      push_interval: p.dto.push_interval ?? null,
      webhook: p.job.webhook ? maskSecrets(p.job.webhook) : null,
      connection_args: maskSecrets(p.job.connection_args),
      command: null,
      last_sync: 0,
      created_at: Date.now() / 1000,
      last_offset: 0,
      pid: null,
      push_job_id: null,
      last_push: 0,
      final_sent: false,
      sealed: this.box.seal(JSON.stringify(secrets)),
    });
    p.job.task_id = taskId;
  }
}
