import { AppConfig } from '@netpulse/config';
import type { JobResult } from '@netpulse/contracts';
import { AppLogger, currentRequestActor, currentRequestId } from '@netpulse/observability';
import { AuditEntry, AuditLog } from '@netpulse/state';
import { type DeviceJobRequest, payloadList } from '../jobs/device-job.request';
import { maskAuditLines, secretValuesOf } from './audit-lines.masker';

export type AuditFacts = Omit<AuditEntry, 'time' | 'key' | 'client' | 'request_id' | 'route'> & { key?: string | null };

/**
 * Writes audit entries: each one a JSON log line (`"msg":"audit"`) and an entry of the Redis stream
 * `GET /audit` reads. Who, from where and which request come from the current request context. A
 * failure to store an entry is logged and never fails the action it records.
 */
export class AuditTrail {
  constructor(
    private readonly log: AuditLog,
    private readonly logger: AppLogger,
    private readonly enabled: boolean,
  ) {}

  async record(facts: AuditFacts): Promise<void> {
    await this.recordMany([facts]);
  }

  /** Several entries of one action (a bulk request's jobs): their lines in one write, the stream entries in one step. */
  async recordMany(facts: AuditFacts[]): Promise<void> {
    if (!this.enabled || facts.length === 0) return;
    const actor = currentRequestActor();
    const requestId = currentRequestId() ?? null;
    const time = new Date().toISOString();
    const entries = this.logger.batched(() =>
      facts.map(({ event, ...rest }) => {
        const entry: AuditEntry = { time, event, key: actor?.key ?? null, client: actor?.client ?? null, request_id: requestId, route: actor?.route ?? null, ...rest };
        this.logger.event('info', 'audit', { audit: entry });
        return entry;
      }),
    );
    try {
      await this.log.appendMany(entries);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.logger.batched(() => {
        for (const entry of entries) this.logger.event('error', 'audit entry not stored', { event: entry.event, job_id: entry.job_id, err: message });
      });
    }
  }

  /** A job the API accepted (201). */
  jobAccepted(jobId: string, req: DeviceJobRequest, host: string): Promise<void> {
    return this.record(acceptedFacts({ jobId, req, host }));
  }

  /** The jobs of one request the API accepted (a bulk request). */
  jobsAccepted(jobs: { jobId: string; req: DeviceJobRequest; host: string }[]): Promise<void> {
    return this.recordMany(jobs.map(acceptedFacts));
  }

  /** How a job ended, from its worker or from the sweeper that ended it; the accepting key comes along. */
  jobEnded(jobId: string, req: DeviceJobRequest | null, status: string, result: JobResult | null): Promise<void> {
    const host = req && typeof req.connection_args.host === 'string' ? req.connection_args.host : null;
    const error = result?.error?.type;
    return this.record({
      event: 'job.ended',
      key: req?.api_key_name ?? null,
      job_id: jobId,
      driver: req?.driver ?? null,
      host,
      outcome: status,
      ...(error ? { detail: error } : {}),
    });
  }
}

function acceptedFacts({ jobId, req, host }: { jobId: string; req: DeviceJobRequest; host: string }): AuditFacts {
  return { event: 'job.accepted', job_id: jobId, driver: req.driver, host, lines: linesOf(req), ...(req.task_id ? { task_id: req.task_id } : {}) };
}

function linesOf(req: DeviceJobRequest): string[] {
  const lines = [...payloadList(req.config ?? req.command)];
  return maskAuditLines(lines, secretValuesOf(req));
}

/** The Nest provider, shared by the worker apps and the controller. */
export const AUDIT_TRAIL_PROVIDER = {
  provide: AuditTrail,
  inject: [AuditLog, AppLogger, AppConfig],
  useFactory: (a: AuditLog, l: AppLogger, c: AppConfig): AuditTrail => new AuditTrail(a, l, c.value.audit.enabled),
};
