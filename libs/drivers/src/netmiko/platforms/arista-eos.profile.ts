import { CliPlatform } from './cli-platform';
import { ciscoIos } from './cisco-ios.profile';

/** Arista EOS over SSH: IOS-like prompts and modes. */
export const aristaEos: CliPlatform = {
  ...ciscoIos,
  deviceTypes: ['arista_eos', 'arista_eos_ssh'],
  save: { command: 'write memory', confirmations: [] },
};
