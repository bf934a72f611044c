import { CliPlatform } from './cli-platform';
import { huawei } from './huawei.profile';

/** HPE Comware: VRP-like views; `screen-length disable`; `save force` saves without questions. */
export const hpComware: CliPlatform = {
  ...huawei,
  deviceTypes: ['hp_comware', 'hp_comware_ssh', 'hp_procurve'],
  sessionSetup: ['screen-length disable'],
  save: { command: 'save force', confirmations: [{ pattern: /\[Y\/N\]:?\s*$/i, answer: 'Y' }] },
  // `% Unrecognized command found at '^' position.`, `% Incomplete command found at '^' position.`
  errorPattern: /Error:|% ?(Unrecognized command|Wrong parameter|Incomplete command|Too many parameters|Ambiguous command)/i,
};
