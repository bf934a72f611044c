import { Injectable } from '@nestjs/common';
import { ApiError } from '@netpulse/contracts';
import { AuditEntry, AuditLog } from '@netpulse/state';
import { optionalInt } from '../http/query-params';

export interface AuditQueryParams {
  since?: string;
  key?: string;
  host?: string;
  limit?: string;
}

const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 10_000;

/** `GET /audit`: entries since a time (ISO 8601 or epoch seconds; default: all retained), oldest first. */
@Injectable()
export class AuditReader {
  constructor(private readonly log: AuditLog) {}

  read(q: AuditQueryParams): Promise<AuditEntry[]> {
    const limit = Math.min(optionalInt('limit', q.limit, 1) ?? DEFAULT_LIMIT, MAX_LIMIT);
    return this.log.read({ sinceMs: sinceMs(q.since), key: q.key || undefined, host: q.host || undefined, limit });
  }
}

function sinceMs(raw: string | undefined): number {
  if (raw === undefined || raw === '') return 0;
  const ms = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
  if (!Number.isFinite(ms)) {
    throw ApiError.unprocessable([{ type: 'datetime_parsing', loc: ['query', 'since'], msg: 'Input should be an ISO 8601 time or epoch seconds', input: raw }]);
  }
  return ms;
}
