import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { DeviceJobProcessor, FreshSessionSource, ProcessExit, WorkerCommand, WorkerPresence } from '@netpulse/execution';
import { AppLogger } from '@netpulse/observability';
import { FIFO_QUEUE, Job, JobOfDevice, JobQueues, WorkerRegistry } from '@netpulse/state';
import type { Worker } from 'bullmq';
import { hostname } from 'node:os';

/**
 * Consumes `FifoQ` with `worker.fifo_concurrency` jobs at once, a fresh session per job. Takes no job
 * before it is registered; on shutdown stops fetching, finishes what it holds, then deregisters.
 */
@Injectable()
export class FifoConsumerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private worker: Worker<JobOfDevice> | null = null;
  private readonly sessions = new FreshSessionSource();

  constructor(
    private readonly config: AppConfig,
    private readonly exit: ProcessExit,
    private readonly logger: AppLogger,
    private readonly presence: WorkerPresence,
    private readonly processor: DeviceJobProcessor,
    private readonly queues: JobQueues,
    private readonly registry: WorkerRegistry,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const name = await this.presence.start(`${hostname()}_${FIFO_QUEUE}`, { kind: 'fifo', queues: [FIFO_QUEUE], hostname: hostname(), pid: process.pid }, (c) => this.onCommand(c));
    this.worker = this.queues.consumer(FIFO_QUEUE, (job: Job<JobOfDevice>) => this.handle(job.data.id, name), {
      concurrency: this.config.value.worker.fifo_concurrency,
    });
    this.worker.on('error', (err) => this.logger.event('warn', 'queue consumer error', { err: err.message }));
    void this.worker.run();
    this.logger.event('info', 'fifo worker consuming', { worker: name, concurrency: this.config.value.worker.fifo_concurrency });
  }

  async onApplicationShutdown(): Promise<void> {
    // close() waits for the jobs in hand: stop fetching, finish, then leave the registry.
    await this.worker?.close();
    await this.presence.stop();
  }

  private async handle(id: string, name: string): Promise<void> {
    await this.presence.setStatus('busy');
    try {
      const status = await this.processor.process(id, name, this.sessions);
      if (status) await this.registry.countJob(name, status === 'finished').catch(() => undefined);
    } finally {
      if (this.processor.busy === 0) await this.presence.setStatus('idle');
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
