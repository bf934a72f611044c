import type { RedisClient } from '../redis/redis.connection';
import { randomUUID } from 'node:crypto';
import { runScript } from '../redis/lua.scripts';

/**
 * "Exactly one of the controllers acts": a lease in Redis taken and renewed by its owner on every
 * pass (a crashed owner's lease lapses after `leaseMs`), released on shutdown.
 */
export class LeaderLock {
  private readonly owner = randomUUID();

  /**
   * @param key     the lock's Redis key (from StateKeys)
   * @param leaseMs how long the lock outlives its owner's last pass; must exceed the pass interval
   */
  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly leaseMs: number,
  ) {
    if (!(leaseMs > 0)) throw new Error('LeaderLock leaseMs must be a number greater than 0');
  }

  /** Takes or renews the lock; true while this process is the leader. */
  async hold(): Promise<boolean> {
    return (await runScript(this.redis, 'hold-lock-1', [this.key], [this.owner, Math.round(this.leaseMs)])) === 1;
  }

  async release(): Promise<void> {
    await runScript(this.redis, 'release-lock-1', [this.key], [this.owner]);
  }
}
