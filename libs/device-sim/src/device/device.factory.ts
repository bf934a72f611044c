import { DeviceFleet, FleetOptions } from './device.fleet';
import type { DeviceOptions } from './device.options';
import { SimulatedDevice } from './simulated-device';

/** Starts one simulated device on its own loopback address. */
export function startDevice(options: DeviceOptions = {}): Promise<SimulatedDevice> {
  return SimulatedDevice.start(options);
}

/** Starts `count` devices on consecutive loopback addresses. */
export function startFleet(options: FleetOptions): Promise<DeviceFleet> {
  return DeviceFleet.start(options);
}
