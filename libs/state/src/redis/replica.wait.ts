import type { AppConfigValue } from '@netpulse/config';
import type { ChainableCommander } from 'ioredis';

/** After a wait fell short, writes go on without waiting this long, ms. */
export const SHORTFALL_PAUSE_MS = 10_000;

/**
 * Redis `WAIT` after a write (`redis.wait_replicas`): the step returns once that many replicas have
 * the write, or after the timeout with the write on the primary only. Sent in the same pipeline as
 * the write, so on a cluster it reaches the master that took it.
 *
 * A WAIT holds up the connection it is sent on. When one falls short (a primary without replicas,
 * e.g. the promoted one right after a failover, whose data nothing else holds anyway), writes go on
 * without waiting for `SHORTFALL_PAUSE_MS`, so they do not each pay the timeout; then the next write
 * waits again.
 */
export class ReplicaWait {
  /** Waits that ended with fewer replicas than asked. */
  shortfalls = 0;
  private pausedUntil = 0;

  /**
   * @param replicas  replicas that must have the write (at least 1)
   * @param timeoutMs longest wait, ms (at least 1)
   * @param now       the clock (tests)
   */
  constructor(
    readonly replicas: number,
    readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(Number.isInteger(replicas) && replicas >= 1)) throw new Error('ReplicaWait replicas must be an integer of at least 1');
    if (!(timeoutMs >= 1)) throw new Error('ReplicaWait timeoutMs must be a number of at least 1');
  }

  /** The wait a configuration asks for, or null (`redis.wait_replicas` 0). */
  static of(redis: AppConfigValue['redis']): ReplicaWait | null {
    return redis.wait_replicas > 0 ? new ReplicaWait(redis.wait_replicas, Math.max(1, Math.round(redis.wait_timeout * 1000))) : null;
  }

  /** False while paused after a shortfall. */
  get active(): boolean {
    return this.now() >= this.pausedUntil;
  }

  /** Adds the WAIT to a pipeline, after the writes it covers; false (nothing added) while paused. */
  append(pipeline: ChainableCommander): boolean {
    if (!this.active) return false;
    pipeline.wait(this.replicas, this.timeoutMs);
    return true;
  }

  /** Takes the WAIT's reply (the replicas that acknowledged). */
  acknowledged(reply: unknown): void {
    if (Number(reply) >= this.replicas) return;
    this.shortfalls++;
    this.pausedUntil = this.now() + SHORTFALL_PAUSE_MS;
  }
}
