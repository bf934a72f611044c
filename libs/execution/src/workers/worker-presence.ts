import { AppLogger } from '@netpulse/observability';
import { RedisConnectionFactory, StateKeys, WorkerRegistration, WorkerRegistry, WorkerState } from '@netpulse/state';
import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

export type WorkerCommand = { kind: 'shutdown' } | { kind: 'stop-job'; jobId: string } | { kind: 'unpin'; host: string };

/**
 * A worker's presence in the registry: a claimed name, a heartbeat every `heartbeat_interval`, and
 * the pub/sub channel on which `/workers` and `/jobs` send it commands.
 */
export class WorkerPresence {
  readonly owner = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private sub: Redis | null = null;
  private reg: WorkerRegistration | null = null;

  constructor(
    private readonly registry: WorkerRegistry,
    private readonly connections: RedisConnectionFactory,
    private readonly keys: StateKeys,
    private readonly logger: AppLogger,
    private readonly heartbeatMs: number,
  ) {}

  get name(): string {
    if (!this.reg) throw new Error('worker is not registered yet');
    return this.reg.name;
  }

  /** Claims `baseName` (or `baseName-<n>`), registers, heartbeats, and listens for commands. */
  async start(baseName: string, reg: Omit<WorkerRegistration, 'name'>, onCommand: (c: WorkerCommand) => void): Promise<string> {
    const name = await this.registry.claimName(baseName, this.owner);
    this.reg = { ...reg, name };
    await this.registry.register(this.reg, this.owner);
    this.sub = this.connections.create(`sub:${name}`);
    this.sub.on('message', (_ch: string, msg: string) => {
      if (msg === 'shutdown') onCommand({ kind: 'shutdown' });
      else if (msg.startsWith('stop-job:')) onCommand({ kind: 'stop-job', jobId: msg.slice('stop-job:'.length) });
      else if (msg.startsWith('unpin:')) onCommand({ kind: 'unpin', host: msg.slice('unpin:'.length) });
    });
    this.sub.on('error', () => undefined);
    await this.sub.subscribe(this.keys.workerCommands(name));
    this.timer = setInterval(() => void this.beat(), this.heartbeatMs);
    return name;
  }

  async setStatus(status: WorkerState): Promise<void> {
    if (this.reg) await this.registry.setStatus(this.reg.name, status).catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sub?.disconnect();
    this.sub = null;
    if (this.reg) await this.registry.deregister(this.reg.name, this.reg.queues).catch(() => undefined);
  }

  private async beat(): Promise<void> {
    if (!this.reg) return;
    try {
      await this.registry.heartbeat(this.reg.name, this.reg.queues, this.owner);
    } catch (err) {
      this.logger.event('warn', 'heartbeat failed', { worker: this.reg.name, err: err instanceof Error ? err.message : String(err) });
    }
  }
}
