import { JobResult, JobStatus, ResultType } from '@netpulse/contracts';
import { runScript, runScriptMany } from '../redis/lua.scripts';
import type { RedisClient } from '../redis/redis.connection';
import type { ReplicaWait } from '../redis/replica.wait';
import { pipelineBySlot } from '../redis/slot.pipeline';
import type { StateKeys } from '../state.keys';
import { hostOfQueue } from '../queues/queue.names';
import { JobRecord, RECORD_FIELDS, recordFromHash } from './job.record';
import { JsonPartEncoder, jsonFits } from './json-chunks.encoder';

/** The fields an answer reads: the record's, and `result_key` (set when the result is stored apart). */
const ANSWER_FIELDS = [...RECORD_FIELDS, 'result_key'] as const;

export interface NewJob {
  id: string;
  queue: string;
  /** Queue TTL, seconds. */
  ttl: number;
  /** Result retention after the job ends, seconds. */
  resultTtl: number;
  /** Execution limit, seconds. */
  timeout: number;
  deviceName: string | null;
  command: string[] | null;
  host: string | null;
  taskId?: string | null;
  /** The request, sealed by the SecretBox. */
  payload: string;
}

export type StartOutcome = { state: 'started'; payload: string; /** epoch micros */ enqueuedAt: number | null } | { state: 'skipped'; status: string } | { state: 'expired'; payload: string | null };

export function expiredResult(ttl: number | null): JobResult {
  const message = ttl === null ? 'Job expired in the queue before a worker took it' : `Job waited longer than its queue TTL (${ttl}s) before a worker took it`;
  return { type: ResultType.Failed, retval: null, error: { type: 'JobExpired', message } };
}

/** Jobs written per pipeline by the batch writes (bulk requests). */
const WRITE_BATCH = 500;

function fieldsOf(job: NewJob): Record<string, string> {
  const fields: Record<string, string> = {
    result_ttl: String(job.resultTtl),
    timeout: String(job.timeout),
    payload: job.payload,
    ttl: String(job.ttl),
  };
  if (job.deviceName !== null) fields.device_name = job.deviceName;
  if (job.command !== null) fields.command = JSON.stringify(job.command);
  if (job.host !== null) fields.host = job.host;
  if (job.taskId) fields.task_id = job.taskId;
  return fields;
}

/** The record just written by an enqueue script (no read back): `now` is its creation time, epoch micros. */
function createdRecord(job: NewJob, fields: Record<string, string>, now: string): JobRecord {
  const deadline = `${Number(now.slice(0, -6)) + job.ttl}${now.slice(-6)}`;
  const rec = recordFromHash({ ...fields, id: job.id, status: 'queued', queue: job.queue, created_at: now, enqueued_at: now, deadline });
  if (!rec) throw new Error(`job ${job.id}: no record`);
  return rec;
}

/** Results whose output is shorter than this (characters) are written in one command. */
const INLINE_RESULT_CHARS = 512 * 1024;
const RESULT_PART_BYTES = 1024 * 1024;
const RESULT_PART_TTL_MS = 600_000;

/**
 * Characters of stdout and stderr in a result (a cheap size estimate, no encoding); Infinity when an
 * output is structured (a pyeapi or napalm object, parsed rows): its size is only known by encoding it.
 */
function outputLength(result: JobResult): number {
  let n = 0;
  for (const r of result.retval ?? []) {
    for (const v of [r.stdout, r.stderr]) {
      if (typeof v === 'string') n += v.length;
      else if (v !== null && v !== undefined) return Infinity;
    }
    if (r.parsed !== null && r.parsed !== undefined) return Infinity;
  }
  return n;
}

