import { CliPlatform } from './cli-platform';
import { ciscoIos } from './cisco-ios.profile';

/** Arista EOS over SSH: IOS-like prompts and modes. */
export const aristaEos: CliPlatform = {
  ...ciscoIos,
  deviceTypes: ['arista_eos', 'arista_eos_ssh'],
  save: { command: 'write memory', confirmations: [] },
  // EOS is terse: `% Invalid input`, `% Incomplete command`, `% Ambiguous command`, `% Unavailable command (...)`.
  errorPattern: /% ?(Invalid input|Incomplete command|Ambiguous command|Unavailable command|Unrecognized command|Unknown command|Wrong parameter|Error)|\^|Invalid input detected|Error:/i,
};
