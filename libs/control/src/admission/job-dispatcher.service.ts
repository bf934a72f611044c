import { Injectable } from '@nestjs/common';
import { ApiError, JobInResponse, maskSecretValues, payloadLines, secretValuesOf } from '@netpulse/contracts';
import { AuditTrail } from '@netpulse/execution';
import { AppLogger, NetpulseMetrics, backgroundFailure, currentRequestActor, currentRequestId } from '@netpulse/observability';
import { FIFO_QUEUE, JobQueues, JobRecord, JobStore, NewJob, SecretBox, WorkerRegistry, hostOfQueue, hostQueue, toJobResponse } from '@netpulse/state';
import { DetachedLaunchRegistrar } from '../detached/detached-launch.registrar';
import { NodePlacementService } from '../placement/node-placement.service';
import type { ParsedExec } from './exec-request.parser';
import { OutboundTargetsCheck } from './outbound-targets.check';

/**
 * Puts a parsed request on its queue: a record first (so a worker never meets a job without one),
 * then the queue entry carrying only the id: BullMQ `FifoQ`, or the device's ordered list for pinned work
 * (both in one step). Refuses with 503 when nothing can take it (docs/compatibility.md: 503 when nothing can take a job).
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
    if (p.job.queue_strategy === 'pinned') return this.enqueuePinned(p);
    if (!(await this.registry.isQueueAlive(FIFO_QUEUE))) throw ApiError.unavailable('No available FIFO worker to run the job');
    return this.enqueue(FIFO_QUEUE, p, (id) => this.queues.add(FIFO_QUEUE, { id }));
  }

  /**
   * Many parsed requests at once (a bulk request, already validated): targets checked, pinned devices
   * placed in one step, records and queue entries written in pipelined batches. Aligned with `items`:
   * the queued job, or the error that device gets (as `dispatch` would have thrown it).
   */
  async dispatchMany(items: ParsedExec[]): Promise<(JobInResponse | Error)[]> {
    const out: (JobInResponse | Error)[] = new Array<JobInResponse | Error>(items.length);
    const checked = await Promise.all(items.map((p) => this.targets.assertAllowed(p.job).then(() => null, (err: unknown) => toError(err))));
    const pinned: number[] = [];
    const fifo: number[] = [];
    const single: number[] = [];
    items.forEach((p, i) => {
      const refused = checked[i];
      if (refused) out[i] = refused;
      else if (p.job.detach) single.push(i);
      else (p.job.queue_strategy === 'pinned' ? pinned : fifo).push(i);
    });
    // Detached launches register an entry each first: rare in bulk, they take the one-by-one path.
    for (const i of single) out[i] = await this.dispatch(items[i]).catch(toError);
    if (pinned.length > 0) await this.enqueuePinnedMany(items, pinned, out);
    if (fifo.length > 0) await this.enqueueFifoMany(items, fifo, out);
    return out;
  }

  private async enqueuePinnedMany(items: ParsedExec[], idx: number[], out: (JobInResponse | Error)[]): Promise<void> {
    const nodes = await this.placement.placeMany(idx.map((i) => items[i].host));
    const writes: { i: number; job: NewJob; host: string; node: string }[] = [];
    for (const i of idx) {
      const node = nodes.get(items[i].host);
      if (node) writes.push({ i, job: this.newJob(hostQueue(items[i].host), items[i]), host: items[i].host, node });
      else out[i] = ApiError.unavailable('No available node to run the job');
    }
    const written = await this.jobs.createPinnedMany(writes).catch((err: unknown) => writes.map(() => toError(err)));
    const accepted: { i: number; job: JobInResponse }[] = [];
    for (const [n, w] of writes.entries()) {
      const r = written[n];
      if (r === null) out[w.i] = await this.dispatch(items[w.i]).catch(toError); // the device moved meanwhile
      else if (r instanceof Error) out[w.i] = this.enqueueFailed(w.job, r);
      else accepted.push({ i: w.i, job: toJobResponse(r) });
    }
    await this.acceptedMany(accepted, items, out);
  }

  private async enqueueFifoMany(items: ParsedExec[], idx: number[], out: (JobInResponse | Error)[]): Promise<void> {
    if (!(await this.registry.isQueueAlive(FIFO_QUEUE))) {
      for (const i of idx) out[i] = ApiError.unavailable('No available FIFO worker to run the job');
      return;
    }
    const jobs = idx.map((i) => this.newJob(FIFO_QUEUE, items[i]));
    const written = await this.jobs.createMany(jobs).catch((err: unknown) => jobs.map(() => toError(err)));
    const queued: { n: number; job: NewJob; record: JobRecord }[] = [];
    written.forEach((r, n) => {
      if (r instanceof Error) out[idx[n]] = this.enqueueFailed(jobs[n], r);
      else queued.push({ n, job: jobs[n], record: r });
    });
    try {
      await this.queues.addMany(FIFO_QUEUE, queued.map((q) => ({ id: q.job.id })));
    } catch (err) {
      await Promise.all(queued.map((q) => this.jobs.cancel(q.job.id).catch(() => undefined)));
      for (const q of queued) out[idx[q.n]] = this.enqueueFailed(q.job, toError(err));
      return;
    }
    await this.acceptedMany(queued.map((q) => ({ i: idx[q.n], job: toJobResponse(q.record) })), items, out);
  }

  private enqueueFailed(job: NewJob, err: Error): ApiError {
    this.logger.event('error', 'enqueue failed', { job_id: job.id, queue: job.queue, err: err.message });
    return ApiError.unavailable('Could not enqueue the job: Redis is unavailable');
  }

  /**
   * Record and device-queue entry in one Redis step, on the node that serves the device (remembered
   * from the last job; when the device moved, or the node died, it is placed again).
   */
  private async enqueuePinned(p: ParsedExec): Promise<JobInResponse> {
    const job = this.newJob(hostQueue(p.host), p);
    for (let attempt = 0; attempt < 3; attempt++) {
      const node = (attempt === 0 ? this.placement.remembered(p.host) : undefined) ?? (await this.placement.place(p.host));
      if (!node) throw ApiError.unavailable('No available node to run the job');
      let record;
      try {
        record = await this.jobs.createPinned(job, p.host, node);
      } catch (err) {
        this.logger.event('error', 'enqueue failed', { job_id: job.id, queue: job.queue, err: err instanceof Error ? err.message : String(err) });
        throw ApiError.unavailable('Could not enqueue the job: Redis is unavailable');
      }
      if (record) return this.accepted(toJobResponse(record), p);
      this.placement.forget(p.host);
    }
    throw ApiError.unavailable('No available node to run the job');
  }

  private newJob(queue: string, p: ParsedExec): NewJob {
    return {
      // A pinned job's id puts it in its device's slot (one Redis step takes and starts it).
      id: this.jobs.newId(hostOfQueue(queue)),
      queue,
      ttl: p.ttl,
      resultTtl: p.resultTtl,
      timeout: p.job.execution_timeout,
      deviceName: p.host,
      // Listed by `GET /jobs`: a secret of the request typed into a command line shows masked.
      command: maskSecretValues(payloadLines(p.job.config ?? p.job.command), secretValuesOf(p.job)),
      host: p.host,
      taskId: p.job.task_id,
      payload: this.box.seal(JSON.stringify({ ...p.job, request_id: currentRequestId() ?? null, api_key_name: currentRequestActor()?.key ?? null })),
    };
  }

  /**
   * The log line, metric and audit entry of one accepted job. The audit entry is sent, not awaited
   * (storing it never decides the answer: a failure is logged by the trail): the answer does not wait
   * a Redis round trip for it, and it still reaches Redis before anything this controller sends next.
   */
  private accepted(job: JobInResponse, p: ParsedExec): JobInResponse {
    this.noteEnqueued(job, p);
    void this.audit.jobAccepted(job.id, p.job, p.host).catch(backgroundFailure(this.logger, this.metrics, 'other', 'audit entry not recorded', { job_id: job.id }));
    return job;
  }

  /** The log line and metric of one accepted job. */
  private noteEnqueued(job: JobInResponse, p: ParsedExec): void {
    this.logger.event('info', 'job enqueued', { job_id: job.id, queue: job.queue, driver: p.job.driver, host: p.host });
    this.metrics.jobEnqueued(p.job.queue_strategy, p.job.driver);
  }

  /** `accepted` for the jobs of one bulk request: their log lines in one write, their audit entries in one step. */
  private async acceptedMany(accepted: { i: number; job: JobInResponse }[], items: ParsedExec[], out: (JobInResponse | Error)[]): Promise<void> {
    this.logger.batched(() => {
      for (const { i, job } of accepted) this.noteEnqueued(job, items[i]);
    });
    await this.audit.jobsAccepted(accepted.map(({ i, job }) => ({ jobId: job.id, req: items[i].job, host: items[i].host })));
    for (const { i, job } of accepted) out[i] = job;
  }

  private async enqueue(queue: string, p: ParsedExec, push: (id: string) => Promise<void>): Promise<JobInResponse> {
    const job = this.newJob(queue, p);
    const id = job.id;
    const record = await this.jobs.create(job);
    try {
      await push(id);
    } catch (err) {
      await this.jobs.cancel(id).catch(() => undefined);
      this.logger.event('error', 'enqueue failed', { job_id: id, queue, err: err instanceof Error ? err.message : String(err) });
      throw ApiError.unavailable('Could not enqueue the job: Redis is unavailable');
    }
    return this.accepted(toJobResponse(record), p);
  }
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
