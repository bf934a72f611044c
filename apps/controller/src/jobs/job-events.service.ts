import { Injectable } from '@nestjs/common';
import { ApiError, TERMINAL_STATUSES } from '@netpulse/contracts';
import { JobEndWatcher, JobRecord, JobStartWatcher, JobStore, toJobResponse } from '@netpulse/state';
import type { Request, Response } from 'express';

/** A comment line every this many ms keeps proxies and clients from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

/** Event ids: the step of a job's life an event reports, so `Last-Event-ID` resumes after it. */
const STEP: Readonly<Record<string, number>> = { queued: 1, scheduled: 1, deferred: 1, started: 2, finished: 3, failed: 3, stopped: 3, canceled: 3 };

/**
 * `GET /jobs/{id}/events`: the job's state changes as Server-Sent Events (`event: <status>`, `data:`
 * the job as `GET /jobs/{id}` answers it, `id:` its step: 1 queued, 2 started, 3 ended). The stream
 * ends after the terminal state. Woken by the job-started and job-ended channels (one subscriber each
 * per controller), with a heartbeat comment every 15 s; a client that reconnects with `Last-Event-ID` gets only later steps.
 */
@Injectable()
export class JobEventsService {
  constructor(
    private readonly ends: JobEndWatcher,
    private readonly jobs: JobStore,
    private readonly starts: JobStartWatcher,
  ) {}

  async stream(id: string, lastEventId: string | undefined, req: Request, res: Response): Promise<void> {
    let rec = await this.jobs.get(id);
    if (!rec) throw ApiError.notFound(`Job ${id} not found`);
    await Promise.all([this.ends.ready(), this.starts.ready()]);
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    let open = true;
    req.on('close', () => {
      open = false;
    });
    let delivered = Number.isInteger(Number(lastEventId)) ? Number(lastEventId) : 0;
    const send = (r: JobRecord): void => {
      const step = STEP[r.status] ?? 0;
      if (step <= delivered) return;
      delivered = step;
      res.write(`id: ${step}\nevent: ${r.status}\ndata: ${JSON.stringify(toJobResponse(r))}\n\n`);
    };
    send(rec);
    while (open && !TERMINAL_STATUSES.includes(rec.status)) {
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
      if (open) res.write(': heartbeat\n\n');
    }
    res.end();
  }
}
