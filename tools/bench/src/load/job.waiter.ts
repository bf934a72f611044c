import type { JobInResponse } from '@netpulse/contracts';
import type { HttpJsonClient } from './http-json.client';
import type { JobEventsWatcher } from './job-events.watcher';

const TERMINAL = new Set(['finished', 'failed', 'stopped', 'canceled']);

/** Where the time of one job went, ms. Server times come from the job record (Redis clock, same host). */
export interface JobTiming {
  /** `POST /device/exec` sent → the terminal job read back through `GET /jobs/{id}`. */
  e2eMs: number;
  /** The POST's round trip (201 received). */
  acceptMs: number;
  /** enqueued_at → started_at. */
  queueMs: number;
  /** started_at → ended_at (connect or reuse, commands, recording). */
  runMs: number;
  /** Sum of the results' `metadata.duration_seconds`: the command exchange with the device. */
  deviceMs: number;
  /** ended_at → the client read the terminal record. */
  readMs: number;
  /** e2e minus the device's own time: what NetPulse adds. */
  overheadMs: number;
  reused: boolean | null;
  ok: boolean;
  error: string | null;
}

/** Epoch ms (with the microseconds as a fraction) of a contract datetime `…T12:00:00.123456+00:00`. */
export function isoMs(s: string | null): number {
  if (!s) return NaN;
  const frac = /\.(\d+)/.exec(s)?.[1] ?? '';
  const base = Date.parse(s.replace(/\.\d+/, ''));
  return base + (frac ? Number(`0.${frac}`) * 1000 : 0);
}

const nowMs = (): number => performance.timeOrigin + performance.now();

/**
 * Submits one job and reads it back through `GET /jobs/{id}` once it is terminal. With a Redis
 * event watcher, the GET is sent the moment the record turns terminal (no polling load on the
 * controller); without one, it polls back to back.
 */
export class JobWaiter {
  constructor(
    private readonly http: HttpJsonClient,
    private readonly events: JobEventsWatcher | null = null,
  ) {}

  async run(body: unknown, timeoutMs: number): Promise<JobTiming> {
    const t0 = nowMs();
    const res = await this.http.post<JobInResponse>('/device/exec', body);
    const acceptMs = nowMs() - t0;
    if (res.status !== 201) throw new Error(`POST /device/exec answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    const job = await this.wait(res.body.id, timeoutMs);
    const t1 = nowMs();
    return timingOf(job, t0, t1, acceptMs);
  }

  /** Submits one job with `POST /device/exec?wait=`: the 201 carries the finished job, no read after it. */
  async runWithWait(body: unknown, timeoutMs: number): Promise<JobTiming> {
    const waitS = Math.min(60, Math.ceil(timeoutMs / 1000));
    const t0 = nowMs();
    const res = await this.http.post<JobInResponse>(`/device/exec?wait=${waitS}`, body);
    const t1 = nowMs();
    if (res.status !== 201) throw new Error(`POST /device/exec?wait answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    const job = TERMINAL.has(res.body.status) ? res.body : await this.wait(res.body.id, timeoutMs);
    return timingOf(job, t0, job === res.body ? t1 : nowMs(), t1 - t0);
  }

  async wait(id: string, timeoutMs: number): Promise<JobInResponse> {
    const deadline = Date.now() + timeoutMs;
    if (this.events) await this.events.terminal(id, timeoutMs);
    for (;;) {
      const res = await this.http.get<JobInResponse>(`/jobs/${id}`);
      if (res.status === 200 && TERMINAL.has(res.body.status)) return res.body;
      if (Date.now() > deadline) throw new Error(`job ${id} not terminal after ${timeoutMs} ms (status ${res.status}, ${res.body.status})`);
    }
  }
}

export function timingOf(job: JobInResponse, sentAt: number, readAt: number, acceptMs: number): JobTiming {
  const retval = job.result?.retval ?? [];
  const deviceMs = retval.reduce((s, r) => s + Number(r.metadata?.duration_seconds ?? 0) * 1000, 0);
  const bad = retval.find((r) => r.exit_status !== 0);
  const ok = job.status === 'finished' && retval.length > 0 && !bad;
  const e2eMs = readAt - sentAt;
  const reused = retval[0]?.metadata?.session_reused;
  return {
    e2eMs,
    acceptMs,
    queueMs: isoMs(job.started_at) - isoMs(job.enqueued_at),
    runMs: isoMs(job.ended_at) - isoMs(job.started_at),
    deviceMs,
    readMs: readAt - isoMs(job.ended_at),
    overheadMs: e2eMs - deviceMs,
    reused: typeof reused === 'boolean' ? reused : null,
    ok,
    error: ok ? null : (job.result?.error?.message ?? bad?.stderr ?? `status ${job.status}`),
  };
}
