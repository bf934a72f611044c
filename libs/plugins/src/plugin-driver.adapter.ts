import type { DeviceDriver, DriverRequest, DriverSession } from '@netpulse/drivers';
import { DriverValidationError } from '@netpulse/drivers';
import type { FieldError } from '@netpulse/contracts';

/**
 * A third-party driver as the registry holds it. Plugins are loaded from their own install location
 * and cannot count on sharing our `DriverValidationError` class, so `validate` may throw any error
 * that carries an `errors` list (FastAPI-style field errors); it is turned into ours here, which the
 * controller answers with 400. Everything else is passed through unchanged.
 */
export class PluginDriverAdapter implements DeviceDriver {
  constructor(private readonly inner: DeviceDriver) {}

  get name(): string {
    return this.inner.name;
  }

  get defaultStrategy(): DeviceDriver['defaultStrategy'] {
    return this.inner.defaultStrategy;
  }

  validate(req: DriverRequest): void {
    try {
      this.inner.validate(req);
    } catch (err) {
      if (err instanceof DriverValidationError) throw err;
      const errors = typeof err === 'object' && err !== null ? (err as { errors?: unknown }).errors : undefined;
      if (Array.isArray(errors)) throw new DriverValidationError(errors.map(fieldError));
      throw err;
    }
  }

  identity(args: Record<string, unknown>): string {
    return this.inner.identity(args);
  }

  connect(...args: Parameters<DeviceDriver['connect']>): Promise<DriverSession> {
    return this.inner.connect(...args);
  }

  test(...args: Parameters<DeviceDriver['test']>): Promise<Record<string, unknown>> {
    return this.inner.test(...args);
  }
}

/** A plugin's field error, with the parts the 400 body needs filled in when missing. */
function fieldError(e: unknown): FieldError {
  const o = typeof e === 'object' && e !== null ? (e as Record<string, unknown>) : {};
  return {
    input: o.input ?? null,
    loc: Array.isArray(o.loc) ? o.loc.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number') : ['body'],
    msg: typeof o.msg === 'string' ? o.msg : String(e),
    type: typeof o.type === 'string' ? o.type : 'value_error',
  };
}
