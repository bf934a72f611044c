import { JUNOS_CONFIG } from '../config/junos.config-flow';
import type { NapalmCli, NapalmPlatform } from './napalm-getter.types';
import { junosBgpNeighbors, junosEnvironment, junosSnmp, parseJunosInterfaceCounters, parseJunosLldpDetail, parseJunosSwitchingTable, parseJunosVlans } from './junos.operational';
import type { NapalmLldpNeighborDetail } from './lldp-detail';
import { field, napalmMac, ntc } from './napalm.values';

/** One physical interface block of Junos `show interfaces`, with its logical units. */
export interface JunosPhysical {
  name: string;
  enabled: boolean;
  up: boolean;
  description: string;
  mtu: number;
  speed: number;
  mac: string;
  lastFlapped: number;
  units: Array<{ name: string; addresses: Array<{ local: string; prefix: number }> }>;
}

/** `(1w2d 03:04 ago)`, `(2d 03:04:05 ago)`, `(03:04 ago)` as seconds; -1 when absent (`Never`). */
export function junosAgo(text: string): number {
  const m = /\((?:(\d+)w)?(?:(\d+)d)?\s*(\d+):(\d\d)(?::(\d\d))? ago\)/.exec(text);
  if (!m) return -1;
  return Number(m[1] ?? 0) * 604800 + Number(m[2] ?? 0) * 86400 + Number(m[3]) * 3600 + Number(m[4]) * 60 + Number(m[5] ?? 0);
}

/** Junos `show interfaces`: physical blocks (`Physical interface: X, Enabled, Physical link is Up`) and their logical units. */
export function parseJunosInterfaces(text: string): JunosPhysical[] {
  const out: JunosPhysical[] = [];
  let unit: JunosPhysical['units'][number] | undefined;
  for (const line of text.split('\n')) {
    let m = /^Physical interface: ([^,\s]+), (Enabled|Administratively down|Disabled)[^,]*, Physical link is (\w+)/.exec(line);
    if (m) {
      out.push({ name: m[1], enabled: m[2] === 'Enabled', up: m[3] === 'Up', description: '', mtu: 0, speed: -1, mac: '', lastFlapped: -1, units: [] });
      unit = undefined;
      continue;
    }
    const cur = out.at(-1);
    if (!cur) continue;
    if ((m = /^\s+Logical interface (\S+)/.exec(line))) {
      unit = { name: m[1], addresses: [] };
      cur.units.push(unit);
    } else if (!unit && (m = /^\s+Description: (.*)$/.exec(line))) cur.description = m[1].trim();
    else if (!unit && /Link-level type:/.test(line)) {
      const mtu = /MTU: (\d+|Unlimited)/.exec(line)?.[1];
      cur.mtu = mtu && mtu !== 'Unlimited' ? Number(mtu) : 0;
      const speed = /Speed: (\d+)([mg])bps/i.exec(line);
      cur.speed = speed ? Number(speed[1]) * (speed[2].toLowerCase() === 'g' ? 1000 : 1) : -1;
    } else if (!unit && (m = /^\s+Current address: ([0-9a-fA-F:]{17})/.exec(line))) cur.mac = napalmMac(m[1]);
    else if (!unit && /^\s+Last flapped\s*:/.test(line)) cur.lastFlapped = junosAgo(line);
    else if (unit && (m = /Destination: \S+?\/(\d+), Local: (\d+\.\d+\.\d+\.\d+)/.exec(line))) unit.addresses.push({ local: m[2], prefix: Number(m[1]) });
  }
  return out;
}

/** `set system login user NAME class C` / `authentication encrypted-password "..."` / `ssh-rsa "..."` as NAPALM users. */
export function junosUsers(setLines: string): Record<string, { level: number; password: string; sshkeys: string[] }> {
  const levels: Record<string, number> = { 'super-user': 15, operator: 5, 'read-only': 1, unauthorized: 0 };
  const out: Record<string, { level: number; password: string; sshkeys: string[] }> = {};
  for (const line of setLines.split('\n')) {
    const m = /^set system login user (\S+)(?: (.*))?$/.exec(line.trim());
    if (!m) continue;
    const user = (out[m[1]] ??= { level: 0, password: '', sshkeys: [] });
    const rest = m[2] ?? '';
    let v = /^class (\S+)/.exec(rest);
    if (v) user.level = levels[v[1]] ?? 0;
    if ((v = /^authentication encrypted-password "?([^"\s]+)"?/.exec(rest))) user.password = v[1];
    if ((v = /^authentication (ssh-(?:rsa|ed25519|ecdsa|dsa)) "?([^"]+)"?/.exec(rest))) user.sshkeys.push(v[2]);
  }
  return out;
}

const running = (cli: NapalmCli): Promise<string> => cli('show configuration');

/**
 * NAPALM's `junos` driver over the Junos SSH CLI. NAPALM itself talks NETCONF (junos-eznc RPCs);
 * here the same structures come from the operational CLI's text output (`show version`, `show
 * system uptime`, `show chassis hardware`, `show interfaces`, `show arp no-resolve`, `show lldp
 * neighbors`, `show configuration [... | display set]`).
 */
