import { validateDto } from '@netpulse/contracts';
import { DriverValidationError } from './device-driver';

/** Validates a driver's args object against its DTO; throws DriverValidationError naming each field. */
export function validateArgs<T extends object>(cls: new () => T, input: unknown, field: 'connection_args' | 'driver_args'): T {
  const r = validateDto(cls, input, ['body', field]);
  if (r.value === null) throw new DriverValidationError(r.errors);
  return r.value;
}
