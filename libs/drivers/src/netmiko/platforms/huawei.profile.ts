import { CliPlatform, COMMON_PAGERS, escapeRegExp } from './cli-platform';

/** Huawei VRP: `<host>` user view, `[host]` system view and `[host-...]` sub-views, `save` with `[Y/N]`. */
export const huawei: CliPlatform = {
  deviceTypes: ['huawei', 'huawei_vrp', 'huawei_vrpv8', 'huawei_ssh'],
  promptPattern: /^(<[^<>\s]+>|\[~?\*?[^[\]\s]+\])$/,
  basePrompt: (p) => p.replace(/^[<[]~?\*?/, '').replace(/[>\]]$/, '').split('-')[0],
  promptEnd: '>]',
  sessionSetup: ['screen-length 0 temporary'],
  configEnter: 'system-view',
  configExit: 'return',
  isConfigPrompt: (p) => p.startsWith('['),
  save: { command: 'save', confirmations: [{ pattern: /\[Y\/N\]:?\s*$/i, answer: 'Y' }] },
  // `Error: Unrecognized command found at '^' position.`, `Error: Wrong parameter found at '^' position.`
  errorPattern: /Error:|% ?(Unrecognized command|Wrong parameter|Incomplete command|Too many parameters|Ambiguous command)/i,
  pagerPattern: COMMON_PAGERS,
};

/** A prompt of this device in any view: `<base>`, `[base]`, `[base-GigabitEthernet0/0/1]`. */
export function vrpPromptFor(base: string): RegExp {
  return new RegExp(`^[<[]~?\\*?${escapeRegExp(base)}[^\\s]*[>\\]]$`);
}
