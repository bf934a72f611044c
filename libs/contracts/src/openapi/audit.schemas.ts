import type { JsonSchema } from './openapi.types';
import { list, orNull, str } from './response.schemas';

/** `GET /audit` entries. Keys after `route` appear only where they apply. */
export const AUDIT_SCHEMAS: Record<string, JsonSchema> = {
  AuditEntry: {
    type: 'object',
    description: 'One audited action. Nothing secret is kept: command and config lines have secrets masked.',
    properties: {
      time: { type: 'string', format: 'date-time', description: 'When the action was taken.' },
      event: { type: 'string', enum: ['job.accepted', 'job.ended', 'job.cancelled', 'worker.deleted', 'detached.killed', 'detached.cleared'] },
      key: orNull(str('Name of the API key (`api_key` for `server.api_key`).')),
      client: orNull(str('Client address (see `server.trusted_proxies`); null for entries a worker wrote.')),
      request_id: orNull(str('`X-Request-ID` of the request.')),
      route: orNull(str('Method and route, e.g. `POST /device/exec`; null for entries a worker wrote.')),
      job_id: str(),
      task_id: str(),
      worker: str(),
      driver: orNull(str()),
      host: orNull(str('Device host.')),
      lines: list(str(), 'Command or config lines, secrets masked.'),
      outcome: str('`finished`, `failed`, `stopped`, `canceled`, `stop requested`, `killed`, …'),
      detail: str('Error type or reason when it did not succeed.'),
    },
    required: ['time', 'event', 'key', 'client', 'request_id', 'route'],
  },
};
