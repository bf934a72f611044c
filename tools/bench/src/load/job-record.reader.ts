import { StateKeys } from '@netpulse/state';
import Redis from 'ioredis';

/** Server-side times of one job (epoch ms, Redis clock). */
export interface JobTimes {
  id: string;
  status: string;
  createdMs: number;
  startedMs: number;
  endedMs: number;
  /** Finished with every result's `exit_status` 0 (a connection error is a finished job with exit 1). */
  ok: boolean;
}

const TERMINAL = new Set(['finished', 'failed', 'stopped', 'canceled']);
const CHUNK = 1000;

/**
 * Reads job records straight from the system's Redis namespace: counting thousands of completions
 * through `GET /jobs/{id}` would load the controller we are measuring.
 */
export class JobRecordReader {
  private readonly redis: Redis;
  private readonly keys: StateKeys;
  /** Commands this reader sent, so Redis' own command count can be corrected for the bench's reads. */
  sent = 0;

  constructor(host: string, port: number, namespace: string) {
    this.redis = new Redis({ host, port, connectionName: 'netpulse-bench-reader', maxRetriesPerRequest: 2 });
    // Errors surface on the commands; an idle connection refused during teardown is not news.
    this.redis.on('error', () => undefined);
    this.keys = new StateKeys(namespace);
  }

  /** Ids among `ids` whose job has reached a terminal state (or whose record is gone). */
  async terminal(ids: string[]): Promise<Set<string>> {
    const done = new Set<string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const part = ids.slice(i, i + CHUNK);
      const pipe = this.redis.pipeline();
      for (const id of part) pipe.hget(this.keys.job(id), 'status');
      this.sent += part.length;
      const res = (await pipe.exec()) ?? [];
      res.forEach(([, status], k) => {
        if (status === null || TERMINAL.has(String(status))) done.add(part[k]);
      });
    }
    return done;
  }

  async times(ids: string[]): Promise<JobTimes[]> {
    const out: JobTimes[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const part = ids.slice(i, i + CHUNK);
      const pipe = this.redis.pipeline();
      for (const id of part) pipe.hmget(this.keys.job(id), 'status', 'created_at', 'started_at', 'ended_at', 'result');
      this.sent += part.length;
      const res = (await pipe.exec()) ?? [];
      res.forEach(([, v], k) => {
        const [status, created, started, ended, result] = (v as (string | null)[] | null) ?? [];
        const ms = (x: string | null | undefined): number => (x ? Number(x) / 1000 : NaN);
        out.push({ id: part[k], status: status ?? 'gone', createdMs: ms(created), startedMs: ms(started), endedMs: ms(ended), ok: status === 'finished' && resultOk(result) });
      });
    }
    return out;
  }

  close(): void {
    this.redis.disconnect();
  }
}

function resultOk(json: string | null | undefined): boolean {
  if (!json) return false;
  try {
    const r = JSON.parse(json) as { retval?: { exit_status?: number }[] | null };
    return Array.isArray(r.retval) && r.retval.length > 0 && r.retval.every((x) => x.exit_status === 0);
  } catch {
    return false;
  }
}
