import type { RedisClient } from '../redis/redis.connection';
import { LeaderLock } from './leader.lock';

/** Makes `LeaderLock`s on the shared connection, so code that needs one never holds the raw client. */
export class LeaderLockFactory {
  constructor(private readonly redis: RedisClient) {}

  /**
   * @param key     the lock's Redis key (from StateKeys)
   * @param leaseMs how long the lock outlives its owner's last pass; must exceed the pass interval
   */
  create(key: string, leaseMs: number): LeaderLock {
    return new LeaderLock(this.redis, key, leaseMs);
  }
}
