import { Transform } from 'class-transformer';

/** Pydantic's lax mode: "300" and 300.0 are the integer 300; anything else is left for the validator to reject. */
export function LaxInt(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return Number(value);
    return value;
  });
}

/** Pydantic's lax mode for numbers: numeric strings are numbers. */
export function LaxNumber(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    return value;
  });
}

/** Pydantic's lax mode for booleans: "true"/"false", "1"/"0", "yes"/"no", "on"/"off", 1/0. */
export function LaxBool(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'string') {
      const v = value.trim().toLowerCase();
      if (['true', '1', 'yes', 'on', 'y', 't'].includes(v)) return true;
      if (['false', '0', 'no', 'off', 'n', 'f'].includes(v)) return false;
    }
    if (value === 1) return true;
    if (value === 0) return false;
    return value;
  });
}
