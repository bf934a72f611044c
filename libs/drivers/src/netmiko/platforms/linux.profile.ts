import { CliPlatform, COMMON_PAGERS } from './cli-platform';

/** A Unix shell over SSH (`device_type: linux`): `user@host:~$` prompts, no config mode. */
export const linux: CliPlatform = {
  deviceTypes: ['linux', 'linux_ssh', 'ovs_linux'],
  promptPattern: /^(\[?[\w.-]+@[\w.-]+[^\s]*\]?)?[\w~/.\-:]*\s?[$#]$/,
  basePrompt: (p) => p.replace(/[$#]$/, '').replace(/:[^:]*$/, ''),
  promptEnd: '$#',
  sessionSetup: ['export PS2=""', 'unset HISTFILE'],
  configEnter: '',
  configExit: '',
  isConfigPrompt: () => true,
  errorPattern: /command not found|No such file or directory|Permission denied/i,
  pagerPattern: COMMON_PAGERS,
};
