import type { FieldError } from '../errors/api.error';
import { maskSecrets } from '../errors/secret-mask';
import { isPlainObject } from './dto.validator';
import type { ExecutionRequestDto } from './execution-request.dto';

/** Drivers the contract names; one this server has not registered answers 400 "not supported yet". */
export const CONTRACT_DRIVERS: readonly string[] = ['netmiko', 'napalm', 'pyeapi', 'paramiko'];

/** Drivers that may carry `file_transfer` / `detach`. */
const FILE_TRANSFER_DRIVERS = new Set(['paramiko', 'netmiko']);

/**
 * The cross-field rules of `/device/exec`, in the original's order. Each failure is a pydantic
 * "Value error" at the body level.
 */
export function crossFieldErrors(req: ExecutionRequestDto): FieldError[] {
  const fail = (msg: string): FieldError[] => [{ type: 'value_error', loc: ['body'], msg: `Value error, ${msg}`, input: maskSecrets({ ...req }) }];
  if (req.push_interval !== null && req.push_interval !== undefined && !req.detach) return fail('`push_interval` requires `detach=True`');
  if (req.detach && req.driver !== 'paramiko') return fail('`detach` is only supported by the paramiko driver');
  if (req.file_transfer && !FILE_TRANSFER_DRIVERS.has(req.driver)) return fail(`\`file_transfer\` is not supported by the ${req.driver} driver`);
  const has = (v: unknown): boolean => v !== null && v !== undefined;
  if (has(req.command) && has(req.config)) return fail('Only one of `config` or `command` can be set');
  if (!has(req.command) && !has(req.config) && !req.file_transfer && !req.driver_args && !req.staged_file_id) {
    return fail('One of `config`, `command`, `file_transfer`, `driver_args` or `staged_file_id` must be set');
  }
  const payload = has(req.config) ? req.config : req.command;
  if (isPlainObject(payload) && !req.rendering) return fail('`rendering` is required when the payload is a dictionary (template context)');
  return [];
}

/** The unknown-driver error of a request body, listing the names this server knows. */
export function unknownDriverError(driver: string, known: readonly string[]): FieldError {
  const names = [...known].sort();
  const list = names.length > 1 ? `${names.slice(0, -1).map((n) => `'${n}'`).join(', ')} or '${names[names.length - 1]}'` : `'${names[0] ?? ''}'`;
  return { type: 'literal_error', loc: ['body', 'driver'], msg: `Input should be ${list}`, input: driver, ctx: { expected: list } };
}

/** `command` (or `config`) as the list the job response carries; null for template objects (filled once rendered). */
export function payloadLines(payload: unknown): string[] | null {
  if (payload === null || payload === undefined) return null;
  if (typeof payload === 'string') return [payload];
  if (Array.isArray(payload)) return payload.map(String);
  return null;
}
