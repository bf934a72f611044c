import { Injectable } from '@nestjs/common';
import { ApiError, JobInResponse, JobStatus } from '@netpulse/contracts';
import { AuditTrail } from '@netpulse/execution';
import { AppLogger } from '@netpulse/observability';
import { JobQueues, JobStore, PinStore, RecordForAnswer, WorkerRegistry, hostOfQueue, parsePinnedWorkerName, toJobResponse } from '@netpulse/state';

const RESULT_NULL = '"result":null';
const LISTABLE: readonly JobStatus[] = ['queued', 'started', 'finished', 'failed', 'stopped', 'canceled', 'deferred', 'scheduled'];

export interface JobListQuery {
  queue?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

/** A job's answer: its JSON body's length, and the body as parts to send in order (once). */
export interface JobAnswer {
  length: number;
  parts: AsyncIterable<Buffer>;
  /** The whole body when it is already in memory (every answer but a large result's): send it in one write. */
  whole?: Buffer;
}

async function* single(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}

async function* spliced(head: Buffer, middle: AsyncIterable<Buffer>, tail: Buffer): AsyncGenerator<Buffer> {
  yield head;
  yield* middle;
  yield tail;
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/** A JSON array of job answers: `[`, the answers separated by commas, `]`; whole when every answer is. */
function arrayOf(answers: JobAnswer[]): JobAnswer {
  const length = answers.reduce((n, a) => n + a.length, 1 + Math.max(0, answers.length - 1) + 1);
  if (answers.every((a) => a.whole)) {
    const whole = Buffer.concat([OPEN, ...answers.flatMap((a, i) => (i === 0 ? [a.whole as Buffer] : [COMMA, a.whole as Buffer])), CLOSE], length);
    return { length, parts: single(whole), whole };
  }
  async function* parts(): AsyncGenerator<Buffer> {
    yield OPEN;
    for (const [i, a] of answers.entries()) {
      if (i > 0) yield COMMA;
      yield* a.parts;
    }
    yield CLOSE;
  }
  return { length, parts: parts() };
}

/** One job's answer: the record's JSON with the stored result bytes in place of `"result":null`. */
function answerOf(got: RecordForAnswer): JobAnswer {
  const text = JSON.stringify(toJobResponse({ ...got.record, result: null }));
  const raw = got.rawResult;
  if (!raw) {
    const whole = Buffer.from(text);
    return { length: whole.length, parts: single(whole), whole };
  }
  // Keys before `result` are ids, states, times, queue and worker names: `"result":null` cannot
  // occur inside them (quotes in a string value are escaped), so the first one is the field.
  const at = text.indexOf(RESULT_NULL);
  const head = Buffer.from(text.slice(0, at + RESULT_NULL.length - 4));
  const tail = Buffer.from(text.slice(at + RESULT_NULL.length));
  if (raw.bytes) {
    const whole = Buffer.concat([head, raw.bytes, tail]);
    return { length: whole.length, parts: single(whole), whole };
  }
  return { length: head.length + raw.length + tail.length, parts: spliced(head, raw.parts(), tail) };
}

/** Reads, lists, cancels and stops jobs. */
@Injectable()
export class JobAdminService {
  constructor(
    private readonly audit: AuditTrail,
    private readonly jobs: JobStore,
    private readonly logger: AppLogger,
    private readonly pins: PinStore,
    private readonly queues: JobQueues,
    private readonly registry: WorkerRegistry,
  ) {}

  async get(id: string): Promise<JobInResponse> {
    const rec = await this.jobs.get(id);
    if (!rec) throw ApiError.notFound(`Job ${id} not found`);
    return toJobResponse(rec);
  }

  /**
   * `GET /jobs/{id}` (and the answer of a `?wait=`) as its JSON body's length and parts: the result
   * goes out as the bytes stored, never parsed and re-encoded, and a large one is read from Redis a
   * part at a time while it is sent, so answering a 64 MiB result holds about one part.
   */
  async answer(id: string): Promise<JobAnswer> {
    const got = await this.jobs.getForAnswer(id);
    if (!got) throw ApiError.notFound(`Job ${id} not found`);
    return answerOf(got);
  }

  /**
   * `GET /jobs` as its JSON body's length and parts: each job as {@link answer} makes it, so a job
   * with a large result in the listing is read from Redis a part at a time while it is sent.
   */
  async list(q: JobListQuery): Promise<JobAnswer> {
    if (q.status !== undefined && !LISTABLE.includes(q.status as JobStatus)) return arrayOf([]);
    const got = await this.jobs.listForAnswer({ queue: q.queue, status: q.status, limit: q.limit, offset: q.offset });
    return arrayOf(got.map(answerOf));
  }

  /**
   * Cancels a queued job, or stops a running one (its session is interrupted and it ends
   * `stopped` with the results so far). Anything else: 404 as the original.
   */
  async cancelOrStop(id: string): Promise<{ id: string }> {
    const rec = await this.jobs.get(id);
    const notFound = ApiError.notFound(`Job ${id} not found or not in queued state`);
    if (!rec) throw notFound;
    if (rec.status === 'queued' && (await this.jobs.cancel(id))) {
      await this.dequeue(rec.queue, id);
      await this.audit.record({ event: 'job.cancelled', job_id: id, host: rec.host, outcome: 'canceled' });
      return { id };
    }
    if (rec.status === 'started' && rec.worker) {
      // A pinned worker takes commands through its node.
      const target = parsePinnedWorkerName(rec.worker)?.node ?? rec.worker;
      if ((await this.registry.sendCommand(target, `stop-job:${id}`)) === 0) this.logger.event('warn', 'stop-job command reached no listener (worker command channel down?)', { job_id: id, worker: target });
      await this.audit.record({ event: 'job.cancelled', job_id: id, host: rec.host, outcome: 'stop requested' });
      return { id };
    }
    throw notFound;
  }

  /** Cancels every queued job of one queue; returns their ids. */
  async cancelQueue(queue: string | undefined): Promise<string[]> {
    if (!queue) return [];
    const canceled: string[] = [];
    for (const rec of await this.jobs.list({ queue, status: 'queued' })) {
      if (await this.jobs.cancel(rec.id)) {
        await this.dequeue(queue, rec.id);
        await this.audit.record({ event: 'job.cancelled', job_id: rec.id, host: rec.host, outcome: 'canceled' });
        canceled.push(rec.id);
      }
    }
    return canceled;
  }

  private async dequeue(queue: string, id: string): Promise<void> {
    const host = hostOfQueue(queue);
    if (host !== null) await this.pins.removeWaiting(host, id);
    else await this.queues.remove(queue, id);
  }
}
