import type { DeviceDriver } from '../core/device-driver';
import { NapalmDriver } from '../napalm/napalm.driver';
import { NetmikoDriver } from '../netmiko/netmiko.driver';
import { ParamikoDriver } from '../paramiko/paramiko.driver';
import { PyeapiDriver } from '../pyeapi/pyeapi.driver';

/** Drivers shipped with NetPulse. Adding one is adding a line here. */
export const BUILTIN_DRIVERS: readonly (new () => DeviceDriver)[] = [NapalmDriver, NetmikoDriver, ParamikoDriver, PyeapiDriver];
