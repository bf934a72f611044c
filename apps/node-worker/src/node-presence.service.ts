import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { ProcessExit, WorkerCommand, WorkerPresence } from '@netpulse/execution';
import { AppLogger } from '@netpulse/observability';
import { REDIS, StateKeys, nodeQueue } from '@netpulse/state';
import type Redis from 'ioredis';
import { hostname } from 'node:os';

/**
 * The node's registration (contract §7.4 shape in `node_info_map`) and its lease: a key with TTL
 * `worker.node_ttl`, renewed every `worker.heartbeat_interval` (architecture §3).
 */
@Injectable()
export class NodePresenceService implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  private readonly node: string;

  constructor(
    private readonly config: AppConfig,
    private readonly exit: ProcessExit,
    private readonly keys: StateKeys,
    private readonly logger: AppLogger,
    private readonly presence: WorkerPresence,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.node = config.value.worker.node_name;
  }

  async onApplicationBootstrap(): Promise<void> {
    const queue = nodeQueue(this.node);
    await this.renewLease();
    // A restarted node starts empty: drop pins that still point at it (leftovers of a crash).
    const pins = await this.redis.hgetall(this.keys.hostToNodeMap);
    const mine = Object.entries(pins).filter(([, n]) => n === this.node).map(([h]) => h);
    const pipe = this.redis.multi();
    if (mine.length > 0) pipe.hdel(this.keys.hostToNodeMap, ...mine);
    pipe.hset(this.keys.nodeInfoMap, this.node, JSON.stringify({ hostname: this.node, count: 0, capacity: this.config.value.worker.pinned_per_node, queue }));
    await pipe.exec();
    await this.presence.start(this.node, { kind: 'node', queues: [queue], hostname: hostname(), pid: process.pid }, (c) => this.onCommand(c));
    this.timer = setInterval(() => void this.renewLease(), this.config.value.worker.heartbeat_interval * 1000);
    this.logger.event('info', 'node registered', { node: this.node, capacity: this.config.value.worker.pinned_per_node });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.presence.stop();
    const pins = await this.redis.hgetall(this.keys.hostToNodeMap).catch(() => ({}) as Record<string, string>);
    const mine = Object.entries(pins).filter(([, n]) => n === this.node).map(([h]) => h);
    const pipe = this.redis.multi();
    if (mine.length > 0) pipe.hdel(this.keys.hostToNodeMap, ...mine);
    pipe.hdel(this.keys.nodeInfoMap, this.node);
    pipe.del(this.keys.nodeLease(this.node));
    await pipe.exec().catch(() => undefined);
  }

  private async renewLease(): Promise<void> {
    try {
      await this.redis.set(this.keys.nodeLease(this.node), String(process.pid), 'PX', this.config.value.worker.node_ttl * 1000);
    } catch (err) {
      this.logger.event('warn', 'node lease renewal failed', { node: this.node, err: err instanceof Error ? err.message : String(err) });
    }
  }

  private onCommand(c: WorkerCommand): void {
    if (c.kind === 'shutdown') this.exit.request();
  }
}
