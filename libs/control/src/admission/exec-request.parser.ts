import { Injectable } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import {
  ApiError,
  BulkDevicePayloadDto,
  CONTRACT_DRIVERS,
  ExecutionRequestDto,
  FieldError,
  crossFieldErrors,
  isPlainObject,
  maskFieldInput,
  pydanticText,
  unknownDriverError,
  validateDto,
} from '@netpulse/contracts';
import { CredentialRef, CredentialResolver, withCredentialPlaceholders } from '@netpulse/credentials';
import { DeviceDriver, DriverRegistry, DriverRequest, DriverValidationError, keyFileRefusals, parseFileTransfer } from '@netpulse/drivers';
import type { DeviceJobRequest } from '@netpulse/execution';
import { TemplateEngines } from '@netpulse/templates';
import { WebhookKindRegistry } from '@netpulse/webhooks';
import { checkCredential } from './credential.request';
import { withNapalmHostAlias } from './napalm-hostname.alias';

/** Keys of ExecutionRequest; everything else in the body is a driver extra (`save`, `enable_mode`, ...). */
const KNOWN_KEYS = new Set([
  'driver', 'connection_args', 'credential', 'command', 'config', 'file_transfer', 'driver_args', 'rendering', 'parsing',
  'queue_strategy', 'ttl', 'execution_timeout', 'result_ttl', 'audit_mode', 'webhook', 'detach', 'push_interval', 'staged_file_id', 'devices',
]);

export interface ParseOptions {
  /** 300 for exec, 600 for bulk. */
  defaultTtl: number;
  /** `/device/exec` answers body errors with a string detail; typed bodies (bulk) with the FastAPI list. */
  errorStyle: 'string' | 'list';
  /** A bulk base request may leave `host` (and driver validation) to each device. */
  partial?: boolean;
}

/** The shared part of a bulk request, validated once: see {@link ExecRequestParser.parseBulkBase}. */
export interface BulkBase {
  /** The body without its devices, parsed `partial`. */
  parsed: ParsedExec;
  /** Its validated fields, `devices` left out: each device's request starts as a copy. */
  template: ExecutionRequestDto;
  /** Whether the body sets `ttl` (absent, a bulk job lives 600 s). */
  hasTtl: boolean;
  /** The driver's answer (null: valid, else what it threw) by the devices' args other than their address. */
  driverChecks: Map<string, unknown>;
}

/** The keys by which a bulk device replaces (or, `file_transfer`, adds to) the request's payload. */
export const BULK_PAYLOAD_KEYS = ['command', 'config', 'file_transfer'] as const;

export interface ParsedExec {
  dto: ExecutionRequestDto;
  driver: DeviceDriver;
  job: DeviceJobRequest;
  host: string;
  ttl: number;
  resultTtl: number;
}

/**
 * Turns a `/device/exec` body into a runnable job request, answering every problem in the contract's
 * shape: 422 with a string detail for the body, 400 for semantic errors, never 500.
 */
@Injectable()
export class ExecRequestParser {
  constructor(
    private readonly config: AppConfig,
    private readonly credentials: CredentialResolver,
    private readonly drivers: DriverRegistry,
    private readonly engines: TemplateEngines,
    private readonly webhookKinds: WebhookKindRegistry,
  ) {}

  parse(body: unknown, jsonError: string | undefined, opts: ParseOptions = { defaultTtl: 300, errorStyle: 'string' }): ParsedExec {
    const invalid = (errors: FieldError[]): ApiError => invalidBody(opts.errorStyle, errors);
    if (jsonError !== undefined) {
      throw opts.errorStyle === 'string'
        ? ApiError.unprocessable(`Invalid JSON request: ${jsonError}`)
        : ApiError.unprocessable([{ type: 'json_invalid', loc: ['body'], msg: 'JSON decode error', input: {}, ctx: { error: jsonError } }]);
    }
    const checked = validateDto(ExecutionRequestDto, body);
    if (checked.value === null) throw invalid(checked.errors);
    const dto = checked.value;
    dto.connection_args = withNapalmHostAlias(dto.driver, dto.connection_args);
    const known = this.drivers.get(dto.driver);
    if (!known) {
      if (CONTRACT_DRIVERS.includes(dto.driver)) throw ApiError.badRequest(`Driver ${dto.driver} is not supported by this server yet`);
      throw invalid([unknownDriverError(dto.driver, [...new Set([...this.drivers.names(), ...CONTRACT_DRIVERS])])]);
    }
    const unknownNames = this.unknownPluginNames(dto);
    if (unknownNames.length > 0) throw invalid(unknownNames);
    const cross = crossFieldErrors(dto);
    if (cross.length > 0) throw invalid(cross);
    // Only vetted here: the worker fetches the secrets just before it connects, so none is stored.
    const credential: CredentialRef | null = dto.credential ? checkCredential(this.credentials, dto.credential) : null;
    const extras: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (!KNOWN_KEYS.has(k)) extras[k] = v;
    // Absent: the endpoint's default (300, bulk 600); explicit null: config `job.ttl`.
    const ttl = Object.prototype.hasOwnProperty.call(body, 'ttl') ? (dto.ttl ?? this.config.value.job.ttl) : opts.defaultTtl;
    return this.complete(dto, known, credential, extras, ttl, opts.partial === true);
  }

