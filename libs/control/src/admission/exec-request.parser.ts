import { Injectable } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import {
  ApiError,
  CONTRACT_DRIVERS,
  ExecutionRequestDto,
  FieldError,
  crossFieldErrors,
  maskFieldInput,
  pydanticText,
  unknownDriverError,
  validateDto,
} from '@netpulse/contracts';
import { CredentialRef, CredentialResolver, withCredentialPlaceholders } from '@netpulse/credentials';
import { DeviceDriver, DriverRegistry, DriverValidationError, keyFileRefusals, parseFileTransfer } from '@netpulse/drivers';
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
    const invalid = (errors: FieldError[]): ApiError =>
      ApiError.unprocessable(opts.errorStyle === 'string' ? `Invalid JSON request: ${pydanticText('ExecutionRequest', errors)}` : errors);
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
    const rawHost = dto.connection_args.host;
    const host = typeof rawHost === 'string' ? rawHost.trim() : '';
    if (host === '' && !opts.partial) throw ApiError.badRequest('`host` is required in connection_args');
    const extras: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (!KNOWN_KEYS.has(k)) extras[k] = v;
    if (!opts.partial) {
      try {
        const args = credential ? withCredentialPlaceholders(dto.connection_args, credential) : dto.connection_args;
        known.validate({ connection_args: args, driver_args: dto.driver_args ?? null, extras });
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
      // Absent: the endpoint's default (300, bulk 600); explicit null: config `job.ttl`.
      ttl: Object.prototype.hasOwnProperty.call(body, 'ttl') ? (dto.ttl ?? jobCfg.ttl) : opts.defaultTtl,
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
