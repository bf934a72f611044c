import { CliPlatform } from './cli-platform';
import { ciscoIos } from './cisco-ios.profile';

/** Cisco NX-OS: IOS-like, saved with `copy running-config startup-config`. */
export const ciscoNxos: CliPlatform = {
  ...ciscoIos,
  deviceTypes: ['cisco_nxos', 'cisco_nxos_ssh'],
  save: { command: 'copy running-config startup-config', confirmations: [] },
};