  /**
   * The request of a bulk body without its devices, validated once (`partial`: the host may come from
   * each device); each device is then checked by {@link parseBulkDevice}.
   */
  parseBulkBase(body: unknown, jsonError: string | undefined): BulkBase {
    const opts: ParseOptions = { defaultTtl: 600, errorStyle: 'list', partial: true };
    // Validated without its device list (an extra key the validator would copy whole); a refusal is
    // answered from the whole body, whose `input` the error may quote.
    const withoutDevices = isPlainObject(body) && jsonError === undefined ? withoutKey(body, 'devices') : body;
    let parsed: ParsedExec;
    try {
      parsed = this.parse(withoutDevices, jsonError, opts);
    } catch (err) {
      if (withoutDevices !== body) this.parse(body, jsonError, opts);
      throw err;
    }
    const template = Object.assign(Object.create(ExecutionRequestDto.prototype) as ExecutionRequestDto, parsed.dto);
    return { driverChecks: new Map(), parsed, template, hasTtl: Object.prototype.hasOwnProperty.call(body, 'ttl') };
  }

  /**
   * One device of a bulk request: `args` (its keys over the base connection_args) and the payload it
   * brings in place of the base one. Only those are validated; the answer (job, or the error thrown) is
   * the one `parse` gives for the device's whole merged request, since the rest is the base, already valid.
   */
  parseBulkDevice(base: BulkBase, args: Record<string, unknown>, device: Record<string, unknown>): ParsedExec {
    const dto = Object.assign(Object.create(ExecutionRequestDto.prototype) as ExecutionRequestDto, base.template);
    const own = devicePayload(device);
    if (own) {
      const checked = validateDto(BulkDevicePayloadDto, { [own]: device[own] });
      if (checked.value === null) throw invalidBody('list', checked.errors);
      // A device's command or config replaces both of the base's; a transfer is added to them.
      if (own === 'file_transfer') dto.file_transfer = checked.value.file_transfer;
      else {
        dto.command = null;
        dto.config = null;
        dto[own] = checked.value[own];
      }
    }
    dto.connection_args = withNapalmHostAlias(dto.driver, args);
    dto.ttl = base.hasTtl ? base.template.ttl : 600;
    const cross = crossFieldErrors(dto);
    if (cross.length > 0) throw invalidBody('list', cross);
    const shared = base.parsed;
    return this.complete(dto, shared.driver, shared.job.credential ?? null, shared.job.extras, dto.ttl ?? this.config.value.job.ttl, false, base.driverChecks);
  }