/** Which jobs a listing shows: one queue or all, one status or all, a page of them. */
export interface JobListFilter {
  queue?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

/** A job's record for an HTTP answer: every field but the result as usual, the result as stored. */
export interface RecordForAnswer {
  record: JobRecord;
  rawResult: StoredResult | null;
}

/** Bytes `[from, to)` of job `job`'s stored result: its `retval` (see JobStore.storedRetval). */
export interface StoredRetvalRef {
  readonly job: string;
  readonly from: number;
  readonly to: number;
}

const RETVAL_NULL = '"retval":null';

/** A job's result as stored (its JSON bytes), read as parts while an answer is sent. */
export interface StoredResult {
  /** Bytes in all. */
  length: number;
  parts(): AsyncIterable<Buffer>;
  /** The whole result when it was read with the record (not a large one in its own key). */
  bytes?: Buffer;
}

async function* once(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}

/**
 * Job records, the source of truth for the API. Every state change is one Lua step, and a read is
 * one HGETALL, so a job read as finished always carries its result (docs/compatibility.md: A finished job always carries its result).
 */
export class JobStore {
  /**
   * @param wait a Redis `WAIT` after every step that accepts, starts or ends a job (`redis.wait_replicas`), or none
   */
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: StateKeys,
    private readonly wait: ReplicaWait | null = null,
  ) {}

  /**
   * A new job id: for a pinned job (its device `host`) one that puts the job in the device's slot,
   * for any other job a random one (a uuid4 string either way).
   */
  newId(host: string | null = null): string {
    return this.keys.newJobId(host);
  }

  /** The keys enqueue-job-4 writes: the record and its bucket's indexes. */
  private enqueueKeys(job: NewJob): string[] {
    const k = this.keys;
    const b = k.bucketOfJob(job.id);
    return [k.job(job.id), k.deadlines(b), k.jobs(b), k.queueJobs(b, job.queue)];
  }

  /** The keys enqueue-pinned-job-7 writes; the job's id must be in the device's bucket (`newId(host)`). */
  private enqueuePinnedKeys(job: NewJob, host: string): string[] {
    const k = this.keys;
    const b = k.bucketOfHost(host);
    if (k.bucketOfJob(job.id) !== b) throw new Error(`job ${job.id} is not in the bucket of device ${host}: pinned job ids come from JobStore.newId(host)`);
    return [k.job(job.id), k.deadlines(b), k.jobs(b), k.queueJobs(b, job.queue), k.devicePins(b), k.hostJobs(host), k.activeHosts(b)];
  }

  async create(job: NewJob): Promise<JobRecord> {
    const fields = fieldsOf(job);
    const created = await runScript(this.redis, 'enqueue-job-4', this.enqueueKeys(job), [job.id, job.queue, job.ttl, JSON.stringify(fields)], this.wait);
    if (created === -1) throw new Error(`job ${job.id} exists`);
    return createdRecord(job, fields, String(created));
  }

  /**
   * A pinned job's record and its place in the device's queue, written in one step, provided `host`
   * is still pinned to `node`; then the node is woken. Null when not pinned there: nothing was
   * written and the caller places the device again.
   */
  async createPinned(job: NewJob, host: string, node: string): Promise<JobRecord | null> {
    const fields = fieldsOf(job);
    // The wake-up is not awaited: the POST is one round trip shorter. On a single server it goes out
    // right behind the script, so the node wakes as soon as the job is queued, not a reply later. It
    // is sent even when the script refuses (the device moved): a wake-up for a device a node does not
    // serve is forwarded to its owner or starts nothing, and the caller places the device again.
    const wake = (): void => void this.wake([{ host, node }]).catch(() => undefined);
    const created = await runScript(this.redis, 'enqueue-pinned-job-7', this.enqueuePinnedKeys(job, host), [job.id, job.queue, job.ttl, JSON.stringify(fields), host, node], this.wait, wake);
    if (created === 0) return null;
    return createdRecord(job, fields, String(created));
  }

