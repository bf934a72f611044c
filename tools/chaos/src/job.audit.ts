import type { JobInResponse } from '@netpulse/contracts';
import type { ApiClient } from '@netpulse/testing';
import { sleep } from './load.loop';

const TERMINAL = new Set(['finished', 'failed', 'stopped', 'canceled']);

/** Where every accepted job ended, read through `GET /jobs/{id}`. */
export interface AuditResult {
  accepted: number;
  /** Terminal jobs by id. */
  ended: Map<string, JobInResponse>;
  /** `failed` jobs by `result.error.type` (`(none)` for a failure without a reason, which a test must reject). */
  failedBy: Record<string, number>;
  failed: number;
  /** `finished` jobs (any exit status). */
  finished: number;
  /** `finished` jobs whose every command has exit status 0. */
  finishedOk: number;
  /** Jobs not terminal by the deadline, or not readable (404): the ones a 201 promised and did not deliver. */
  lost: string[];
  /** The last status seen of each lost job (`404` when the API did not know it). */
  lostStatus: Record<string, string>;
  /** `stopped` or `canceled` (a chaos test never asks for either). */
  other: number;
}

/**
 * The final check of every chaos test: each accepted job must reach a terminal state readable by
 * `GET /jobs/{id}` — finished, or failed with a reason — within `deadlineMs`. Polls with a few
 * requests at once so hundreds of ids are audited in seconds.
 */
export class JobAudit {
  static async run(client: ApiClient, ids: readonly string[], deadlineMs: number): Promise<AuditResult> {
    const ended = new Map<string, JobInResponse>();
    const lastSeen = new Map<string, string>();
    let pending = [...new Set(ids)];
    const deadline = Date.now() + deadlineMs;
    while (pending.length > 0) {
      const still: string[] = [];
      for (let i = 0; i < pending.length; i += 16) {
        const batch = pending.slice(i, i + 16);
        await Promise.all(
          batch.map(async (id) => {
            const res = await client.get<JobInResponse>(`/jobs/${id}`).catch(() => null);
            if (res?.status === 200 && TERMINAL.has(res.body.status)) {
              ended.set(id, res.body);
              return;
            }
            lastSeen.set(id, res === null ? 'no answer' : res.status === 200 ? res.body.status : String(res.status));
            still.push(id);
          }),
        );
      }
      pending = still;
      if (pending.length === 0 || Date.now() > deadline) break;
      await sleep(250);
    }
    const failedBy: Record<string, number> = {};
    let finished = 0;
    let finishedOk = 0;
    let failed = 0;
    let other = 0;
    for (const job of ended.values()) {
      if (job.status === 'finished') {
        finished += 1;
        if ((job.result?.retval ?? []).every((r) => r.exit_status === 0)) finishedOk += 1;
      } else if (job.status === 'failed') {
        failed += 1;
        const reason = job.result?.error?.type || '(none)';
        failedBy[reason] = (failedBy[reason] ?? 0) + 1;
      } else other += 1;
    }
    const lostStatus: Record<string, string> = {};
    for (const id of pending) lostStatus[id] = lastSeen.get(id) ?? 'unknown';
    return { accepted: new Set(ids).size, ended, failedBy, failed, finished, finishedOk, lost: pending, lostStatus, other };
  }
}
