import { Injectable } from '@nestjs/common';
import { ApiError } from '@netpulse/contracts';
import { IdempotencyStore } from '@netpulse/state';
import { createHash } from 'node:crypto';

/** How long a first request's answer is kept for its retries, seconds. */
const TTL_S = 24 * 3600;
/** A claim whose request never completed (its controller died) frees the key after this long. */
const PENDING_TTL_S = 60;
/** The longest key accepted, characters. */
const MAX_KEY_LENGTH = 255;

/**
 * `Idempotency-Key` on `POST /device/exec` and `/device/bulk`: a retried request (same key, same
 * body) gets the first request's jobs back instead of running twice. The key is claimed before the
 * work starts, so two concurrent retries cannot both enqueue.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly store: IdempotencyStore) {}

  /**
   * Runs `work` once per (route, key); later calls get the stored response, refreshed by `refresh`
   * (jobs are re-read so the client sees their current state). Without a key, `work` just runs.
   * @throws ApiError 400 for a key over 255 characters, 409 while the first request still runs,
   *   422 when the key was used with a different body
   */
  async once<T>(route: string, key: string | undefined, body: unknown, work: () => Promise<T>, refresh: (stored: T) => Promise<T>): Promise<T> {
    if (key === undefined || key === '') return work();
    if (key.length > MAX_KEY_LENGTH) throw ApiError.badRequest(`Idempotency-Key must be at most ${MAX_KEY_LENGTH} characters`);
    const bodyHash = createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
    if (!(await this.store.claim(route, key, PENDING_TTL_S))) {
      const existing = await this.store.get<T>(route, key);
      if (existing?.state !== 'done') throw new ApiError(409, { detail: 'A request with this Idempotency-Key is still being processed' });
      if (existing.bodyHash !== bodyHash) throw ApiError.unprocessable('Idempotency-Key was already used with a different request body');
      return refresh(existing.response);
    }
    try {
      const response = await work();
      await this.store.complete(route, key, bodyHash, response, TTL_S);
      return response;
    } catch (err) {
      await this.store.drop(route, key);
      throw err;
    }
  }
}
