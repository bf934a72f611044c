import { performance } from 'node:perf_hooks';

/**
 * This process's own view of its lease in Redis (a node's lease, a FIFO worker's heartbeat): valid
 * until the last renewal that Redis accepted, counted from the moment that renewal was *sent*, plus
 * the lease length. Redis cannot have let the lease lapse earlier, so while `held()` is true no
 * sweeper has presumed this worker dead. Read on a monotonic clock before every step that touches a
 * device: a worker that was stalled (SIGSTOP, a blocked event loop, a VM pause) past its lease sees
 * it lost at once on waking, before any timer has run.
 *
 * A renewal sent after the lease had already run out starts a new epoch: a job that began under an
 * earlier epoch stays fenced even once the worker holds a lease again (it was presumed dead meanwhile).
 */
export class WorkerLease {
  private validUntil = -Infinity;
  private epochNo = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Changes each time the lease is taken anew after it ran out. */
  get epoch(): number {
    return this.epochNo;
  }

  /** The moment a renewal is about to be sent; pass it to `renewed` once Redis accepted it. */
  mark(): number {
    return this.now();
  }

  renewed(sentAt: number, leaseMs: number): void {
    if (sentAt >= this.validUntil) this.epochNo++;
    this.validUntil = Math.max(this.validUntil, sentAt + leaseMs);
  }

  /** The lease is known lost (renewal refused): nothing more may run under it. */
  lost(): void {
    this.validUntil = -Infinity;
  }

  /** True while the lease runs (and, given an epoch, it is still that epoch's lease). */
  held(epoch?: number): boolean {
    return this.now() < this.validUntil && (epoch === undefined || epoch === this.epochNo);
  }
}
