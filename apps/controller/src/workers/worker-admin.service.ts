import { Injectable } from '@nestjs/common';
import { ApiError, WorkerInResponse } from '@netpulse/contracts';
import { WorkerRegistry, toWorkerResponse } from '@netpulse/state';

/** Lists workers and asks them to shut down (they finish the job in hand first). */
@Injectable()
export class WorkerAdminService {
  constructor(private readonly registry: WorkerRegistry) {}

  async list(queue: string | undefined): Promise<WorkerInResponse[]> {
    return (await this.registry.list(queue)).map(toWorkerResponse);
  }

  /** 404 for an unknown worker (decision 5). */
  async shutdown(name: string): Promise<{ name: string }> {
    const known = (await this.registry.list()).some((w) => w.name === name);
    if (!known) throw ApiError.notFound(`Worker ${name} not found`);
    await this.registry.sendCommand(name, 'shutdown');
    return { name };
  }

  async shutdownQueue(queue: string | undefined): Promise<string[]> {
    if (!queue) return [];
    const names = (await this.registry.list(queue)).map((w) => w.name);
    for (const n of names) await this.registry.sendCommand(n, 'shutdown');
    return names;
  }
}
