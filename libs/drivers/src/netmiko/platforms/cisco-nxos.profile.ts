import { CliPlatform } from './cli-platform';
import { ciscoIos } from './cisco-ios.profile';

/** Cisco NX-OS: IOS-like, saved with `copy running-config startup-config`. */
export const ciscoNxos: CliPlatform = {
  ...ciscoIos,
  deviceTypes: ['cisco_nxos', 'cisco_nxos_ssh'],
  save: { command: 'copy running-config startup-config', confirmations: [] },
  // `% Invalid command at '^' marker.`, `% Invalid parameter detected at '^' marker.`, `ERROR: ...`.
  errorPattern: /% ?(Invalid command|Invalid parameter|Invalid number|Invalid input|Incomplete command|Ambiguous command|Unrecognized command|Unknown command|Wrong parameter)|\^|Invalid input detected|Syntax error|Error:/i,
};
