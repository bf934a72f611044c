import type { DriverValidationError } from '@netpulse/drivers';

/** `Validation Error: file_transfer.chmod: Value error, ...`: fields named, inputs (maybe secret) left out. */
export function validationText(err: DriverValidationError): string {
  return `Validation Error: ${err.errors.map((e) => `${e.loc.slice(1).join('.')}: ${e.msg}`).join('; ')}`;
}