  /**
   * Wakes the nodes of devices that just got jobs (one list push per node). The node's control list
   * is not in the device's slot, so this follows the enqueue. A lost wake-up only delays the job: the
   * sweeper wakes the owner of a device whose oldest job waits too long, so a failure here is not
   * the client's (its job is recorded and queued) and is not thrown.
   */
  private async wake(items: { host: string; node: string }[]): Promise<void> {
    const byNode = new Map<string, Set<string>>();
    for (const { host, node } of items) {
      const hosts = byNode.get(node) ?? new Set<string>();
      hosts.add(host);
      byNode.set(node, hosts);
    }
    const pushes = [...byNode].map(([node, hosts]) => ({ key: this.keys.nodeControl(node), messages: [...hosts].map((h) => `wake ${h}`) }));
    // One node (a single job, most bulks on a small cluster): one command, no pipeline to build.
    if (pushes.length === 1) {
      await this.redis.rpush(pushes[0].key, ...pushes[0].messages);
      return;
    }
    await pipelineBySlot(
      this.redis,
      pushes.map(({ key, messages }) => ({ key, add: (p) => void p.rpush(key, ...messages) })),
    );
  }

  /** Many records at once, pipelined in steps of WRITE_BATCH; aligned with `jobs` (an Error where one failed). */
  async createMany(jobs: NewJob[]): Promise<(JobRecord | Error)[]> {
    const out: (JobRecord | Error)[] = [];
    for (let i = 0; i < jobs.length; i += WRITE_BATCH) {
      const part = jobs.slice(i, i + WRITE_BATCH);
      const fields = part.map(fieldsOf);
      const res = await runScriptMany(
        this.redis,
        'enqueue-job-4',
        part.map((j, n) => ({ keys: this.enqueueKeys(j), args: [j.id, j.queue, j.ttl, JSON.stringify(fields[n])] })),
        this.wait,
      );
      res.forEach((r, n) => out.push(r instanceof Error ? r : r === -1 ? new Error(`job ${part[n].id} exists`) : createdRecord(part[n], fields[n], String(r))));
    }
    return out;
  }

  /**
   * Many `createPinned` steps, pipelined in steps of WRITE_BATCH; aligned with `items`: the record,
   * null when the device is no longer served by that node (nothing written), or an Error.
   */
  async createPinnedMany(items: { job: NewJob; host: string; node: string }[]): Promise<(JobRecord | null | Error)[]> {
    const out: (JobRecord | null | Error)[] = [];
    for (let i = 0; i < items.length; i += WRITE_BATCH) {
      const part = items.slice(i, i + WRITE_BATCH);
      const fields = part.map((it) => fieldsOf(it.job));
      const res = await runScriptMany(
        this.redis,
        'enqueue-pinned-job-7',
        part.map(({ job, host, node }, n) => ({ keys: this.enqueuePinnedKeys(job, host), args: [job.id, job.queue, job.ttl, JSON.stringify(fields[n]), host, node] })),
        this.wait,
      );
      await this.wake(part.filter((_, n) => !(res[n] instanceof Error) && res[n] !== 0));
      res.forEach((r, n) => out.push(r instanceof Error ? r : r === 0 ? null : createdRecord(part[n].job, fields[n], String(r))));
    }
    return out;
  }

  async get(id: string): Promise<JobRecord | null> {
    const h = await this.redis.hgetall(this.keys.job(id));
    if (h.result_key === '1' && h.result === undefined) h.result = (await this.redis.get(this.keys.jobResult(id))) ?? 'null';
    return recordFromHash(h);
  }

  /** When each job was queued (epoch micros; null: no such job or not queued yet), pipelined; aligned with `ids`. */
  async enqueuedAtOf(ids: string[]): Promise<(number | null)[]> {
    const replies = await pipelineBySlot(
      this.redis,
      ids.map((id) => ({ key: this.keys.job(id), add: (p) => void p.hget(this.keys.job(id), 'enqueued_at') })),
    );
    return replies.map((r) => (typeof r === 'string' && r !== '' ? Number(r) : null));
  }

