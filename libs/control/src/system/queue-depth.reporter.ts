import { Injectable } from '@nestjs/common';
import { QueueDepthSample, queueDepthSamples } from '@netpulse/observability';
import { FIFO_QUEUE, JobQueues, PinStore } from '@netpulse/state';

/**
 * Queue depths for `/metrics`, reported by the controller only (they live in Redis: every app
 * reporting them would multiply the sums). Device queues are aggregated into one `HostQ` series.
 */
@Injectable()
export class QueueDepthReporter {
  constructor(
    private readonly pins: PinStore,
    private readonly queues: JobQueues,
  ) {}

  async samples(): Promise<QueueDepthSample[]> {
    const hosts = await this.pins.activeHosts();
    const counts = await this.pins.waitingCounts(hosts);
    return [...queueDepthSamples(FIFO_QUEUE, await this.queues.counts(FIFO_QUEUE)), { queue: 'HostQ', state: 'waiting', count: counts.reduce((a, b) => a + b, 0) }];
  }
}
