import { aristaEos } from './arista-eos.profile';
import type { CliPlatform } from './cli-platform';
import { ciscoIos } from './cisco-ios.profile';
import { ciscoNxos } from './cisco-nxos.profile';
import { ciscoXr } from './cisco-xr.profile';
import { generic } from './generic.profile';
import { hpComware } from './hp-comware.profile';
import { huawei } from './huawei.profile';
import { juniperJunos } from './juniper-junos.profile';
import { linux } from './linux.profile';
import { nokiaSros } from './nokia-sros.profile';

/** Every CLI platform the netmiko-compatible driver speaks. Adding one is adding a line here. */
const PLATFORMS: readonly CliPlatform[] = [aristaEos, ciscoIos, ciscoNxos, ciscoXr, generic, hpComware, huawei, juniperJunos, linux, nokiaSros];

const byType = new Map<string, CliPlatform>();
for (const p of PLATFORMS) {
  for (const t of p.deviceTypes) {
    if (byType.has(t)) throw new Error(`device_type ${t} is served by two platform profiles`);
    byType.set(t, p);
  }
}

export function cliPlatform(deviceType: string): CliPlatform | undefined {
  return byType.get(deviceType);
}

export function supportedDeviceTypes(): string[] {
  return [...byType.keys()].sort();
}
