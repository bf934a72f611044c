import type { RedisClient } from '../redis/redis.connection';
import { runScript } from '../redis/lua.scripts';
import type { StateKeys } from '../state.keys';

/**
 * Shared counters that protect devices from us: the per-device session cap on the FIFO path, the
 * connection circuit breaker, and the authentication lockout guard. Shared through Redis so every
 * worker process sees the same state. `target` is `host:port`.
 */
export class DeviceProtectionStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: StateKeys,
  ) {}

  async acquireSlot(target: string, jobId: string, limit: number, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    return (await runScript(this.redis, 'acquire-device-slot-1', [this.keys.deviceSlots(target)], [jobId, limit, now, now + leaseMs])) === 1;
  }

  async releaseSlot(target: string, jobId: string): Promise<void> {
    await this.redis.zrem(this.keys.deviceSlots(target), jobId);
  }

  /** When the breaker is open: the time (ms) it closes again, and how many failures opened it. */
  async breakerOpen(target: string): Promise<{ until: number; failures: number } | null> {
    const h = await this.redis.hgetall(this.keys.deviceBreaker(target));
    const until = Number(h.open_until ?? 0);
    return until > Date.now() ? { until, failures: Number(h.failures ?? 0) } : null;
  }

  /**
   * Counts a connection failure; opens the breaker for `cooldownMs` at `threshold` failures in a row.
   * True when this failure opened it (or re-opened it after a failed attempt past the cool-down).
   */
  async connectionFailed(target: string, threshold: number, cooldownMs: number): Promise<boolean> {
    const key = this.keys.deviceBreaker(target);
    const failures = await this.redis.hincrby(key, 'failures', 1);
    const opens = threshold > 0 && failures >= threshold;
    if (opens) await this.redis.hset(key, 'open_until', String(Date.now() + cooldownMs));
    await this.redis.pexpire(key, Math.max(cooldownMs * 4, 600_000));
    return opens;
  }

  async connectionSucceeded(target: string): Promise<void> {
    await this.redis.del(this.keys.deviceBreaker(target));
  }

  async authFailureCount(target: string, username: string): Promise<{ count: number; ttlMs: number }> {
    const key = this.keys.authFailures(target, username);
    const [count, ttl] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    return { count: Number(count ?? 0), ttlMs: Math.max(0, ttl) };
  }

  /** Counts a failed login in the window; resolves to the count so far. */
  async authFailed(target: string, username: string, windowMs: number): Promise<number> {
    const key = this.keys.authFailures(target, username);
    const n = await this.redis.incr(key);
    if (n === 1) await this.redis.pexpire(key, windowMs);
    return n;
  }

  async authSucceeded(target: string, username: string): Promise<void> {
    await this.redis.del(this.keys.authFailures(target, username));
  }

  /** Counts a failed API-key check from a client; resolves to the count in the current minute. */
  async apiAuthFailed(client: string): Promise<number> {
    const key = this.keys.apiAuthFailures(client);
    const n = await this.redis.incr(key);
    if (n === 1) await this.redis.pexpire(key, 60_000);
    return n;
  }
}
