import type { JobResult } from '@netpulse/contracts';
import { AppLogger } from '@netpulse/observability';
import { JobStore, SecretBox, toJobResponse } from '@netpulse/state';
import { WebhookConfig, WebhookDispatcher, buildWebhookPayload, deliveryHorizonMs } from '@netpulse/webhooks';
import { AuditTrail } from '../audit/audit.trail';
import type { DeviceJobRequest } from './device-job.request';

/** Beyond a webhook's last retry, how long its job's large result is still kept (queue delays), ms. */
const RETAIN_SLACK_MS = 120_000;

/**
 * A job's webhook when it ends, however it ends: run by a worker (finished, failed,
 * stopped), expired in its queue, or failed because its worker died. `job.completed` when the run
 * returned, `job.failed` otherwise. Delivery goes through WebhookQ and never changes the job.
 */
export class JobEndNotifier {
  constructor(
    private readonly jobs: JobStore,
    private readonly box: SecretBox,
    private readonly webhooks: WebhookDispatcher,
    private readonly logger: AppLogger,
    private readonly audit: AuditTrail,
  ) {}

  async notify(jobId: string, req: DeviceJobRequest, status: 'finished' | 'failed' | 'stopped', result: JobResult): Promise<void> {
    // The controller's own query/kill jobs of a detached task are not user jobs: not audited.
    if (!req.detached_action) await this.audit.jobEnded(jobId, req, status, result);
    // A detached launch has no job event: the supervisor sends the task's events.
    if (!req.webhook || (req.detach && !req.detached_action)) return;
    try {
      // The record without its result: a large result is not read back here.
      const got = await this.jobs.getForAnswer(jobId);
      if (!got) return;
      const webhook = req.webhook as unknown as WebhookConfig;
      // A large result stays where it is stored: the delivery reads its retval from there when it
      // sends the body, so it is never copied into the delivery job (nor held whole to send it).
      const retval = got.rawResult && !got.rawResult.bytes && result.retval !== null ? await this.jobs.storedRetval(jobId, result, deliveryHorizonMs(webhook) + RETAIN_SLACK_MS) : null;
      const payload = buildWebhookPayload({
        job: toJobResponse(got.record),
        result: retval ? { ...result, retval: null } : result,
        eventType: status === 'finished' ? 'job.completed' : 'job.failed',
        device: { host: String(req.connection_args.host ?? ''), device_type: typeof req.connection_args.device_type === 'string' ? req.connection_args.device_type : null },
        taskId: req.task_id,
      });
      await this.webhooks.enqueue(webhook, payload as unknown as Record<string, unknown>, retval ?? undefined);
    } catch (err) {
      this.logger.event('warn', 'webhook not queued', { job_id: jobId, err: err instanceof Error ? err.message : String(err) });
    }
  }

  /** For jobs ended outside a worker (expiry, worker death): the request is read from its sealed copy. */
  async notifySealed(jobId: string, sealed: string | null, status: 'failed', result: JobResult): Promise<void> {
    let req: DeviceJobRequest;
    try {
      if (!sealed) throw new Error('no request');
      req = JSON.parse(this.box.open(sealed)) as DeviceJobRequest;
    } catch {
      await this.audit.jobEnded(jobId, null, status, result);
      return;
    }
    await this.notify(jobId, req, status, result);
  }
}

/** The Nest provider, shared by the worker apps and the controller (its sweepers end jobs too). */
export const JOB_END_NOTIFIER_PROVIDER = {
  provide: JobEndNotifier,
  inject: [JobStore, SecretBox, WebhookDispatcher, AppLogger, AuditTrail],
  useFactory: (j: JobStore, b: SecretBox, w: WebhookDispatcher, l: AppLogger, a: AuditTrail): JobEndNotifier => new JobEndNotifier(j, b, w, l, a),
};