export const JUNOS_PLATFORM: NapalmPlatform = {
  name: 'junos',
  cliDeviceType: 'juniper_junos',
  refusal: /^(error: |syntax error|unknown command\.)/m,
  config: JUNOS_CONFIG,
  getters: {
    get_facts: async (cli) => {
      const version = await cli('show version');
      const system = await cli('show configuration system | display set');
      const hostname = /^Hostname: (\S+)/m.exec(version)?.[1] ?? /^set system host-name (\S+)/m.exec(system)?.[1] ?? '';
      const domain = /^set system domain-name (\S+)/m.exec(system)?.[1];
      const chassis = await cli('show chassis hardware');
      return {
        uptime: Math.max(0, junosAgo(/^System booted:.*$/m.exec(await cli('show system uptime'))?.[0] ?? '')),
        vendor: 'Juniper',
        os_version: /^Junos: (\S+)/m.exec(version)?.[1] ?? /\[(\S+)\]/.exec(version)?.[1] ?? '',
        serial_number: /^Chassis\s+(\S+)/m.exec(chassis)?.[1] ?? '',
        model: (/^Model: (\S+)/m.exec(version)?.[1] ?? '').toUpperCase(),
        hostname,
        fqdn: domain ? `${hostname}.${domain}` : hostname,
        interface_list: parseJunosInterfaces(await cli('show interfaces')).map((i) => i.name),
      };
    },

    get_interfaces: async (cli) =>
      Object.fromEntries(
        parseJunosInterfaces(await cli('show interfaces')).map((i) => [
          i.name,
          { is_up: i.up, is_enabled: i.enabled, description: i.description, last_flapped: i.lastFlapped, speed: i.speed, mtu: i.mtu, mac_address: i.mac },
        ]),
      ),

    get_interfaces_ip: async (cli) => {
      const out: Record<string, { ipv4: Record<string, { prefix_length: number }> }> = {};
      for (const i of parseJunosInterfaces(await cli('show interfaces'))) {
        for (const u of i.units) {
          if (u.addresses.length > 0) out[u.name] = { ipv4: Object.fromEntries(u.addresses.map((a) => [a.local, { prefix_length: a.prefix }])) };
        }
      }
      return out;
    },

    // `show arp` prints no age on Junos: -1.0, as NAPALM's junos driver reports it.
    get_arp_table: async (cli) =>
      ntc('juniper_junos', 'show arp no-resolve', await cli('show arp no-resolve')).map((r) => ({ interface: field(r, 'INTERFACE'), mac: napalmMac(field(r, 'MAC_ADDRESS')), ip: field(r, 'IP_ADDRESS'), age: -1.0 })),

    get_lldp_neighbors: async (cli) => {
      const text = await cli('show lldp neighbors');
      const out: Record<string, Array<{ hostname: string; port: string }>> = {};
      if (/LLDP : Disabled/.test(text)) return out;
      for (const r of ntc('juniper_junos', 'show lldp neighbors', text)) (out[field(r, 'LOCAL_INTERFACE')] ??= []).push({ hostname: field(r, 'NEIGHBOR_NAME'), port: field(r, 'NEIGHBOR_INTERFACE') });
      return out;
    },

    get_interfaces_counters: async (cli) => parseJunosInterfaceCounters(await cli('show interfaces extensive')),

    // One `show lldp neighbors interface X` per port with a neighbour, as NAPALM asks per interface.
    get_lldp_neighbors_detail: async (cli) => {
      const out: Record<string, NapalmLldpNeighborDetail[]> = {};
      const text = await cli('show lldp neighbors');
      if (/LLDP : Disabled/.test(text)) return out;
      const ports = [...new Set(ntc('juniper_junos', 'show lldp neighbors', text).map((r) => field(r, 'LOCAL_INTERFACE')))];
      for (const port of ports) for (const n of parseJunosLldpDetail(await cli(`show lldp neighbors interface ${port}`))) (out[n.local] ??= []).push(n.entry);
      return out;
    },

    // VLAN names as the table prints them are mapped to their tags with `show vlans` (0 when unknown).
    get_mac_address_table: async (cli) => {
      const tags = new Map(parseJunosVlans(await cli('show vlans')).map((v) => [v.name, v.id]));
      return parseJunosSwitchingTable(await cli('show ethernet-switching table')).map((r) => ({
        mac: r.mac,
        interface: r.interface,
        vlan: tags.get(r.vlan) ?? (Number(r.vlan) || 0),
        static: /S/.test(r.flags.replace(/SE/g, '')),
        active: true,
        moves: -1,
        last_move: -1.0,
      }));
    },

    get_vlans: async (cli) => Object.fromEntries(parseJunosVlans(await cli('show vlans')).map((v) => [String(v.id), { name: v.name, interfaces: v.interfaces }])),

    get_snmp_information: async (cli) => junosSnmp(await cli('show configuration snmp | display set')),

    get_bgp_neighbors: async (cli) => {
      const summary = await cli('show bgp summary');
      return /BGP is not running/.test(summary) ? {} : junosBgpNeighbors(summary, await cli('show bgp neighbor'));
    },

    get_environment: async (cli) => junosEnvironment(await cli('show chassis environment'), await cli('show chassis routing-engine')),

    get_users: async (cli) => junosUsers(await cli('show configuration system login | display set')),

    get_ntp_servers: async (cli) => {
      const out: Record<string, Record<string, never>> = {};
      for (const m of (await cli('show configuration system ntp | display set')).matchAll(/^set system ntp server (\S+)/gm)) out[m[1]] = {};
      return out;
    },

    // Junos has no startup configuration apart from the committed one, and no candidate outlives a job.
    get_config: async (cli, args) => {
      const retrieve = typeof args.retrieve === 'string' ? args.retrieve : 'all';
      if (!['all', 'running', 'startup', 'candidate'].includes(retrieve)) throw new Error(`retrieve must be one of all, running, startup, candidate (got '${retrieve}')`);
      let text = retrieve === 'all' || retrieve === 'running' ? await running(cli) : '';
      if (args.sanitized === true) text = text.replace(/((?:encrypted-password|secret|authentication-key|community) )"?[^;"\s]+"?/g, '$1<removed>');
      return { running: text, startup: '', candidate: '' };
    },
  },
};
