import type { RedisClient } from '../redis/redis.connection';
import type { StateKeys } from '../state.keys';

/**
 * Remembered SSH host keys shared by every worker (docs/compatibility.md: SSH host keys remembered on first use): one hash `host:port` →
 * fingerprint. It satisfies the drivers' `HostKeyStore` structurally, so libs/state stays free of
 * a dependency on libs/drivers.
 */
export class RedisHostKeyStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: StateKeys,
  ) {}

  get(hostPort: string): Promise<string | null> {
    return this.redis.hget(this.keys.hostKeys, hostPort);
  }

  /**
   * First writer wins (HSETNX): two workers meeting a new host at once must not let the second
   * overwrite the key the first one already trusted.
   */
  async put(hostPort: string, fingerprint: string): Promise<void> {
    await this.redis.hsetnx(this.keys.hostKeys, hostPort, fingerprint);
  }

  /** Forgets a host's key (an operator accepting a reinstalled host). */
  async forget(hostPort: string): Promise<void> {
    await this.redis.hdel(this.keys.hostKeys, hostPort);
  }
}
