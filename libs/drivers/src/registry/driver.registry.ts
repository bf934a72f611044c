import { NamedRegistry } from '@netpulse/contracts';
import type { DeviceDriver } from '../core/device-driver';
import { BUILTIN_DRIVERS } from './builtin-drivers';

/** The drivers this process knows, by name: built-ins and plugins alike register here. */
export class DriverRegistry extends NamedRegistry<DeviceDriver> {
  constructor() {
    super('driver');
  }

  static withBuiltins(): DriverRegistry {
    const r = new DriverRegistry();
    for (const D of BUILTIN_DRIVERS) r.register(new D());
    return r;
  }
}