  /** The checks of a valid body that depend on its connection_args and payload, and the job they make. */
  private complete(
    dto: ExecutionRequestDto,
    known: DeviceDriver,
    credential: CredentialRef | null,
    extras: Record<string, unknown>,
    ttl: number,
    partial: boolean,
    driverChecks?: Map<string, unknown>,
  ): ParsedExec {
    const rawHost = dto.connection_args.host;
    const host = typeof rawHost === 'string' ? rawHost.trim() : '';
    if (host === '' && !partial) throw ApiError.badRequest('`host` is required in connection_args');
    if (!partial) {
      try {
        const args = credential ? withCredentialPlaceholders(dto.connection_args, credential) : dto.connection_args;
        checkDriver(known, { connection_args: args, driver_args: dto.driver_args ?? null, extras }, driverChecks);
        // The transfer's own rules (chmod format, md5 only, execute_command) answered now, not by a job.
        if (dto.file_transfer) parseFileTransfer(dto.file_transfer);
      } catch (err) {
        if (err instanceof DriverValidationError) throw new ApiError(400, { detail: 'Validation Error', errors: err.errors.map((e) => ({ ...e, input: maskFieldInput(e.loc, e.input) })) });
        throw err;
      }
      const keyFile = keyFileRefusals(this.config.value.security.key_root, dto.connection_args)[0];
      if (keyFile) throw ApiError.badRequest(keyFile);
    }
    const strategy = dto.queue_strategy ?? (dto.detach ? 'pinned' : known.defaultStrategy);
    const connectionArgs = { ...dto.connection_args };
    if (strategy === 'pinned' && (connectionArgs.keepalive === undefined || connectionArgs.keepalive === null)) connectionArgs.keepalive = 60;
    const jobCfg = this.config.value.job;
    const timeout = dto.execution_timeout ?? (dto.file_transfer ? 3600 : jobCfg.timeout);
    return {
      dto,
      driver: known,
      host,
      ttl,
      resultTtl: dto.result_ttl ?? jobCfg.result_ttl,
      job: {
        driver: dto.driver,
        connection_args: connectionArgs,
        credential,
        command: dto.command ?? null,
        config: dto.config ?? null,
        driver_args: dto.driver_args ?? null,
        file_transfer: (dto.file_transfer as unknown as Record<string, unknown> | null) ?? null,
        rendering: (dto.rendering as Record<string, unknown> | null) ?? null,
        parsing: (dto.parsing as Record<string, unknown> | null) ?? null,
        webhook: (dto.webhook as unknown as Record<string, unknown> | null) ?? null,
        extras,
        queue_strategy: strategy,
        execution_timeout: timeout,
        detach: dto.detach ?? false,
        task_id: null,
        staged_file_id: dto.staged_file_id ?? null,
      },
    };
  }

  /** `rendering.name`, `parsing.name`, `webhook.name` must name a registered plugin (422 listing the known ones). */
  private unknownPluginNames(dto: ExecutionRequestDto): FieldError[] {
    const out: FieldError[] = [];
    const check = (field: string, name: string | null | undefined, known: string[]): void => {
      if (name === null || name === undefined || name === '' || known.includes(name)) return;
      out.push({ ...unknownDriverError(name, known), loc: ['body', field, 'name'] });
    };
    check('rendering', dto.rendering?.name, this.engines.renderers.names());
    check('parsing', dto.parsing?.name, this.engines.parsers.names());
    check('webhook', dto.webhook?.name, this.webhookKinds.names());
    return out;
  }
}

/** A bulk device's connection_args: its own keys (all but the payload ones; nulls skipped) over the base request's. */
export function bulkDeviceArgs(base: BulkBase, device: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = { ...base.parsed.dto.connection_args };
  for (const k in device) {
    const v = device[k];
    if (v !== null && v !== undefined && !(BULK_PAYLOAD_KEYS as readonly string[]).includes(k)) args[k] = v;
  }
  return args;
}

/**
 * `driver.validate`, once per distinct args but the address (host, port) when the driver's answer does
 * not depend on it (`checks` is one bulk request's: its driver_args and extras are the same for every device).
 */
function checkDriver(driver: DeviceDriver, req: DriverRequest, checks: Map<string, unknown> | undefined): void {
  const args = req.connection_args;
  if (!checks || !driver.validationIgnoresAddress || typeof args.host !== 'string') {
    driver.validate(req);
    return;
  }
  const port = args.port;
  const anyPort = typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535;
  const { host: _host, ...rest } = args;
  const key = JSON.stringify(anyPort ? withoutKey(rest, 'port') : rest);
  if (!checks.has(key)) {
    try {
      driver.validate(req);
      checks.set(key, null);
    } catch (err) {
      checks.set(key, err);
    }
  }
  const failure = checks.get(key);
  if (failure !== null) throw failure;
}

function withoutKey(o: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _omit, ...rest } = o;
  return rest;
}

/** A 422 of the body: `/device/exec` a string detail, typed bodies (bulk) the FastAPI list. */
function invalidBody(style: ParseOptions['errorStyle'], errors: FieldError[]): ApiError {
  return ApiError.unprocessable(style === 'string' ? `Invalid JSON request: ${pydanticText('ExecutionRequest', errors)}` : errors);
}

/** The payload key a bulk device brings (at most one: more is refused before), or null. */
function devicePayload(device: Record<string, unknown>): (typeof BULK_PAYLOAD_KEYS)[number] | null {
  for (const k of BULK_PAYLOAD_KEYS) if (device[k] !== undefined && device[k] !== null) return k;
  return null;
}
