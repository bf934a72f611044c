import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { DeviceGuard, DeviceJobProcessor, FreshSessionSource, ProcessExit, WorkerCommand, WorkerRole, WorkerPresence, WorkerReadiness } from '@netpulse/execution';
import { AppLogger, NetpulseMetrics, backgroundFailure } from '@netpulse/observability';
import { DeviceProtectionStore, FIFO_QUEUE, Job, JobOfDevice, JobQueues, JobStore, WorkerRegistry } from '@netpulse/state';
import type { Worker } from 'bullmq';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Consumes `FifoQ` with `worker.fifo_concurrency` jobs at once, a fresh session per job. Takes no job
 * before it is registered; on shutdown stops fetching, finishes what it holds, then deregisters.
 */
@Injectable()
export class FifoConsumerService implements WorkerRole, OnApplicationShutdown {
  private worker: Worker<JobOfDevice> | null = null;
  private readonly sessions: FreshSessionSource;

  constructor(
    private readonly config: AppConfig,
    private readonly exit: ProcessExit,
    guard: DeviceGuard,
    private readonly jobs: JobStore,
    private readonly logger: AppLogger,
    private readonly metrics: NetpulseMetrics,
    private readonly presence: WorkerPresence,
    private readonly processor: DeviceJobProcessor,
    private readonly protection: DeviceProtectionStore,
    private readonly queues: JobQueues,
    private readonly readiness: WorkerReadiness,
    private readonly registry: WorkerRegistry,
  ) {
    this.sessions = new FreshSessionSource(guard);
  }

  async start(): Promise<void> {
    const name = await this.presence.start(`${hostname()}_${FIFO_QUEUE}`, { kind: 'fifo', queues: [FIFO_QUEUE], hostname: hostname(), pid: process.pid }, (c) => this.onCommand(c));
    this.worker = this.queues.consumer(FIFO_QUEUE, (job: Job<JobOfDevice>, token?: string) => this.handle(job, token, name), {
      concurrency: this.config.value.worker.fifo_concurrency,
    });
    this.worker.on('error', (err) => this.logger.event('warn', 'queue consumer error', { err: err.message }));
    this.worker.on('failed', (job) => void this.requeueIfNeverStarted(job));
    const worker = this.worker;
    void worker.run().catch((err: unknown) => {
      // The consumer loop itself ended: this process takes no more jobs, so it must not look alive.
      backgroundFailure(this.logger, this.metrics, 'control_loop', 'queue consumer stopped; the worker exits', { worker: name })(err);
      this.readiness.set(false, 'queue consumer stopped');
      process.exitCode = 1;
      this.exit.request();
    });
    this.readiness.set(true);
    this.logger.event('info', 'fifo worker consuming', { worker: name, concurrency: this.config.value.worker.fifo_concurrency });
  }

  async onApplicationShutdown(): Promise<void> {
    // close() waits for the jobs in hand: stop fetching, finish, then leave the registry.
    this.readiness.set(false, 'shutting down');
    await this.worker?.close();
    await this.presence.stop();
  }

  private async handle(job: Job<JobOfDevice>, token: string | undefined, name: string): Promise<void> {
    const id = job.data.id;
    const rec = await this.jobs.get(id);
    const limit = this.config.value.worker.fifo_per_device_limit;
    const device = rec?.host ?? null;
    if (rec && rec.status === 'queued' && device && limit > 0) {
      // Per-device session cap across all FIFO workers: a job that must wait goes back to the queue
      // (delayed) instead of holding one of this worker's slots.
      if (!(await this.protection.acquireSlot(device, id, limit, (rec.timeout + 60) * 1000))) {
        throw await JobQueues.postpone(job, token, 200 + Math.floor(Math.random() * 300));
      }
    }
    await this.presence.setStatus('busy');
    try {
      const status = await this.processor.process(id, name, this.sessions, this.presence.lease);
      if (status) await this.registry.countJob(name, status === 'finished').catch(() => undefined);
    } finally {
      if (device) await this.releaseSlot(device, id);
      if (this.processor.busy === 0) await this.presence.setStatus('idle');
    }
  }

  /**
   * Gives the job's session slot on its device back. Retried briefly: a slot left held keeps the
   * device throttled until its lease ends (the job's timeout + 60 s).
   */
  private async releaseSlot(device: string, id: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.protection.releaseSlot(device, id);
        return;
      } catch (err) {
        if (attempt >= 5) {
          backgroundFailure(this.logger, this.metrics, 'slot_release', 'device session slot not released; it frees itself when its lease ends', { job_id: id })(err);
          return;
        }
        await sleep(200 * attempt);
      }
    }
  }

  /**
   * BullMQ fails a job whose worker died holding it (stalled, `maxStalledCount: 0`) without running
   * it. When its record never started, nothing ran: it goes back on the queue (the record's start is
   * the once-only gate, so it still runs at most once). A started one is the sweeper's (WorkerDied).
   */
  private async requeueIfNeverStarted(job: Job<JobOfDevice> | undefined): Promise<void> {
    const id = job?.data.id;
    if (!id) return;
    try {
      const rec = await this.jobs.get(id);
      if (rec?.status !== 'queued') return;
      if (rec.host) await this.protection.releaseSlot(rec.host, id);
      await this.queues.add(FIFO_QUEUE, { id });
      this.logger.event('warn', 'job requeued: its worker stopped before starting it', { job_id: id });
    } catch (err) {
      this.logger.event('error', 'job not requeued', { job_id: id, err: err instanceof Error ? err.message : String(err) });
    }
  }

  private onCommand(c: WorkerCommand): void {
    switch (c.kind) {
      case 'shutdown':
        this.logger.event('info', 'shutdown requested through the API', { worker: this.presence.name });
        this.exit.request();
        return;
      case 'stop-job':
        this.processor.stop(c.jobId);
        return;
      case 'unpin':
        return;
    }
  }
}
