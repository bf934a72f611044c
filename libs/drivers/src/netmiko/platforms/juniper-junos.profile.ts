import { CliPlatform, COMMON_PAGERS } from './cli-platform';

/** Juniper Junos: `user@host>` operational, `user@host#` configuration (`[edit]`), `commit`. */
export const juniperJunos: CliPlatform = {
  deviceTypes: ['juniper_junos', 'juniper', 'juniper_screenos'],
  promptPattern: /^[\w.-]+@[\w.-]+[#>%]$/,
  basePrompt: (p) => p.replace(/[#>%]$/, ''),
  promptEnd: '#>%',
  sessionSetup: ['set cli screen-length 0', 'set cli screen-width 511'],
  configEnter: 'configure',
  configExit: 'exit configuration-mode',
  isConfigPrompt: (p) => p.endsWith('#'),
  commit: 'commit',
  // `syntax error.`, `syntax error, expecting <command>.`, `unknown command.`, `error: ...`, `'x' is ambiguous.`
  errorPattern: /error:|syntax error|unknown command|missing argument|invalid value|is ambiguous/i,
  pagerPattern: COMMON_PAGERS,
};
