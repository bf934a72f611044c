import type { DeviceOptions } from './device.options';
import { SimulatedDevice } from './simulated-device';
import { HostKeyFactory } from '../ssh/host-key.factory';
import { loopbackRange } from '../net/loopback.address';

/** Options for many identical devices on consecutive loopback addresses. */
export interface FleetOptions extends Omit<DeviceOptions, 'host' | 'hostname'> {
  /** How many devices. */
  count: number;
  /** Address of the first device; the rest follow (127.0.10.1, 127.0.10.2, ...). Default 127.0.10.1. */
  firstHost?: string;
  /** Hostnames are `<prefix><n>` with n from 1. Default `sim-`. */
  hostnamePrefix?: string;
  /** Called as devices come up, for progress output. */
  onProgress?: (started: number, total: number) => void;
  /** Devices started at once. Default 64. */
  startConcurrency?: number;
}

/** Many simulated devices in one process, sharing one host key set. */
export class DeviceFleet {
  private constructor(readonly devices: readonly SimulatedDevice[]) {}

  static async start(options: FleetOptions): Promise<DeviceFleet> {
    const { count, firstHost = '127.0.10.1', hostnamePrefix = 'sim-', onProgress, startConcurrency = 64, ...device } = options;
    if (!Number.isInteger(count) || count < 1) throw new Error(`count must be an integer >= 1, got ${String(count)}`);
    if (!Number.isInteger(startConcurrency) || startConcurrency < 1) throw new Error('startConcurrency must be an integer >= 1');
    const hosts = loopbackRange(firstHost, count);
    const keys = device.hostKeys ? HostKeyFactory.parse(device.hostKeys) : HostKeyFactory.defaults();
    const devices: SimulatedDevice[] = new Array<SimulatedDevice>(count);
    let next = 0;
    let started = 0;
    const worker = async (): Promise<void> => {
      while (next < count) {
        const i = next;
        next += 1;
        devices[i] = await SimulatedDevice.start({ ...device, host: hosts[i], hostKeys: undefined, hostname: `${hostnamePrefix}${i + 1}` }, keys);
        started += 1;
        onProgress?.(started, count);
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(startConcurrency, count) }, worker));
    } catch (err) {
      await Promise.all(devices.filter(Boolean).map((d) => d.stop()));
      throw err;
    }
    return new DeviceFleet(devices);
  }

  async stop(): Promise<void> {
    await Promise.all(this.devices.map((device) => device.stop()));
  }
}
