import { StateKeys } from '@netpulse/state';
import Redis from 'ioredis';

const TERMINAL = new Set(['finished', 'failed', 'stopped', 'canceled']);

/**
 * Learns the moment a job's record turns terminal from Redis keyspace notifications, so latency
 * scenarios ask the API once instead of polling it (polls would load the controller they measure).
 * Only for a Redis the bench owns: it switches `notify-keyspace-events` on while it runs.
 */
export class JobEventsWatcher {
  private readonly sub: Redis;
  private readonly cmd: Redis;
  private readonly keys: StateKeys;
  private readonly waiting = new Map<string, () => void>();

  private constructor(host: string, port: number, namespace: string) {
    this.sub = new Redis({ host, port, connectionName: 'netpulse-bench-events' });
    this.cmd = new Redis({ host, port, connectionName: 'netpulse-bench-events-cmd' });
    this.keys = new StateKeys(namespace);
    // Errors surface on the commands; a connection refused during teardown is not news.
    this.sub.on('error', () => undefined);
    this.cmd.on('error', () => undefined);
  }

  static async start(host: string, port: number, namespace: string): Promise<JobEventsWatcher> {
    const w = new JobEventsWatcher(host, port, namespace);
    // K: keyspace channel, h: hash commands (every job state change is an HSET in a Lua step).
    await w.cmd.config('SET', 'notify-keyspace-events', 'Kh');
    const prefix = `__keyspace@0__:${w.keys.job('')}`;
    await w.sub.psubscribe(`${prefix}*`);
    w.sub.on('pmessage', (_pattern: string, channel: string) => {
      const check = w.waiting.get(channel.slice(prefix.length));
      if (check) check();
    });
    return w;
  }

  /** Resolves once the job's status is terminal in Redis (checked at once, then at each change). */
  terminal(id: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`job ${id} not terminal after ${timeoutMs} ms`));
      }, timeoutMs);
      let checking = false;
      let again = false;
      const check = (): void => {
        if (checking) {
          again = true;
          return;
        }
        checking = true;
        this.cmd
          .hget(this.keys.job(id), 'status')
          .then((status) => {
            checking = false;
            if (status !== null && TERMINAL.has(status)) {
              clearTimeout(timer);
              this.waiting.delete(id);
              resolve();
            } else if (again) {
              again = false;
              check();
            }
          })
          .catch((err: unknown) => {
            clearTimeout(timer);
            this.waiting.delete(id);
            reject(err instanceof Error ? err : new Error(String(err)));
          });
      };
      // Registered before the first check, so a change between the two is not missed.
      this.waiting.set(id, check);
      check();
    });
  }

  async stop(): Promise<void> {
    await this.cmd.config('SET', 'notify-keyspace-events', '').catch(() => undefined);
    this.sub.disconnect();
    this.cmd.disconnect();
  }
}
