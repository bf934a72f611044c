import { AppLogger, NetpulseMetrics, backgroundFailure } from '@netpulse/observability';
import { type RedisClient, RedisConnectionFactory, StateKeys, WorkerRegistration, WorkerRegistry, WorkerState } from '@netpulse/state';
import { randomUUID } from 'node:crypto';
import { WorkerLease } from './worker-lease';

export type WorkerCommand = { kind: 'shutdown' } | { kind: 'stop-job'; jobId: string } | { kind: 'unpin'; host: string };

/**
 * A worker's presence in the registry: a claimed name, a heartbeat every `heartbeat_interval`, and
 * the pub/sub channel on which `/workers` and `/jobs` send it commands. The heartbeat is the
 * worker's lease (`lease`): a worker that stalled past the liveness window and was presumed dead
 * registers again when it wakes (it never runs unlisted), and its jobs stop at their next step.
 * The command channel is checked on every heartbeat and re-subscribed when it went deaf.
 */
export class WorkerPresence {
  readonly owner = randomUUID();
  readonly lease = new WorkerLease();
  private timer: NodeJS.Timeout | null = null;
  private sub: RedisClient | null = null;
  private reg: WorkerRegistration | null = null;
  private onCommand: ((c: WorkerCommand) => void) | null = null;
  private channelDown = false;

  constructor(
    private readonly registry: WorkerRegistry,
    private readonly connections: RedisConnectionFactory,
    private readonly keys: StateKeys,
    private readonly logger: AppLogger,
    private readonly heartbeatMs: number,
    private readonly metrics: NetpulseMetrics | null = null,
  ) {}

  get name(): string {
    if (!this.reg) throw new Error('worker is not registered yet');
    return this.reg.name;
  }

  /** Claims `baseName` (or `baseName-<n>`), registers, heartbeats, and listens for commands. */
  async start(baseName: string, reg: Omit<WorkerRegistration, 'name'>, onCommand: (c: WorkerCommand) => void): Promise<string> {
    const sentAt = this.lease.mark();
    const name = await this.registry.claimName(baseName, this.owner);
    this.reg = { ...reg, name };
    await this.registry.register(this.reg, this.owner);
    this.lease.renewed(sentAt, this.registry.livenessWindowMs);
    this.onCommand = onCommand;
    await this.subscribe();
    this.timer = setInterval(() => void this.beat(), this.heartbeatMs);
    return name;
  }

  async setStatus(status: WorkerState): Promise<void> {
    if (this.reg) await this.registry.setStatus(this.reg.name, status).catch(() => undefined);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.onCommand = null;
    this.sub?.disconnect();
    this.sub = null;
    if (this.reg) await this.registry.deregister(this.reg.name, this.reg.queues).catch(() => undefined);
  }

  private async subscribe(): Promise<void> {
    const reg = this.reg;
    if (!reg) return;
    this.sub?.disconnect();
    const sub = this.connections.create(`sub:${reg.name}`);
    this.sub = sub;
    sub.on('message', (_ch: string, msg: string) => {
      const handle = this.onCommand;
      if (!handle) return;
      if (msg === 'shutdown') handle({ kind: 'shutdown' });
      else if (msg.startsWith('stop-job:')) handle({ kind: 'stop-job', jobId: msg.slice('stop-job:'.length) });
      else if (msg.startsWith('unpin:')) handle({ kind: 'unpin', host: msg.slice('unpin:'.length) });
    });
    sub.on('error', (err: Error) => {
      if (this.channelDown) return;
      this.channelDown = true;
      backgroundFailure(this.logger, this.metrics, 'command_channel', 'worker command channel lost: commands sent until it is back are missed', { worker: reg.name })(err);
    });
    sub.on('ready', () => {
      if (!this.channelDown) return;
      this.channelDown = false;
      this.logger.event('info', 'worker command channel back', { worker: reg.name });
    });
    await sub.subscribe(this.keys.workerCommands(reg.name));
  }

  private async beat(): Promise<void> {
    const reg = this.reg;
    if (!reg) return;
    const sentAt = this.lease.mark();
    try {
      if (await this.registry.heartbeat(reg.name, reg.queues, this.owner)) {
        this.lease.renewed(sentAt, this.registry.livenessWindowMs);
      } else {
        // A sweeper presumed this worker dead while it stalled: its jobs were ended WorkerDied (they
        // stop at their next step). It is alive, so it is listed again.
        this.logger.event('warn', 'worker was presumed dead while it stalled; registering again', { worker: reg.name });
        this.lease.lost();
        await this.registry.register(reg, this.owner);
        this.lease.renewed(sentAt, this.registry.livenessWindowMs);
      }
      if (this.onCommand && (await this.registry.commandListeners(reg.name)) === 0) {
        backgroundFailure(this.logger, this.metrics, 'command_channel', 'worker command channel not subscribed; subscribing again', { worker: reg.name })(new Error('no subscriber'));
        await this.subscribe();
      }
    } catch (err) {
      this.logger.event('warn', 'heartbeat failed', { worker: reg.name, err: err instanceof Error ? err.message : String(err) });
    }
  }
}
