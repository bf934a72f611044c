import type { RedisClient } from './redis.connection';

/** Whether the shared Redis connection answers, for a readiness probe (one PING). */
export class RedisProbe {
  constructor(private readonly redis: RedisClient) {}

  /** True when Redis answers PING; otherwise the reason, never a rejection. */
  async ready(): Promise<true | { ready: false; reason: string }> {
    return (await this.redis.ping().catch(() => null)) === 'PONG' ? true : { ready: false, reason: 'redis: no answer' };
  }
}
