import { Injectable } from '@nestjs/common';
import type { SystemStatsResponse, WorkerInResponse } from '@netpulse/contracts';
import { WorkerAdminService } from '../workers/worker-admin.service';
import { JobStore, PinStore } from '@netpulse/state';

/** `GET /system/stats`. Job counts are over the records still kept ("recent" numbers). */
@Injectable()
export class SystemStatsService {
  private readonly startedAt = Date.now();
  private healingBaseline: number | null = null;

  constructor(
    private readonly jobs: JobStore,
    private readonly pins: PinStore,
    private readonly workerAdmin: WorkerAdminService,
  ) {}

  private async workersIncludingPinned(): Promise<WorkerInResponse[]> {
    return this.workerAdmin.list(undefined);
  }

  async stats(): Promise<SystemStatsResponse> {
    const workers = await this.workersIncludingPinned();
    const kindOf = (queues: string[]): 'pinned' | 'node' | 'fifo' | 'other' =>
      queues.some((q) => q.startsWith('HostQ_')) ? 'pinned' : queues.some((q) => q.startsWith('NodeQ_')) ? 'node' : queues.includes('FifoQ') ? 'fifo' : 'other';
    const count = (k: string): number => workers.filter((w) => kindOf(w.queues) === k).length;
    const busy = workers.filter((w) => w.status === 'busy').length;
    const records = await this.jobs.list();
    const by = (s: string): number => records.filter((r) => r.status === s).length;
    const nodes = await this.pins.liveNodes();
    const capacity = nodes.reduce((sum, n) => sum + n.capacity, 0);
    const healing = await this.pins.selfHealingCount();
    this.healingBaseline ??= healing;
    return {
      status: 'online',
      workers: { total: workers.length, pinned: count('pinned'), fifo: count('fifo'), node: count('node'), idle: workers.length - busy, busy },
      jobs: { succeeded: by('finished'), failed: by('failed'), in_progress: by('started'), queued: by('queued'), total: records.length },
      nodes: { active: nodes.length, total_capacity: capacity },
      self_healing: { total_triggers: healing - this.healingBaseline },
      uptime_seconds: Math.floor((Date.now() - this.startedAt) / 1000),
    };
  }
}
