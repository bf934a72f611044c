import type { RedisClient } from '../redis/redis.connection';

const RECENT_MS = 5000;

/** One client's interest in one job's end. */
export interface JobEndWatch {
  /** Resolves when the job ends (or the watcher may have missed it), or after `timeoutMs`. */
  until(timeoutMs: number): Promise<void>;
  /** Forgets the interest (always call it, e.g. in `finally`). */
  cancel(): void;
}

/**
 * Tells waiting requests (`?wait=`) that a job ended, from the job-ended pub/sub channel the job
 * scripts publish on: one subscriber connection per process, opened on first use, shared by every
 * waiting request. When the connection drops (or, on a Redis Cluster, a node leaves), every waiter
 * is released (it re-reads the record), so an end published while disconnected is never waited out.
 */
export class JobEndWatcher {
  private sub: RedisClient | null = null;
  private subscribed: Promise<void> | null = null;
  private readonly waiters = new Map<string, Set<() => void>>();
  private closed = false;
  // Ends seen in the last RECENT_MS..2×RECENT_MS (two generations): a watch registered just after its
  // job's end was delivered (the request's own reply read after the message) still resolves at once.
  private recent = new Set<string>();
  private older = new Set<string>();
  private rotation: NodeJS.Timeout | null = null;

  constructor(
    private readonly connect: () => RedisClient,
    private readonly channel: string,
  ) {}

  /** Subscribes (once); resolves when messages flow. */
  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('job end watcher is closed'));
    this.subscribed ??= this.subscribe().catch((err: unknown) => {
      this.subscribed = null;
      this.sub?.disconnect();
      this.sub = null;
      throw err;
    });
    return this.subscribed;
  }

  /** Registers interest in `id` now: an end published from this moment on is not missed. */
  watch(id: string): JobEndWatch {
    let release: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (release = resolve));
    if (this.recent.has(id) || this.older.has(id)) return { until: () => Promise.resolve(), cancel: () => undefined };
    let set = this.waiters.get(id);
    if (!set) this.waiters.set(id, (set = new Set()));
    set.add(release);
    const cancel = (): void => {
      const s = this.waiters.get(id);
      if (!s) return;
      s.delete(release);
      if (s.size === 0) this.waiters.delete(id);
    };
    return {
      until: async (timeoutMs) => {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([ended, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
        clearTimeout(timer);
      },
      cancel,
    };
  }

  /** Requests waiting now (for tests and metrics). */
  get waiting(): number {
    let n = 0;
    for (const s of this.waiters.values()) n += s.size;
    return n;
  }

  close(): void {
    this.closed = true;
    this.releaseAll();
    if (this.rotation) clearInterval(this.rotation);
    this.sub?.disconnect();
    this.sub = null;
  }

  private async subscribe(): Promise<void> {
    const sub = this.connect();
    this.sub = sub;
    let connectedOnce = false;
    sub.on('error', () => undefined);
    sub.on('message', (_channel: string, id: string) => {
      this.recent.add(id);
      this.release(id);
    });
    this.rotation ??= setInterval(() => {
      this.older = this.recent;
      this.recent = new Set();
    }, RECENT_MS);
    this.rotation.unref();
    // Anything published while the connection was down is lost: let every waiter look again.
    sub.on('ready', () => {
      if (connectedOnce) this.releaseAll();
      connectedOnce = true;
    });
    sub.on('close', () => this.releaseAll());
    // On a cluster the subscription sits on one node and moves when that node goes: a node leaving
    // may have taken messages with it.
    sub.on('-node', () => this.releaseAll());
    await sub.subscribe(this.channel);
  }

  private release(id: string): void {
    const s = this.waiters.get(id);
    if (!s) return;
    this.waiters.delete(id);
    for (const r of s) r();
  }

  private releaseAll(): void {
    const all = [...this.waiters.values()];
    this.waiters.clear();
    for (const s of all) for (const r of s) r();
  }
}
