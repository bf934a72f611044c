import { Injectable } from '@nestjs/common';
import { ApiError, TERMINAL_STATUSES } from '@netpulse/contracts';
import { JobEndWatcher, JobRecord, JobStartWatcher, JobStore, toJobResponse } from '@netpulse/state';
import type { Request, Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import { DetachedOutputFollower } from '@netpulse/control';

/** A comment line every this many ms keeps proxies and clients from closing an idle stream. */
const HEARTBEAT_MS = 15_000;
/** A detached task's log is read this often while someone follows it. */
const FOLLOW_INTERVAL_MS = 1000;
/** Reads of a detached task's log that fail in a row before the stream gives up on it. */
const FOLLOW_MAX_FAILURES = 5;

/** Event ids: the step of a job's life an event reports, so `Last-Event-ID` resumes after it. */
const STEP: Readonly<Record<string, number>> = { queued: 1, scheduled: 1, deferred: 1, started: 2, finished: 3, failed: 3, stopped: 3, canceled: 3 };
const ENDED_STEP = 3;
/** Output events of a detached launch carry `out-<byte offset after them>` as their id. */
const OUTPUT_ID = /^out-(\d{1,15})$/;

/** Where a client's stream resumes from its `Last-Event-ID`. */
function resumePoint(lastEventId: string | undefined): { step: number; offset: number; follow: boolean } {
  if (lastEventId === 'end') return { step: ENDED_STEP, offset: 0, follow: false };
  const out = OUTPUT_ID.exec(lastEventId ?? '');
  if (out) return { step: ENDED_STEP, offset: Number(out[1]), follow: true };
  const step = Number(lastEventId);
  return { step: Number.isInteger(step) ? step : 0, offset: 0, follow: true };
}

/**
 * `GET /jobs/{id}/events`: the job's state changes as Server-Sent Events (`event: <status>`, `data:`
 * the job as `GET /jobs/{id}` answers it, `id:` its step: 1 queued, 2 started, 3 ended). Woken by the
 * job-started and job-ended channels (one subscriber each per controller), with a heartbeat comment
 * every 15 s; a client that reconnects with `Last-Event-ID` gets only later steps.
 *
 * For a detached launch (`detach: true`) that finished, the stream goes on with the task's log:
 * `event: output` (`data: {task_id, offset, next_offset, output}`, `id: out-<next_offset>`) as new
 * output arrives, then one `event: task-ended` (`data: {task_id, status}`: `completed`, `removed` when
 * the task left the registry, `unreachable` after repeated failed reads). Other jobs' streams end
 * after their terminal state.
 */
@Injectable()
export class JobEventsService {
  constructor(
    private readonly ends: JobEndWatcher,
    private readonly follower: DetachedOutputFollower,
    private readonly jobs: JobStore,
    private readonly starts: JobStartWatcher,
  ) {}

  async stream(id: string, lastEventId: string | undefined, req: Request, res: Response): Promise<void> {
    let rec = await this.jobs.get(id);
    if (!rec) throw ApiError.notFound(`Job ${id} not found`);
    await Promise.all([this.ends.ready(), this.starts.ready()]);
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    const client = { open: true };
    const gone = new AbortController();
    req.on('close', () => {
      client.open = false;
      gone.abort();
    });
    const resume = resumePoint(lastEventId);
    let delivered = resume.step;
    const send = (r: JobRecord): void => {
      const step = STEP[r.status] ?? 0;
      if (step <= delivered) return;
      delivered = step;
      res.write(`id: ${step}\nevent: ${r.status}\ndata: ${JSON.stringify(toJobResponse(r))}\n\n`);
    };
    send(rec);
    while (client.open && !TERMINAL_STATUSES.includes(rec.status)) {
      // Interest first, then the read: a change between the two is not missed.
      const ended = this.ends.watch(id);
      let started: ReturnType<JobStartWatcher['watch']> | null = null;
      try {
        const now = await this.jobs.get(id);
        if (!now) break;
        rec = now;
        send(rec);
        if (TERMINAL_STATUSES.includes(rec.status)) break;
        // Still queued: also wake on its start (a start just before this watch is remembered by the watcher).
        if (rec.status === 'queued') started = this.starts.watch(id);
        await (started ? Promise.race([ended.until(HEARTBEAT_MS), started.until(HEARTBEAT_MS)]) : ended.until(HEARTBEAT_MS));
      } finally {
        ended.cancel();
        started?.cancel();
      }
      if (client.open) res.write(': heartbeat\n\n');
    }
    if (client.open && resume.follow && rec.taskId && rec.status === 'finished') await this.followTask(rec.taskId, resume.offset, client, gone.signal, res);
    res.end();
  }

  /** Streams a detached task's new log output until it completes, leaves the registry or stays unreadable. */
  private async followTask(taskId: string, from: number, client: { open: boolean }, gone: AbortSignal, res: Response): Promise<void> {
    let offset = from;
    let failures = 0;
    let lastWrite = Date.now();
    const end = (status: string, reason?: string): void => {
      res.write(`id: end\nevent: task-ended\ndata: ${JSON.stringify({ task_id: taskId, status, ...(reason ? { reason } : {}) })}\n\n`);
    };
    while (client.open) {
      const read = await this.follower.read(taskId, offset).catch((err: unknown) => ({ kind: 'failed' as const, reason: err instanceof Error ? err.message : String(err) }));
      if (!client.open) return;
      if (read.kind === 'gone') return end('removed');
      if (read.kind === 'failed') {
        if (++failures >= FOLLOW_MAX_FAILURES) return end('unreachable', read.reason);
      } else {
        failures = 0;
        if (read.output !== '') {
          res.write(`id: out-${read.next_offset}\nevent: output\ndata: ${JSON.stringify({ task_id: taskId, offset, next_offset: read.next_offset, output: read.output })}\n\n`);
          lastWrite = Date.now();
        }
        offset = read.next_offset;
        if (read.completed) return end('completed');
      }
      if (Date.now() - lastWrite >= HEARTBEAT_MS) {
        res.write(': heartbeat\n\n');
        lastWrite = Date.now();
      }
      await sleep(FOLLOW_INTERVAL_MS, undefined, { signal: gone }).catch(() => undefined);
    }
  }
}
