import type { RedisClient } from '../redis/redis.connection';
import type { StateKeys } from '../state.keys';

export const AUDIT_EVENTS = ['job.accepted', 'job.ended', 'job.cancelled', 'worker.deleted', 'detached.killed', 'detached.cleared'] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

/** One audit record. Secrets are masked before an entry is built; nothing here is secret. */
export interface AuditEntry {
  /** ISO time the action was taken. */
  time: string;
  event: AuditEvent;
  /** Name of the API key (`api_key` for `server.api_key`); null for entries written by a worker. */
  key: string | null;
  client: string | null;
  request_id: string | null;
  /** `POST /device/exec`; null for entries written by a worker or a sweeper. */
  route: string | null;
  job_id?: string;
  task_id?: string;
  worker?: string;
  driver?: string | null;
  host?: string | null;
  /** Command or config lines, secrets masked. */
  lines?: string[];
  /** How it ended (`finished`, `failed`, `stopped`, `canceled`, `killed`, ...). */
  outcome?: string;
  /** Error type or short reason when it did not succeed. */
  detail?: string;
}

export interface AuditQuery {
  /** Entries at or after this time (epoch ms). */
  sinceMs: number;
  key?: string;
  host?: string;
  limit: number;
}

export interface AuditLogOptions {
  /** Entries kept at most. */
  maxLen: number;
  /** Entries older than this are dropped as new ones arrive. */
  retentionMs: number;
}

/** The age trim runs at most this often per process (each append trims by length itself). */
const AGE_TRIM_EVERY_MS = 60_000;

/**
 * The audit trail as a Redis Stream: one XADD per entry, capped by length in the same command, and
 * trimmed by age at most once a minute per process (in the same round trip as that minute's first
 * append), so it never grows without bound and an append costs one Redis command. Reads never return
 * an entry older than the retention, trimmed yet or not.
 */
export class AuditLog {
  private lastAgeTrim = 0;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: StateKeys,
    private readonly options: AuditLogOptions,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    await this.appendMany([entry]);
  }

  /** Entries in order, in one round trip (a bulk request accepts many jobs at once). */
  async appendMany(entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const key = this.keys.audit;
    const now = Date.now();
    const trim = now - this.lastAgeTrim >= AGE_TRIM_EVERY_MS;
    if (entries.length === 1 && !trim) {
      await this.redis.xadd(key, 'MAXLEN', this.options.maxLen, '*', 'e', JSON.stringify(entries[0]));
      return;
    }
    if (trim) this.lastAgeTrim = now;
    const pipe = this.redis.pipeline();
    for (const entry of entries) pipe.xadd(key, 'MAXLEN', this.options.maxLen, '*', 'e', JSON.stringify(entry));
    if (trim) pipe.xtrim(key, 'MINID', `${Math.max(0, now - this.options.retentionMs)}-0`);
    const failed = ((await pipe.exec()) ?? []).find(([err]) => err !== null)?.[0];
    if (failed) throw failed;
  }

  /**
   * Entries since a time, oldest first, filtered by key name and device host. A `job.ended` entry
   * carries no key: it matches a key filter when that key's `job.accepted` entry for the job does.
   */
  async read(q: AuditQuery): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    const jobsOfKey = new Set<string>();
    let start = `${Math.max(0, Math.floor(q.sinceMs), Date.now() - this.options.retentionMs)}-0`;
    const batch = 1000;
    for (;;) {
      const rows = await this.redis.xrange(this.keys.audit, start, '+', 'COUNT', batch);
      for (const [id, fields] of rows) {
        const entry = parse(fields);
        start = `(${id}`;
        if (!entry) continue;
        if (q.host !== undefined && entry.host !== q.host) continue;
        if (q.key !== undefined) {
          if (entry.event === 'job.ended' ? !(entry.job_id && jobsOfKey.has(entry.job_id)) : entry.key !== q.key) continue;
          if (entry.event === 'job.accepted' && entry.job_id) jobsOfKey.add(entry.job_id);
        }
        out.push(entry);
        if (out.length >= q.limit) return out;
      }
      if (rows.length < batch) return out;
    }
  }
}

function parse(fields: string[]): AuditEntry | null {
  const i = fields.indexOf('e');
  if (i < 0 || i + 1 >= fields.length) return null;
  try {
    return JSON.parse(fields[i + 1]) as AuditEntry;
  } catch {
    return null;
  }
}
