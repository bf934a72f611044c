import type { ConnectionTestResponse, JobInResponse, SystemStatsResponse, WorkerInResponse } from '@netpulse/contracts';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { NetpulseApiError } from './netpulse-api.error';
import { ServerSentEvent, readServerSentEvents } from './sse.reader';

export interface NetpulseClientOptions {
  /** Base URL of the controller, e.g. `http://127.0.0.1:9000`. */
  readonly url: string;
  /** Sent as `X-API-KEY` (or the header named by `apiKeyHeader`). */
  readonly apiKey: string;
  readonly apiKeyHeader?: string;
  /** Retries of a submit (exec, bulk) on a network error or 503, with the same Idempotency-Key (default 3). */
  readonly submitRetries?: number;
  /** Milliseconds between polls when the server does not honour `?wait=` (default 500). */
  readonly pollIntervalMs?: number;
}

/** The body of `POST /device/exec` (and the shared part of a bulk request). */
export type ExecRequest = Record<string, unknown> & { driver: string; connection_args: Record<string, unknown> };
export type BulkRequest = ExecRequest & { devices: Record<string, unknown>[] };
export interface BulkResponse {
  succeeded: JobInResponse[];
  failed: { host: string | null; reason: string }[];
}
export interface JobFilter {
  queue?: string;
  host?: string;
  node?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

const TERMINAL = new Set(['finished', 'failed', 'stopped', 'canceled']);
/** The longest `?wait=` the server accepts, seconds. */
const MAX_WAIT_S = 60;

/**
 * A typed client for NetPulse's REST API (and NetPulse 0.4's: it is the same wire contract). Submits
 * carry an `Idempotency-Key` and are retried safely; `waitForJob` long-polls with `?wait=` and falls
 * back to polling for servers that ignore it.
 */
export class NetpulseClient {
  private readonly base: string;

  constructor(private readonly options: NetpulseClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
  }

  exec(body: ExecRequest, opts: { wait?: number } = {}): Promise<JobInResponse> {
    return this.submit<JobInResponse>('/device/exec', body, opts.wait);
  }

  bulk(body: BulkRequest): Promise<BulkResponse> {
    return this.submit<BulkResponse>('/device/bulk', body);
  }

  testConnection(body: { driver: string; connection_args: Record<string, unknown>; credential?: Record<string, unknown> }): Promise<ConnectionTestResponse> {
    return this.call<ConnectionTestResponse>('POST', '/device/test', body);
  }

  getJob(id: string, opts: { wait?: number } = {}): Promise<JobInResponse> {
    const q = opts.wait ? `?wait=${Math.min(MAX_WAIT_S, Math.max(0, Math.round(opts.wait)))}` : '';
    return this.call<JobInResponse>('GET', `/jobs/${encodeURIComponent(id)}${q}`);
  }

  listJobs(filter: JobFilter = {}): Promise<JobInResponse[]> {
    return this.call<JobInResponse[]>('GET', `/jobs${query(filter)}`);
  }

  /** Cancels a queued job or stops a running one; resolves the ids the server acted on. */
  cancelJob(id: string): Promise<unknown> {
    return this.call('DELETE', `/jobs/${encodeURIComponent(id)}`);
  }

  /** Resolves once the job is terminal (or rejects after `timeoutMs`, default 10 minutes). */
  async waitForJob(id: string, opts: { timeoutMs?: number; onUpdate?: (job: JobInResponse) => void } = {}): Promise<JobInResponse> {
    const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
    let last: string | null = null;
    for (;;) {
      const remainingS = Math.max(1, Math.floor((deadline - Date.now()) / 1000));
      const wait = Math.min(30, remainingS);
      const asked = Date.now();
      const job = await this.getJob(id, { wait });
      if (job.status !== last) {
        last = job.status;
        opts.onUpdate?.(job);
      }
      if (TERMINAL.has(job.status)) return job;
      if (Date.now() >= deadline) throw new NetpulseApiError(0, null, `job ${id} is still ${job.status} after ${Math.round((opts.timeoutMs ?? 600_000) / 1000)} s`);
      // A server that ignores `wait` answers at once: poll instead of spinning.
      if (Date.now() - asked < wait * 1000 - 250) await sleep(this.options.pollIntervalMs ?? 500);
    }
  }

