import { Injectable } from '@nestjs/common';
import { ApiError, WorkerInResponse, formatDatetime } from '@netpulse/contracts';
import { AuditTrail } from '@netpulse/execution';
import { AppLogger } from '@netpulse/observability';
import { PinStore, WorkerEntry, WorkerRegistry, hostQueue, toWorkerResponse } from '@netpulse/state';

/**
 * Lists workers (FIFO and node workers from the registry; pinned workers through their live node)
 * and asks them to shut down: a FIFO or node worker finishes the job in hand first; a pinned worker
 * is unpinned (and re-pinned at once if jobs wait).
 */
@Injectable()
export class WorkerAdminService {
  constructor(
    private readonly audit: AuditTrail,
    private readonly logger: AppLogger,
    private readonly pins: PinStore,
    private readonly registry: WorkerRegistry,
  ) {}

  async list(queue: string | undefined): Promise<WorkerInResponse[]> {
    const registered = await this.registry.list();
    const out: WorkerInResponse[] = [];
    for (const w of registered) {
      if (!queue || w.queues.includes(queue)) out.push(toWorkerResponse(w));
      if (w.kind !== 'node') continue;
      for (const p of await this.pins.pinnedOf(w.name)) {
        if (queue && queue !== hostQueue(p.host)) continue;
        out.push({
          name: p.name,
          status: p.status,
          pid: w.pid,
          hostname: w.hostname,
          queues: [hostQueue(p.host)],
          last_heartbeat: w.lastHeartbeatMs ? formatDatetime(w.lastHeartbeatMs * 1000) : null,
          birth_at: formatDatetime(p.birth * 1000),
          successful_job_count: p.successful,
          failed_job_count: p.failed,
        });
      }
    }
    return out;
  }

  /** 404 for an unknown worker (docs/compatibility.md: Unknown worker is 404). */
  async shutdown(name: string): Promise<{ name: string }> {
    const registered = await this.registry.list();
    if (registered.some((w) => w.name === name)) {
      await this.send(name, 'shutdown');
      await this.audit.record({ event: 'worker.deleted', worker: name, outcome: 'shutdown requested' });
      return { name };
    }
    const pinned = await this.findPinned(registered, name);
    if (!pinned) throw ApiError.notFound(`Worker ${name} not found`);
    await this.send(pinned.node, `unpin:${pinned.host}`);
    await this.audit.record({ event: 'worker.deleted', worker: name, host: pinned.host, outcome: 'unpin requested' });
    return { name };
  }

  /** A listed worker that does not receive its command has a dead command channel: said in the log (it re-subscribes on its next heartbeat). */
  private async send(worker: string, command: string): Promise<void> {
    if ((await this.registry.sendCommand(worker, command)) === 0) this.logger.event('warn', 'worker command reached no listener (its command channel is down)', { worker, command: command.split(':')[0] });
  }

  async shutdownQueue(queue: string | undefined): Promise<string[]> {
    if (!queue) return [];
    const names = (await this.list(queue)).map((w) => w.name);
    for (const n of names) await this.shutdown(n).catch(() => undefined);
    return names;
  }

  private async findPinned(registered: WorkerEntry[], name: string): Promise<{ node: string; host: string } | null> {
    for (const w of registered.filter((r) => r.kind === 'node')) {
      const p = (await this.pins.pinnedOf(w.name)).find((e) => e.name === name);
      if (p) return { node: w.name, host: p.host };
    }
    return null;
  }
}
