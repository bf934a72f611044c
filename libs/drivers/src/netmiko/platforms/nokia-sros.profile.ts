import { CliPlatform } from './cli-platform';

/**
 * Nokia SR OS, classic CLI: `A:host#`, `*A:host#` once the config has unsaved changes,
 * `A:host>config>router>if#` in config contexts (MD-CLI prompts `A:admin@host#` are recognised too),
 * `environment no more`, `configure` / `exit all`, `admin save`.
 */
export const nokiaSros: CliPlatform = {
  deviceTypes: ['nokia_sros', 'nokia_sros_ssh', 'alcatel_sros'],
  promptPattern: /^\*?[A-D]:[\w.\-@]+(>[\w.-]+)*[#$]$/,
  basePrompt: (p) => p.replace(/^\*/, '').replace(/(>[\w.-]+)*[#$]$/, ''),
  promptEnd: '#$',
  sessionSetup: ['environment no more'],
  configEnter: 'configure',
  configExit: 'exit all',
  isConfigPrompt: (p) => />config(>|[#$]$)/.test(p),
  save: { command: 'admin save', confirmations: [] },
  // `Error: Bad command.`, `Error: Missing parameter.`, and event-severity answers: `MINOR: CLI ...`, `MAJOR: ...`, `CRITICAL: ...`.
  errorPattern: /^\s*(MINOR|MAJOR|CRITICAL):|Error:/m,
  pagerPattern: /(Press any key to continue \(Q to quit\)|--More--)\s*$/i,
};