  /**
   * Follows a job through `GET /jobs/{id}/events` (Server-Sent Events): its states (`queued`,
   * `started`, then its terminal status, `data` the job) and, for a detached launch, the task's
   * `output` events and a final `task-ended`. Ends when the server closes the stream; `lastEventId`
   * resumes after an event already seen; `signal` stops it early.
   */
  async *jobEvents(id: string, opts: { lastEventId?: string; signal?: AbortSignal } = {}): AsyncGenerator<ServerSentEvent> {
    const path = `/jobs/${encodeURIComponent(id)}/events`;
    const headers: Record<string, string> = { [this.options.apiKeyHeader ?? 'X-API-KEY']: this.options.apiKey, Accept: 'text/event-stream' };
    if (opts.lastEventId) headers['Last-Event-ID'] = opts.lastEventId;
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { headers, signal: opts.signal });
    } catch (err) {
      throw this.unreachable(err);
    }
    if (!res.ok || !res.body) throw NetpulseApiError.fromResponse(res.status, parseBody(await res.text()), 'GET', path);
    yield* readServerSentEvents(res.body);
  }

  listWorkers(filter: { queue?: string; node?: string; host?: string } = {}): Promise<WorkerInResponse[]> {
    return this.call<WorkerInResponse[]>('GET', `/workers${query(filter)}`);
  }

  deleteWorker(name: string): Promise<unknown> {
    return this.call('DELETE', `/workers/${encodeURIComponent(name)}`);
  }

  health(): Promise<unknown> {
    return this.call('GET', '/health');
  }

  stats(): Promise<SystemStatsResponse> {
    return this.call<SystemStatsResponse>('GET', '/system/stats');
  }

  render(body: { name?: string; template: string; context?: unknown }): Promise<unknown> {
    return this.call('POST', `/template/render${body.name ? `/${encodeURIComponent(body.name)}` : ''}`, body);
  }

  parse(body: { name?: string; template: string; context: string } & Record<string, unknown>): Promise<unknown> {
    return this.call('POST', `/template/parse${body.name ? `/${encodeURIComponent(body.name)}` : ''}`, body);
  }

  listDetachedTasks(): Promise<unknown[]> {
    return this.call<unknown[]>('GET', '/detached-tasks');
  }

  /** A detached task's new output since `offset` (or since the last read). */
  readDetachedTask(taskId: string, offset?: number): Promise<Record<string, unknown>> {
    return this.call<Record<string, unknown>>('GET', `/detached-tasks/${encodeURIComponent(taskId)}${offset === undefined ? '' : `?offset=${offset}`}`);
  }

  killDetachedTask(taskId: string): Promise<unknown> {
    return this.call('DELETE', `/detached-tasks/${encodeURIComponent(taskId)}`);
  }

  /** One request; resolves the parsed JSON body of a 2xx, rejects with NetpulseApiError otherwise. */
  async call<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const h: Record<string, string> = { [this.options.apiKeyHeader ?? 'X-API-KEY']: this.options.apiKey, Accept: 'application/json', ...headers };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw this.unreachable(err);
    }
    const parsed = parseBody(await res.text());
    if (!res.ok) throw NetpulseApiError.fromResponse(res.status, parsed, method, path);
    return parsed as T;
  }

  private unreachable(err: unknown): NetpulseApiError {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return new NetpulseApiError(0, null, `cannot reach NetPulse at ${this.base}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
  }

  private async submit<T>(path: string, body: unknown, wait?: number): Promise<T> {
    const key = randomUUID();
    const retries = this.options.submitRetries ?? 3;
    const target = wait ? `${path}?wait=${Math.min(MAX_WAIT_S, Math.max(0, Math.round(wait)))}` : path;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.call<T>('POST', target, body, { 'Idempotency-Key': key });
      } catch (err) {
        const retriable = err instanceof NetpulseApiError && (err.status === 0 || err.status === 503);
        if (!retriable || attempt >= retries) throw err;
        await sleep(250 * 2 ** attempt);
      }
    }
  }
}

/** A response body: its JSON when it is JSON, null when empty, else the text. */
function parseBody(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function query(filter: object): string {
  const parts = Object.entries(filter)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}
