import { Injectable } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { ApiError, FieldError, JobInResponse, isPlainObject, maskSecrets } from '@netpulse/contracts';
import { BULK_PAYLOAD_KEYS, ExecRequestParser, ParsedExec, bulkDeviceArgs } from './exec-request.parser';
import { JobDispatcher } from './job-dispatcher.service';
import { withNapalmHostAlias } from './napalm-hostname.alias';

export interface BulkResponse {
  succeeded: JobInResponse[];
  failed: { host: string | null; reason: string }[];
}

/**
 * `POST /device/bulk`: the base request must itself be valid; each device's
 * keys are merged over the base `connection_args` and may replace the payload. A device that cannot
 * be run (no host, bad args, no node with room) lands in `failed` with a reason while the rest run;
 * the request is validated whole, then its devices are placed and written in batches
 * (docs/compatibility.md: Bulk: a bad device fails alone); only "no FIFO worker at all" refuses the whole request.
 */
@Injectable()
export class BulkDispatcher {
  constructor(
    private readonly config: AppConfig,
    private readonly dispatcher: JobDispatcher,
    private readonly parser: ExecRequestParser,
  ) {}

  async dispatch(body: unknown, jsonError: string | undefined): Promise<BulkResponse> {
    const base = this.parser.parseBulkBase(body, jsonError);
    const raw = body as Record<string, unknown>;
    const devices = raw.devices;
    if (!Array.isArray(devices)) {
      throw ApiError.unprocessable([{ type: devices === undefined ? 'missing' : 'list_type', loc: ['body', 'devices'], msg: devices === undefined ? 'Field required' : 'Input should be a valid list', input: maskSecrets(devices ?? null) }]);
    }
    // One request may not take all capacity: past `bulk.max_devices` it is refused whole, before any device is queued.
    const max = this.config.value.bulk.max_devices;
    if (devices.length > max) throw ApiError.badRequest(`devices: ${devices.length} devices in one request; at most ${max} are accepted (bulk.max_devices)`);
    const shapeErrors: FieldError[] = [];
    devices.forEach((d, i) => {
      if (!isPlainObject(d)) shapeErrors.push({ type: 'model_type', loc: ['body', 'devices', i], msg: 'Input should be a valid dictionary', input: maskSecrets(d) });
      else if (BULK_PAYLOAD_KEYS.filter((k) => d[k] !== undefined && d[k] !== null).length > 1) {
        shapeErrors.push({ type: 'value_error', loc: ['body', 'devices', i], msg: "Value error, cannot specify more than one of 'command', 'config', or 'file_transfer'", input: maskSecrets(d) });
      }
    });
    if (shapeErrors.length > 0) throw ApiError.unprocessable(shapeErrors);

    // Every device validated first (the shared part was, once, above); then the valid ones are placed and written together.
    const outcomes: ({ host: string | null; reason: string } | { index: number })[] = [];
    const valid: ParsedExec[] = [];
    for (const device of devices as Record<string, unknown>[]) {
      const args = bulkDeviceArgs(base, device);
      const host = withNapalmHostAlias(raw.driver, args).host ?? null;
      const hostName = typeof host === 'string' ? host : null;
      if (!hostName) {
        outcomes.push({ host: null, reason: "'host' is required for each device" });
        continue;
      }
      try {
        valid.push(this.parser.parseBulkDevice(base, args, device));
        outcomes.push({ index: valid.length - 1 });
      } catch (err) {
        outcomes.push({ host: hostName, reason: reasonOf(err) });
      }
    }
    const dispatched = await this.dispatcher.dispatchMany(valid);
    if (base.parsed.job.queue_strategy === 'fifo') {
      // No FIFO worker at all (or Redis away) refuses the whole request, as a single exec would be.
      const refusal = dispatched.find((r) => r instanceof ApiError && r.status === 503);
      if (refusal) throw refusal;
    }
    const out: BulkResponse = { succeeded: [], failed: [] };
    for (const o of outcomes) {
      if (!('index' in o)) {
        out.failed.push(o);
        continue;
      }
      const r = dispatched[o.index];
      if (r instanceof Error) out.failed.push({ host: valid[o.index].host, reason: reasonOf(r) });
      else out.succeeded.push(r);
    }
    return out;
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof ApiError) {
    const d = err.body.detail;
    if (err.status === 503 && d === 'No available node to run the job') return 'No capacity on nodes';
    if (typeof d === 'string') {
      const errors = err.body.errors;
      if (Array.isArray(errors) && errors.length > 0) return `${d}: ${(errors as FieldError[]).map((e) => `${e.loc.slice(1).join('.')}: ${e.msg}`).join('; ')}`;
      return d;
    }
    if (Array.isArray(d)) return (d as FieldError[]).map((e) => `${e.loc.slice(1).join('.')}: ${e.msg}`).join('; ');
  }
  return err instanceof Error ? err.message : String(err);
}