  /** A job's status alone (no result read); null when the job does not exist. */
  async statusOf(id: string): Promise<JobStatus | null> {
    return (await this.redis.hget(this.keys.job(id), 'status')) as JobStatus | null;
  }

  /** Several records at once, in order; missing ones are dropped. */
  async getMany(ids: string[]): Promise<JobRecord[]> {
    if (ids.length === 0) return [];
    const res = await pipelineBySlot(this.redis, ids.map((id) => ({ key: this.keys.job(id), add: (p) => void p.hgetall(this.keys.job(id)) })));
    // Large results live in a key of their own: read those in a second round trip.
    const large = ids.flatMap((id, i) => {
      const h = res[i];
      return h instanceof Error || (h as Record<string, string>).result_key !== '1' ? [] : [{ i, key: this.keys.jobResult(id) }];
    });
    const results = await pipelineBySlot(this.redis, large.map(({ key }) => ({ key, add: (p) => void p.get(key) })));
    large.forEach(({ i }, n) => void ((res[i] as Record<string, string>).result = typeof results[n] === 'string' ? (results[n] as string) : 'null'));
    const out: JobRecord[] = [];
    for (const h of res) {
      if (h instanceof Error) continue;
      const rec = recordFromHash(h as Record<string, string>);
      if (rec) out.push(rec);
    }
    return out;
  }

  async start(id: string, worker: string): Promise<StartOutcome> {
    const ttl = Number((await this.redis.hget(this.keys.job(id), 'ttl')) ?? NaN);
    const b = this.keys.bucketOfJob(id);
    const res = (await runScript(this.redis, 'start-job-3', [this.keys.job(id), this.keys.deadlines(b), this.keys.running(b, worker)], [worker, JSON.stringify(expiredResult(Number.isFinite(ttl) ? ttl : null)), this.keys.jobEnded, this.keys.jobStarted], this.wait)) as [number, string, string?];
    if (res[0] === 1) return { state: 'started', payload: res[1], enqueuedAt: res[2] ? Number(res[2]) : null };
    if (res[0] === -1) return { state: 'expired', payload: res[2] || null };
    return { state: 'skipped', status: res[1] };
  }

  /** Records the end of a running job; false when it had already ended (stopped, WorkerDied). */
  async finish(id: string, worker: string, status: Extract<JobStatus, 'finished' | 'failed' | 'stopped'>, result: JobResult): Promise<boolean> {
    const keys = [this.keys.job(id), this.keys.running(this.keys.bucketOfJob(id), worker), this.keys.jobResultPart(id), this.keys.jobResult(id)];
    if (outputLength(result) < INLINE_RESULT_CHARS || jsonFits(result, INLINE_RESULT_CHARS)) return (await runScript(this.redis, 'finish-job-4', keys, [status, JSON.stringify(result), '', this.keys.jobEnded], this.wait)) === 1;
    // A large (or structured) result is encoded a part at a time into one reused buffer: no second
    // copy of it (its JSON text, the Redis command) is ever built in this process. One that fits in
    // a part goes inline with the finishing step, as its bytes.
    const encoder = new JsonPartEncoder(result, RESULT_PART_BYTES);
    const first = encoder.next();
    if (first === null || first.last) return (await runScript(this.redis, 'finish-job-4', keys, [status, first?.bytes ?? 'null', '', this.keys.jobEnded], this.wait)) === 1;
    const part = this.keys.jobResultPart(id);
    await this.redis.del(part);
    for (let p: { bytes: Buffer } | null = first; p; p = encoder.next()) await this.redis.multi().append(part, p.bytes).pexpire(part, RESULT_PART_TTL_MS).exec();
    // The parts become the job's result key as they are (see finish-job-4).
    return (await runScript(this.redis, 'finish-job-4', keys, [status, '', '', this.keys.jobEnded], this.wait)) === 1;
  }

