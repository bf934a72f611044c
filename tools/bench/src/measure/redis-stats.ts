import Redis from 'ioredis';

/** Figures read from the Redis server the system uses. */
export class RedisStats {
  private readonly redis: Redis;

  constructor(host: string, port: number) {
    this.redis = new Redis({ host, port, connectionName: 'netpulse-bench' });
    // Errors surface on the commands; an idle connection refused during teardown is not news.
    this.redis.on('error', () => undefined);
  }

  async connections(): Promise<number> {
    const list = (await this.redis.client('LIST')) as string;
    return list.split('\n').filter((l) => l.trim()).length;
  }

  /** CPU seconds Redis has used (user + system). */
  async cpuSeconds(): Promise<number> {
    const info = await this.redis.info('cpu');
    const get = (k: string): number => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? 0);
    return get('used_cpu_sys') + get('used_cpu_user');
  }

  /** Commands Redis has processed since it started (every client; commands run inside Lua scripts count too). */
  async commandsProcessed(): Promise<number> {
    const info = await this.redis.info('stats');
    return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? NaN);
  }

  /** One PING's round trip from this process, ms: the floor under every Redis step of a job. */
  async pingMs(): Promise<number> {
    const t = performance.now();
    await this.redis.ping();
    return performance.now() - t;
  }

  close(): void {
    this.redis.disconnect();
  }
}
