import { Injectable } from '@nestjs/common';
import { TERMINAL_STATUSES } from '@netpulse/contracts';
import type { CredentialRef } from '@netpulse/credentials';
import type { DetachedAction } from '@netpulse/execution';
import { JobRecord, JobStore, PinStore } from '@netpulse/state';
import { ExecRequestParser } from '../admission/exec-request.parser';
import { JobDispatcher } from '../admission/job-dispatcher.service';
import { JobWaitService } from '../jobs/job-wait.service';

/** Queue TTL and result TTL of the internal detached jobs (ttl 30, result_ttl 60, as in NetPulse 0.4). */
const INTERNAL_TTL_S = 30;
const INTERNAL_RESULT_TTL_S = 60;

/** One internal job on a detached task's device. */
export interface DetachedJobSpec {
  driver: string;
  connection_args: Record<string, unknown>;
  /** The device's credential reference, resolved by the worker like a client job's. */
  credential?: CredentialRef | null;
  driver_args: Record<string, unknown> | null;
  /** What the job record shows as its command (`query`, `kill`, `discover`). */
  label: string;
  action: DetachedAction | null;
}

/**
 * Runs the controller's internal jobs (query, kill, discover, supervisor pushes) on the device's
 * pinned worker, through the same parser and dispatcher as client jobs, so they queue behind the
 * device's other work and reuse its session.
 */
@Injectable()
export class DetachedJobClient {
  constructor(
    private readonly dispatcher: JobDispatcher,
    private readonly jobs: JobStore,
    private readonly parser: ExecRequestParser,
    private readonly pins: PinStore,
    private readonly waits: JobWaitService,
  ) {}

  /** Enqueues the job; resolves its id. Errors are the dispatcher's (503 without a node, ...). */
  async enqueue(spec: DetachedJobSpec): Promise<string> {
    const body = {
      driver: spec.driver,
      connection_args: spec.connection_args,
      ...(spec.credential ? { credential: spec.credential } : {}),
      driver_args: spec.driver_args,
      command: [spec.label],
      queue_strategy: 'pinned',
      ttl: INTERNAL_TTL_S,
      result_ttl: INTERNAL_RESULT_TTL_S,
      execution_timeout: INTERNAL_TTL_S,
    };
    const parsed = this.parser.parse(body, undefined);
    parsed.job.detached_action = spec.action;
    return (await this.dispatcher.dispatch(parsed)).id;
  }

  /**
   * Waits for the job to end, woken by the job-ended channel (no polling); null after `timeoutMs`,
   * when a job still waiting is taken off its queue (a busy device should not run a query nobody
   * waits for any more).
   */
  async wait(id: string, host: string, timeoutMs: number): Promise<JobRecord | null> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // The `?wait=` mechanism; woken early (the channel dropped), it waits again for what is left.
      await this.waits.until(id, Math.max(0, deadline - Date.now()));
      const rec = await this.jobs.get(id);
      if (rec && TERMINAL_STATUSES.includes(rec.status)) return rec;
      if (Date.now() >= deadline) break;
    }
    if (await this.jobs.cancel(id)) await this.pins.removeWaiting(host, id);
    return null;
  }
}