  /**
   * A record for answering it over HTTP: every field but the result as usual, the result as the
   * JSON bytes stored (never parsed). A large result (in its own key) is read a part at a time as
   * the answer is sent, so answering it holds about a part, not the result.
   */
  async getForAnswer(id: string): Promise<RecordForAnswer | null> {
    const got = this.forAnswer(await this.redis.hmgetBuffer(this.keys.job(id), ...ANSWER_FIELDS));
    if (!got?.largeKey) return got;
    return this.withLarge(got, await this.redis.strlen(got.largeKey));
  }

  /** {@link getForAnswer} for several jobs at once (two round trips), in order; missing ones are dropped. */
  async getManyForAnswer(ids: string[]): Promise<RecordForAnswer[]> {
    if (ids.length === 0) return [];
    const res = await pipelineBySlot(this.redis, ids.map((id) => ({ key: this.keys.job(id), add: (p) => void p.hmgetBuffer(this.keys.job(id), ...ANSWER_FIELDS) })));
    const got = res.flatMap((h) => {
      const r = h instanceof Error ? null : this.forAnswer(h as (Buffer | null)[]);
      return r ? [r] : [];
    });
    const large = got.filter((g) => g.largeKey !== undefined);
    const lengths = await pipelineBySlot(this.redis, large.map((g) => ({ key: g.largeKey as string, add: (p) => void p.strlen(g.largeKey as string) })));
    const measured = new Map(large.map((g, n) => [g, this.withLarge(g, typeof lengths[n] === 'number' ? (lengths[n] as number) : 0)]));
    return got.map((g) => measured.get(g) ?? g);
  }

