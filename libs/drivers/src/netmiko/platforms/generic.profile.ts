import { CliPlatform } from './cli-platform';
import { ciscoIos } from './cisco-ios.profile';

/** Anything with an IOS-like prompt; no assumptions about paging commands. */
export const generic: CliPlatform = {
  ...ciscoIos,
  deviceTypes: ['generic', 'generic_ssh', 'generic_termserver'],
  promptPattern: /^[\w.\-@/:+[\]<]+(\([\w.\-@/:+ ]*\))?[#>$\]]$/,
  sessionSetup: ['terminal length 0'],
};
