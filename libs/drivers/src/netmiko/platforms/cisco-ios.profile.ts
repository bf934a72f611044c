import { CliPlatform, COMMON_PAGERS } from './cli-platform';

/**
 * The original's list plus what other IOS-style CLIs print: `% Unknown command` and
 * `% Command incomplete` (FRRouting's vtysh), `% Invalid command`, `% Configuration failed`.
 */
export const IOS_CONFIG_ERROR =
  /% ?(Unrecognized command|Unknown command|Wrong parameter|Incomplete command|Command incomplete|Invalid input|Invalid command|Ambiguous command|Configuration failed)|\^|Invalid input detected|Error:/i;

/**
 * Cisco IOS / IOS-XE and the many CLIs shaped like it: `host>` / `host#`, `(config)` modes,
 * `terminal length 0`, `write memory`.
 */
export const ciscoIos: CliPlatform = {
  deviceTypes: ['cisco_ios', 'cisco_ios_ssh', 'cisco_xe', 'cisco_ios_xe', 'cisco_asa', 'cisco_wlc', 'ruckus_fastiron', 'dell_force10', 'dell_os10'],
  promptPattern: /^[\w.\-@/:+]+(\([\w.\-@/:+ ]*\))?[#>]$/,
  basePrompt: (p) => p.replace(/(\([^)]*\))?[#>]$/, ''),
  promptEnd: '#>',
  sessionSetup: ['terminal length 0', 'terminal width 511'],
  enable: { command: 'enable', passwordPrompt: /[Pp]assword:\s*$/, isEnabled: (p) => p.endsWith('#') },
  configEnter: 'configure terminal',
  configExit: 'end',
  isConfigPrompt: (p) => /\(conf[^)]*\)#$/.test(p),
  save: { command: 'write memory', confirmations: [{ pattern: /\[confirm\]\s*$/i, answer: '' }] },
  errorPattern: IOS_CONFIG_ERROR,
  pagerPattern: COMMON_PAGERS,
};
