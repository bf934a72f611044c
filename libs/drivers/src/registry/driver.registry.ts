import type { DeviceDriver } from '../core/device-driver';
import { BUILTIN_DRIVERS } from './builtin-drivers';

/** The drivers this process knows, by name: built-ins and plugins alike register here. */
export class DriverRegistry {
  private readonly drivers = new Map<string, DeviceDriver>();

  static withBuiltins(): DriverRegistry {
    const r = new DriverRegistry();
    for (const D of BUILTIN_DRIVERS) r.register(new D());
    return r;
  }

  register(driver: DeviceDriver): void {
    if (this.drivers.has(driver.name)) throw new Error(`driver ${driver.name} is registered twice`);
    this.drivers.set(driver.name, driver);
  }

  get(name: string): DeviceDriver | undefined {
    return this.drivers.get(name);
  }

  names(): string[] {
    return [...this.drivers.keys()].sort();
  }
}
