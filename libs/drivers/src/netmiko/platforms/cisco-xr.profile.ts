import { CliPlatform } from './cli-platform';
import { ciscoIos } from './cisco-ios.profile';

/** Cisco IOS XR: `RP/0/RSP0/CPU0:host#`, changes take effect on `commit` (which also persists them). */
export const ciscoXr: CliPlatform = {
  ...ciscoIos,
  deviceTypes: ['cisco_xr', 'cisco_xr_ssh'],
  promptPattern: /^[\w/]+:[\w.\-@]+(\([\w.\-@/: ]*\))?[#>]$/,
  enable: undefined,
  commit: 'commit',
  save: undefined,
  // `% Invalid input detected at '^' marker.`, and a refused commit: `% Failed to commit one or more configuration items`.
  errorPattern: /% ?(Invalid input|Incomplete command|Ambiguous command|Failed to commit|Unrecognized command|Unknown command|Wrong parameter)|\^|Invalid input detected|Error:|^!!% /im,
};
