import { Inject, Injectable } from '@nestjs/common';
import { ApiError } from '@netpulse/contracts';
import { REDIS, StateKeys } from '@netpulse/state';
import type Redis from 'ioredis';
import { createHash } from 'node:crypto';

const TTL_S = 24 * 3600;
/** A claim whose request never completed (its controller died) frees the key after this long. */
const PENDING_TTL_S = 60;
const PENDING = 'pending';

interface Stored<T> {
  bodyHash: string;
  response: T;
}

/**
 * `Idempotency-Key` on `POST /device/exec` and `/device/bulk`: a retried request (same key, same
 * body) gets the first request's jobs back instead of running twice. The key is claimed before the
 * work starts, so two concurrent retries cannot both enqueue.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly keys: StateKeys,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * Runs `work` once per (route, key); later calls get the stored response, refreshed by `refresh`
   * (jobs are re-read so the client sees their current state).
   */
  async once<T>(route: string, key: string | undefined, body: unknown, work: () => Promise<T>, refresh: (stored: T) => Promise<T>): Promise<T> {
    if (key === undefined || key === '') return work();
    if (key.length > 255) throw ApiError.badRequest('Idempotency-Key must be at most 255 characters');
    const redisKey = this.keys.idempotency(route, key);
    const bodyHash = createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
    if ((await this.redis.set(redisKey, PENDING, 'EX', PENDING_TTL_S, 'NX')) !== 'OK') {
      const existing = await this.redis.get(redisKey);
      if (existing === PENDING || existing === null) throw new ApiError(409, { detail: 'A request with this Idempotency-Key is still being processed' });
      const stored = JSON.parse(existing) as Stored<T>;
      if (stored.bodyHash !== bodyHash) throw ApiError.unprocessable('Idempotency-Key was already used with a different request body');
      return refresh(stored.response);
    }
    try {
      const response = await work();
      await this.redis.set(redisKey, JSON.stringify({ bodyHash, response } satisfies Stored<T>), 'EX', TTL_S);
      return response;
    } catch (err) {
      await this.redis.del(redisKey);
      throw err;
    }
  }
}
