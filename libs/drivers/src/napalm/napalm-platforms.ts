import type { NapalmPlatform } from './getters/napalm-getter.types';
import { EOS_PLATFORM } from './getters/eos.getters';
import { IOS_PLATFORM } from './getters/ios.getters';
import { JUNOS_PLATFORM } from './getters/junos.getters';
import { NXOS_SSH_PLATFORM } from './getters/nxos-ssh.getters';

/** netmiko `device_type` names a NAPALM client may send, mapped to NAPALM driver names; others pass through. */
const DEVICE_TYPE_ALIASES: Readonly<Record<string, string>> = {
  arista_eos: 'eos',
  cisco_ios: 'ios',
  cisco_xr: 'iosxr',
  juniper: 'junos',
  juniper_junos: 'junos',
  cisco_nxos: 'nxos_ssh',
  cisco_nxos_ssh: 'nxos_ssh',
};

/** Every NAPALM platform this server serves. Adding one is adding a line here. */
const PLATFORMS: readonly NapalmPlatform[] = [IOS_PLATFORM, EOS_PLATFORM, JUNOS_PLATFORM, NXOS_SSH_PLATFORM];

export function napalmName(deviceType: string): string {
  return DEVICE_TYPE_ALIASES[deviceType] ?? deviceType;
}

export function napalmPlatform(deviceType: string): NapalmPlatform | undefined {
  const name = napalmName(deviceType);
  return PLATFORMS.find((p) => p.name === name);
}

export function supportedNapalmPlatforms(): string[] {
  return PLATFORMS.map((p) => p.name).sort();
}