  /** The record of a hash read as bytes, its result as the stored bytes; a large result's key, to be measured. */
  private forAnswer(values: (Buffer | null)[]): (RecordForAnswer & { largeKey?: string }) | null {
    // Named fields, not HGETALL: the request payload stays in Redis, and no reply is turned into an
    // object keyed by Buffers (ioredis converts each key twice): a tenth of a GET /jobs/{id}'s controller CPU.
    const fields: Record<string, string> = {};
    let raw: Buffer | undefined;
    for (let i = 0; i < ANSWER_FIELDS.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) continue;
      if (ANSWER_FIELDS[i] === 'result') raw = v;
      else fields[ANSWER_FIELDS[i]] = v.toString('utf8');
    }
    const record = recordFromHash(fields);
    if (!record) return null;
    if (fields.result_key === '1' && raw === undefined) return { record, rawResult: null, largeKey: this.keys.jobResult(record.id) };
    if (!raw || raw.length === 0 || raw[0] !== 0x7b) return { record, rawResult: null };
    const bytes = raw;
    return { record, rawResult: { length: bytes.length, parts: () => once(bytes), bytes } };
  }

  private withLarge(got: RecordForAnswer & { largeKey?: string }, length: number): RecordForAnswer {
    const key = got.largeKey as string;
    return { record: got.record, rawResult: length > 0 ? { length, parts: () => this.resultParts(key, 0, length) } : null };
  }

  /** Bytes `[from, to)` of a stored large result, RESULT_PART_BYTES at a time. */
  private async *resultParts(key: string, from: number, to: number): AsyncGenerator<Buffer> {
    for (let at = from; at < to; at += RESULT_PART_BYTES) {
      const part = await this.redis.getrangeBuffer(key, at, Math.min(to, at + RESULT_PART_BYTES) - 1);
      // Expired (or deleted) while it was being sent: the answer cannot be completed.
      if (part.length === 0) throw new Error(`the result of ${key} went away while it was being read`);
      yield part;
    }
  }

  /**
   * Where `result.retval` lies in the job's stored result, when that result is a large one (in its
   * own key) and was stored from `result` (its text before and after the retval checked); null
   * otherwise. The stored result is then kept at least `keepMs` (a webhook that sends it may retry
   * after the job's retention ends).
   */
  async storedRetval(id: string, result: JobResult, keepMs: number): Promise<StoredRetvalRef | null> {
    const key = this.keys.jobResult(id);
    const length = await this.redis.strlen(key);
    const text = JSON.stringify({ ...result, retval: null });
    const at = text.indexOf(RETVAL_NULL);
    if (length === 0 || at < 0) return null;
    const head = Buffer.from(text.slice(0, at + RETVAL_NULL.length - 4));
    const tail = Buffer.from(text.slice(at + RETVAL_NULL.length));
    if (length < head.length + tail.length) return null;
    const [first, last] = await Promise.all([this.redis.getrangeBuffer(key, 0, head.length - 1), this.redis.getrangeBuffer(key, length - tail.length, length - 1)]);
    if (!first.equals(head) || !last.equals(tail)) return null;
    await this.redis.pexpire(key, keepMs, 'GT');
    return { job: id, from: head.length, to: length - tail.length };
  }

  /** The bytes a {@link storedRetval} points at, read a part at a time; null when the stored result is gone or shorter. */
  async retvalBytes(ref: StoredRetvalRef): Promise<StoredResult | null> {
    const key = this.keys.jobResult(ref.job);
    if ((await this.redis.strlen(key)) < ref.to) return null;
    return { length: ref.to - ref.from, parts: () => this.resultParts(key, ref.from, ref.to) };
  }

  /**
   * Ends a running job failed because its worker is presumed dead (no heartbeat, lease lapsed). The
   * record remembers the presumption: a worker that was only stalled may still deliver the outcome.
   */
  async failPresumedDead(id: string, worker: string, result: JobResult): Promise<boolean> {
    const n = await runScript(this.redis, 'finish-job-4', [this.keys.job(id), this.keys.running(this.keys.bucketOfJob(id), worker), this.keys.jobResultPart(id), this.keys.jobResult(id)], ['failed', JSON.stringify(result), '1', this.keys.jobEnded], this.wait);
    return n === 1;
  }

  /** The late outcome of a job presumed dead, from the worker that ran it; false when it is not such a job. */
  async recordLate(id: string, worker: string, result: JobResult): Promise<boolean> {
    return (await runScript(this.redis, 'record-late-result-1', [this.keys.job(id)], [worker, JSON.stringify(result)], this.wait)) === 1;
  }

  /** The sealed request of a job still holding one (queued or running). */
  async payloadOf(id: string): Promise<string | null> {
    return this.redis.hget(this.keys.job(id), 'payload');
  }

  /** Fills `command` of a job whose payload was a template context, once it was rendered (docs/compatibility.md: Template payloads fill the job). */
  async setCommand(id: string, lines: string[]): Promise<void> {
    await this.redis.hset(this.keys.job(id), 'command', JSON.stringify(lines));
  }

  /** Cancels a queued job; false when it is not queued. */
  async cancel(id: string): Promise<boolean> {
    return (await runScript(this.redis, 'end-queued-job-2', [this.keys.job(id), this.keys.deadlines(this.keys.bucketOfJob(id))], ['canceled', '', '0', this.keys.jobEnded], this.wait)) === 1;
  }

  /**
   * Ends as failed/JobExpired every queued job whose queue deadline passed (up to `limit` per
   * bucket); returns them with their sealed request as it was just before (for the webhook).
   */
  async expireDue(limit = 500): Promise<{ id: string; payload: string | null }[]> {
    const nowMicros = Date.now() * 1000;
    const buckets = this.keys.allBuckets();
    const found = await pipelineBySlot(this.redis, buckets.map((b) => ({ key: this.keys.deadlines(b), add: (p) => void p.zrangebyscore(this.keys.deadlines(b), 0, nowMicros, 'LIMIT', 0, limit) })));
    const expired: { id: string; payload: string | null }[] = [];
    for (const [i, due] of found.entries()) {
      if (due instanceof Error) throw due;
      const deadlines = this.keys.deadlines(buckets[i]);
      for (const id of due as string[]) {
        const [ttlRaw, payload] = await this.redis.hmget(this.keys.job(id), 'ttl', 'payload');
        const ttl = Number(ttlRaw ?? NaN);
        const n = await runScript(this.redis, 'end-queued-job-2', [this.keys.job(id), deadlines], ['failed', JSON.stringify(expiredResult(Number.isFinite(ttl) ? ttl : null)), '1', this.keys.jobEnded], this.wait);
        if (n === 1) expired.push({ id, payload });
        else if (!(await this.redis.exists(this.keys.job(id)))) await this.redis.zrem(deadlines, id);
      }
    }
    return expired;
  }

  /** Ids of the jobs a worker is running (for stop and worker-death handling). */
  async runningOn(worker: string): Promise<string[]> {
    const buckets = this.keys.runningBuckets(worker);
    const sets = await pipelineBySlot(this.redis, buckets.map((b) => ({ key: this.keys.running(b, worker), add: (p) => void p.smembers(this.keys.running(b, worker)) })));
    return sets.flatMap((s) => {
      if (s instanceof Error) throw s;
      return s as string[];
    });
  }

  /**
   * Jobs of one queue (every state, see docs/compatibility.md) or of all queues, oldest first, optionally one status.
   * Ids whose record expired are pruned from the indexes as they are met.
   */
  async list(filter: JobListFilter = {}): Promise<JobRecord[]> {
    return this.listed(filter, (ids) => this.getMany(ids), (r) => r);
  }

  /** {@link list} for an HTTP answer: results as the stored bytes, a large one read a part at a time when sent. */
  async listForAnswer(filter: JobListFilter = {}): Promise<RecordForAnswer[]> {
    return this.listed(filter, (ids) => this.getManyForAnswer(ids), (r) => r.record);
  }

  private async listed<T>(filter: JobListFilter, read: (ids: string[]) => Promise<T[]>, recordOf: (t: T) => JobRecord): Promise<T[]> {
    const k = this.keys;
    const device = filter.queue ? hostOfQueue(filter.queue) : null;
    // A device's queue lives in the device's bucket; anything else is spread over all of them.
    const buckets = device !== null ? [k.bucketOfHost(device)] : k.allBuckets();
    const indexOf = (b: number): string => (filter.queue ? k.queueJobs(b, filter.queue) : k.jobs(b));
    const found = await pipelineBySlot(this.redis, buckets.map((b) => ({ key: indexOf(b), add: (p) => void p.zrange(indexOf(b), 0, -1, 'WITHSCORES') })));
    const entries: { id: string; score: number; index: string }[] = [];
    found.forEach((r, i) => {
      if (r instanceof Error) throw r;
      const flat = r as string[];
      for (let n = 0; n < flat.length; n += 2) entries.push({ id: flat[n], score: Number(flat[n + 1]), index: indexOf(buckets[i]) });
    });
    // The order one sorted set would give: by score, then by member.
    entries.sort((a, b) => a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const records = await read(entries.map((e) => e.id));
    if (records.length < entries.length) {
      const alive = new Set(records.map((r) => recordOf(r).id));
      const gone = new Map<string, string[]>();
      for (const e of entries) if (!alive.has(e.id)) gone.set(e.index, [...(gone.get(e.index) ?? []), e.id]);
      await pipelineBySlot(this.redis, [...gone].map(([index, ids]) => ({ key: index, add: (p) => void p.zrem(index, ...ids) })));
    }
    let out = filter.status ? records.filter((r) => recordOf(r).status === filter.status) : records;
    const offset = filter.offset ?? 0;
    if (offset > 0 || filter.limit !== undefined) out = out.slice(offset, filter.limit === undefined ? undefined : offset + filter.limit);
    return out;
  }
}
