import type { RedisClient } from '../redis/redis.connection';
import type { StateKeys } from '../state.keys';

/** What is stored under an `Idempotency-Key` while its first request runs. */
const PENDING = 'pending';

/** An `Idempotency-Key`'s entry: claimed by a request still running, or the answer it gave. */
export type IdempotencyEntry<T> = { state: 'pending' } | { state: 'done'; bodyHash: string; response: T };

/**
 * The stored answers of `Idempotency-Key` requests, one string per (route, key): `pending` while the
 * first request runs, then `{bodyHash, response}` as JSON. The claim is one `SET NX`, so of two
 * concurrent requests with one key exactly one runs.
 */
export class IdempotencyStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: StateKeys,
  ) {}

  /**
   * Claims the key for a request about to run; false when it is already claimed or answered.
   * @param pendingTtlS seconds after which a claim whose request never completed frees the key
   */
  async claim(route: string, key: string, pendingTtlS: number): Promise<boolean> {
    return (await this.redis.set(this.keys.idempotency(route, key), PENDING, 'EX', pendingTtlS, 'NX')) === 'OK';
  }

  /** The key's entry; null when there is none (never claimed, expired, or dropped). */
  async get<T>(route: string, key: string): Promise<IdempotencyEntry<T> | null> {
    const raw = await this.redis.get(this.keys.idempotency(route, key));
    if (raw === null) return null;
    if (raw === PENDING) return { state: 'pending' };
    const stored = JSON.parse(raw) as { bodyHash: string; response: T };
    return { state: 'done', bodyHash: stored.bodyHash, response: stored.response };
  }

  /**
   * Stores the first request's answer in place of its claim.
   * @param ttlS seconds the answer is kept for retries
   */
  async complete<T>(route: string, key: string, bodyHash: string, response: T, ttlS: number): Promise<void> {
    await this.redis.set(this.keys.idempotency(route, key), JSON.stringify({ bodyHash, response }), 'EX', ttlS);
  }

  /** Frees the key (the first request failed: a retry may run it). */
  async drop(route: string, key: string): Promise<void> {
    await this.redis.del(this.keys.idempotency(route, key));
  }
}
