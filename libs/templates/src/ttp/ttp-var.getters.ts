import type { PyValue } from './ttp-python.values';

const PROMPTS: readonly RegExp[] = [
  /^\s*([\w.\-@/:]+)(?:\([\w.\-@/:]*\))?[#>]\s*\S/m, // Cisco/Arista: host#show, host(config)#
  /^\s*[\w.-]+@([\w.\-/:]+)[>#]\s*\S/m, // Juniper: user@host>
  /^\s*<([\w.\-@/:]+)>\s*\S/m, // Huawei: <host>
  /^\s*\[[\w.-]+@([\w.\-/:]+)\s?[\w~/]*\][$#]\s*\S/m,
];

/** Template variables whose value names a getter run against each input (`hostname="gethostname"`). */
export const VAR_GETTERS: Readonly<Record<string, (text: string, dataName: string) => PyValue>> = {
  getfilename: (_text, name) => name,
  gethostname: (text) => {
    for (const re of PROMPTS) {
      const m = re.exec(text.slice(0, 5000));
      if (m) return m[1];
    }
    return '';
  },
};
