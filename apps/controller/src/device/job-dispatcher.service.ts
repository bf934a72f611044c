import { Injectable } from '@nestjs/common';
import { ApiError, JobInResponse, payloadLines } from '@netpulse/contracts';
import { AuditTrail } from '@netpulse/execution';
import { AppLogger, NetpulseMetrics, currentRequestActor, currentRequestId } from '@netpulse/observability';
import { FIFO_QUEUE, JobQueues, JobStore, PinStore, SecretBox, WorkerRegistry, hostQueue, toJobResponse } from '@netpulse/state';
import { DetachedLaunchRegistrar } from '../detached/detached-launch.registrar';
import { NodePlacementService } from '../pinning/node-placement.service';
import { randomUUID } from 'node:crypto';
import type { ParsedExec } from './exec-request.parser';
import { OutboundTargetsCheck } from './outbound-targets.check';

/**
 * Puts a parsed request on its queue: a record first (so a worker never meets a job without one),
 * then the queue entry carrying only the id: BullMQ `FifoQ`, or the device's ordered list for pinned work. Refuses with 503 when nothing can take it (docs/compatibility.md: 503 when nothing can take a job).
 */
@Injectable()
export class JobDispatcher {
  constructor(
    private readonly audit: AuditTrail,
    private readonly box: SecretBox,
    private readonly detached: DetachedLaunchRegistrar,
    private readonly jobs: JobStore,
    private readonly logger: AppLogger,
    private readonly metrics: NetpulseMetrics,
    private readonly pins: PinStore,
    private readonly placement: NodePlacementService,
    private readonly queues: JobQueues,
    private readonly registry: WorkerRegistry,
    private readonly targets: OutboundTargetsCheck,
  ) {}

  async dispatch(p: ParsedExec): Promise<JobInResponse> {
    // Refused before anything is queued, so no worker ever connects outside the allowlist.
    await this.targets.assertAllowed(p.job);
    // A detach launch is registered (task_id, `launching`) before it is queued, so its worker always finds the entry.
    if (p.job.detach && !p.job.task_id) await this.detached.register(p);
    if (p.job.queue_strategy === 'pinned') {
      const node = await this.placement.place(p.host);
      if (!node) throw ApiError.unavailable('No available node to run the job');
      return this.enqueue(hostQueue(p.host), p, (id) => this.pins.pushJob(p.host, node, id));
    }
    if (!(await this.registry.isQueueAlive(FIFO_QUEUE))) throw ApiError.unavailable('No available FIFO worker to run the job');
    return this.enqueue(FIFO_QUEUE, p, (id) => this.queues.add(FIFO_QUEUE, { id }));
  }

  private async enqueue(queue: string, p: ParsedExec, push: (id: string) => Promise<void>): Promise<JobInResponse> {
    const id = randomUUID();
    const payload = p.job.config ?? p.job.command;
    const record = await this.jobs.create({
      id,
      queue,
      ttl: p.ttl,
      resultTtl: p.resultTtl,
      timeout: p.job.execution_timeout,
      deviceName: p.host,
      command: payloadLines(payload),
      host: p.host,
      taskId: p.job.task_id,
      payload: this.box.seal(JSON.stringify({ ...p.job, request_id: currentRequestId() ?? null, api_key_name: currentRequestActor()?.key ?? null })),
    });
    try {
      await push(id);
    } catch (err) {
      await this.jobs.cancel(id).catch(() => undefined);
      this.logger.event('error', 'enqueue failed', { job_id: id, queue, err: err instanceof Error ? err.message : String(err) });
      throw ApiError.unavailable('Could not enqueue the job: Redis is unavailable');
    }
    this.logger.event('info', 'job enqueued', { job_id: id, queue, driver: p.job.driver, host: p.host });
    this.metrics.jobEnqueued(p.job.queue_strategy, p.job.driver);
    await this.audit.jobAccepted(id, p.job, p.host);
    return toJobResponse(record);
  }
}
