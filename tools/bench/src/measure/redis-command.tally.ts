import Redis from 'ioredis';

/** Commands Redis ran during a window, split by who issued them. */
export interface RedisCommandCount {
  /** Sent by clients over their connections: a script call (EVALSHA) counts once, MULTI/EXEC each count. */
  sent: number;
  /** Run inside Lua scripts. */
  inScripts: number;
  /** Sent commands by name (lower case), most frequent first. */
  byName: [string, number][];
}

/**
 * Counts the commands Redis runs while it is open, through a `MONITOR` connection of its own (which
 * slows Redis down: use it on a dedicated series, not the timed ones). Only commands touching keys of
 * `namespace` (or with no key, like TIME) from other connections are counted; its own are not.
 */
export class RedisCommandTally {
  private sent = 0;
  private inScripts = 0;
  private readonly names = new Map<string, number>();

  private constructor(
    private readonly monitor: Redis,
    private readonly namespace: string,
  ) {
    monitor.on('monitor', (_time: string, args: string[], source: string) => this.count(args, source));
  }

  static async open(host: string, port: number, namespace: string): Promise<RedisCommandTally> {
    const redis = new Redis({ host, port, connectionName: 'netpulse-bench-monitor' });
    redis.on('error', () => undefined);
    const monitor = await redis.monitor();
    redis.disconnect();
    return new RedisCommandTally(monitor, namespace);
  }

  private count(args: string[], source: string): void {
    const name = (args[0] ?? '').toLowerCase();
    const keyed = args.slice(1).some((a) => a.startsWith(`${this.namespace}:`) || a.startsWith(`{${this.namespace}}`));
    const keyless = ['multi', 'exec', 'time', 'ping'].includes(name);
    if (!keyed && !keyless) return;
    if (source === 'lua') {
      this.inScripts++;
      return;
    }
    this.sent++;
    this.names.set(name, (this.names.get(name) ?? 0) + 1);
  }

  /** The counts so far, and starts again from zero. */
  take(): RedisCommandCount {
    const out = { sent: this.sent, inScripts: this.inScripts, byName: [...this.names.entries()].sort((a, b) => b[1] - a[1]) };
    this.sent = 0;
    this.inScripts = 0;
    this.names.clear();
    return out;
  }

  close(): void {
    this.monitor.disconnect();
  }
}
