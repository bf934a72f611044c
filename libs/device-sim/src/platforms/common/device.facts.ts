import type { ConfigTree } from '../../config/config.tree';

/** Numbers derived from a device's address, so each simulated device has stable, distinct facts. */
export function addressNumber(host: string): number {
  return host.split('.').reduce((acc, part) => (acc * 256 + (Number(part) || 0)) >>> 0, 0);
}

/** A serial number like `FOC2231X0A7`, stable per address. */
export function serialOf(host: string, prefix: string): string {
  const n = addressNumber(host);
  return `${prefix}${(2200 + (n % 100)).toString()}X${(n % 4096).toString(16).toUpperCase().padStart(3, '0')}`;
}

/** A locally administered MAC stable per address and port: `52:54:00:0a:01:03`. */
export function macOf(host: string, index = 0, separator: 'colon' | 'cisco' | 'huawei' = 'colon'): string {
  const n = addressNumber(host);
  const bytes = [0x52, 0x54, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff, index & 0xff].map((b) => b.toString(16).padStart(2, '0'));
  switch (separator) {
    case 'colon':
      return bytes.join(':');
    case 'cisco':
      return `${bytes[0]}${bytes[1]}.${bytes[2]}${bytes[3]}.${bytes[4]}${bytes[5]}`;
    case 'huawei':
      return `${bytes[0]}${bytes[1]}-${bytes[2]}${bytes[3]}-${bytes[4]}${bytes[5]}`;
  }
}

export interface Uptime {
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly weeks: number;
}

export function uptimeOf(bootedAt: Date, now = new Date()): Uptime {
  let s = Math.max(0, Math.floor((now.getTime() - bootedAt.getTime()) / 1000));
  const weeks = Math.floor(s / 604800);
  s -= weeks * 604800;
  const days = Math.floor(s / 86400);
  s -= days * 86400;
  const hours = Math.floor(s / 3600);
  s -= hours * 3600;
  const minutes = Math.floor(s / 60);
  return { days, hours, minutes, seconds: s - minutes * 60, weeks };
}

/** `1 week, 2 days, 3 hours, 4 minutes` (Cisco, Huawei). */
export function uptimeText(up: Uptime): string {
  const parts: Array<[number, string]> = [
    [up.weeks, 'week'],
    [up.days, 'day'],
    [up.hours, 'hour'],
    [up.minutes, 'minute'],
  ];
  return parts
    .filter(([n], i) => n > 0 || i === 3)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(', ');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Parts of a UTC date, named the way device clocks print them. */
export function clockParts(d = new Date()): { day: string; dd: number; hms: string; ms: string; mon: string; month: number; year: number } {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return {
    day: DAYS[d.getUTCDay()],
    dd: d.getUTCDate(),
    hms: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    ms: String(d.getUTCMilliseconds()).padStart(3, '0'),
    mon: MONTHS[d.getUTCMonth()],
    month: d.getUTCMonth() + 1,
    year: d.getUTCFullYear(),
  };
}

/** One interface as read back from a Cisco- or Huawei-style running config. */
export interface InterfaceFacts {
  readonly accessVlan: string | undefined;
  readonly address: string | undefined;
  readonly description: string;
  readonly mask: string | undefined;
  readonly name: string;
  readonly shutdown: boolean;
}

/** Interfaces of a stanza-style config, so show commands reflect configuration changes. */
export function interfacesOf(tree: ConfigTree, negation = 'no'): InterfaceFacts[] {
  return tree.root.children
    .filter((node) => /^interface\s+\S+/i.test(node.text))
    .map((node) => {
      const lines = node.children.map((child) => child.text);
      const find = (re: RegExp): RegExpExecArray | undefined =>
        lines.map((line) => re.exec(line)).find((m): m is RegExpExecArray => m !== null);
      const ip = find(/^ip(?:v4)? address\s+(\S+?)(?:\/(\d+))?(?:\s+(\S+))?$/);
      return {
        accessVlan: find(/^(?:switchport access vlan|port default vlan)\s+(\d+)/)?.[1],
        address: ip?.[1],
        description: find(/^description\s+(.*)$/)?.[1] ?? '',
        mask: ip?.[3] ?? ip?.[2],
        name: node.text.replace(/^interface\s+/i, ''),
        shutdown: lines.includes('shutdown') && !lines.includes(`${negation} shutdown`),
      };
    });
}

/** Right-pads to `width` (at least one space after), for fixed-column tables. */
export function col(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text.padEnd(width);
}
