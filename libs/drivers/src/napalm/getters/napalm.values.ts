import { parseWithNtcIndex } from '@netpulse/templates';
import type { NtcRecord } from '@netpulse/templates';

/** Parses output with the bundled ntc-templates template for the netmiko platform and command. */
export function ntc(platform: string, command: string, text: string): NtcRecord[] {
  return parseWithNtcIndex({ platform, command }, text);
}

/** One field of an ntc record as text (a `List` value's first item). */
export function field(record: NtcRecord | undefined, name: string): string {
  const v = record?.[name];
  if (Array.isArray(v)) return String(v[0] ?? '');
  return v === undefined || v === null ? '' : String(v);
}

/** A `List` field of an ntc record. */
export function listField(record: NtcRecord | undefined, name: string): string[] {
  const v = record?.[name];
  if (Array.isArray(v)) return v.map(String).filter((s) => s !== '' && s !== 'None');
  return v === undefined || v === null || v === '' ? [] : [String(v)];
}

/** A MAC address as NAPALM writes it: six upper-case, colon-separated octets (`52:54:0A:01:03:01`). */
export function napalmMac(raw: string): string {
  const hex = raw.replace(/[^0-9a-fA-F]/g, '');
  if (hex.length !== 12) return raw;
  return hex.toUpperCase().match(/../g)?.join(':') ?? raw;
}

/** `1 year, 2 weeks, 3 days, 4 hours, 5 minutes` (and `seconds`) as seconds. */
export function durationSeconds(text: string): number {
  const unit: Record<string, number> = { year: 31536000, week: 604800, day: 86400, hour: 3600, minute: 60, second: 1 };
  let total = 0;
  for (const m of text.matchAll(/(\d+)\s+(year|week|day|hour|minute|second)s?/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

/** `1:02:03` (hours:minutes:seconds) or `0:04:00 ago` as seconds; -1.0 when not a duration. */
export function clockSeconds(text: string): number {
  const m = /(\d+):(\d\d):(\d\d)/.exec(text);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : -1;
}

const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Gi(?=\d)/i, 'GigabitEthernet'],
  [/^Te(?=\d)/i, 'TenGigabitEthernet'],
  [/^Fa(?=\d)/i, 'FastEthernet'],
  [/^Et(?=\d)/i, 'Ethernet'],
  [/^Eth(?=\d)/i, 'Ethernet'],
  [/^Ma(?=\d)/i, 'Management'],
  [/^Mgmt(?=\d)/i, 'mgmt'],
  [/^Lo(?=\d)/i, 'Loopback'],
  [/^Po(?=\d)/i, 'Port-channel'],
  [/^Vl(?=\d)/i, 'Vlan'],
  [/^Tu(?=\d)/i, 'Tunnel'],
];

/** A short interface name (`Gi1/0/1`, `Et1`) in its long form, as NAPALM keys interfaces. */
export function canonicalInterface(name: string, portChannel = 'Port-channel'): string {
  for (const [re, long] of ABBREVIATIONS) {
    if (re.test(name)) return name.replace(re, long === 'Port-channel' ? portChannel : long);
  }
  return name;
}

/** `1000000 Kbit` / `1000000 kbit` / `10000 Mbit` as Mbit/s (NAPALM's unit for `speed`). */
export function bandwidthMbit(text: string): number {
  const m = /^(\d+)\s*(\w+)/.exec(text.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const u = m[2].toLowerCase();
  if (u.startsWith('k')) return n / 1000;
  if (u.startsWith('m')) return n;
  if (u.startsWith('g')) return n * 1000;
  return n / 1_000_000;
}

/** Top-level and indented lines of a running config that start with `prefix`. */
export function configLines(config: string, prefix: RegExp): RegExpExecArray[] {
  return config
    .split('\n')
    .map((l) => prefix.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null);
}

/** NAPALM's `sanitized`: secrets in a config replaced by a marker. */
export function sanitizeConfig(config: string): string {
  return config.replace(/^(\s*(?:enable |username \S+ .*?)?(?:secret|password)(?: \d+| sha512)?) \S+/gm, '$1 <removed>').replace(/^(\s*snmp-server community) \S+/gm, '$1 <removed>');
}

/** NAPALM's `get_config` answer for platforms with running and startup configs (no candidate). */
export async function configGetter(cli: (cmd: string) => Promise<string>, args: Record<string, unknown>, strip: (text: string) => string): Promise<{ running: string; startup: string; candidate: string }> {
  const retrieve = typeof args.retrieve === 'string' ? args.retrieve : 'all';
  if (!['all', 'running', 'startup', 'candidate'].includes(retrieve)) throw new Error(`retrieve must be one of all, running, startup, candidate (got '${retrieve}')`);
  const clean = (text: string): string => (args.sanitized === true ? sanitizeConfig(strip(text)) : strip(text));
  const out = { running: '', startup: '', candidate: '' };
  if (retrieve === 'all' || retrieve === 'running') out.running = clean(await cli('show running-config'));
  if (retrieve === 'all' || retrieve === 'startup') out.startup = clean(await cli('show startup-config'));
  return out;
}
