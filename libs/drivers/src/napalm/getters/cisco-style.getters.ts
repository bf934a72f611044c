import type { NapalmCli, NapalmGetter } from './napalm-getter.types';
import { bandwidthMbit, canonicalInterface, configGetter, configLines, durationSeconds, field, listField, napalmMac, ntc } from './napalm.values';

/** What differs between the Cisco-style CLIs (IOS, EOS, NX-OS) for the getters they share. */
export interface CiscoStyle {
  /** ntc-templates platform name. */
  readonly ntcPlatform: string;
  /** How the platform spells port-channels (`Port-channel`, `Port-Channel`). */
  readonly portChannel: string;
  /** Whether `show interfaces` tells when a link last changed (`Up 3 days, ...`). */
  readonly flapTime: boolean;
  /** `acl` of an SNMP community without one (`N/A` on IOS). */
  readonly noAcl: string;
  /** The VLAN table command (parsed with the platform's `show vlan` template). */
  readonly vlanCommand: string;
  /** Lines a `show running-config` starts with that are not configuration. */
  stripConfig(text: string): string;
}

export interface NapalmInterface {
  is_up: boolean;
  is_enabled: boolean;
  description: string;
  last_flapped: number;
  speed: number;
  mtu: number;
  mac_address: string;
}

/** `get_interfaces` from `show interfaces`. */
export async function interfacesOf(cli: NapalmCli, s: CiscoStyle): Promise<Record<string, NapalmInterface>> {
  const out: Record<string, NapalmInterface> = {};
  for (const r of ntc(s.ntcPlatform, 'show interfaces', await cli('show interfaces'))) {
    const name = field(r, 'INTERFACE');
    const flapped = field(r, 'LAST_LINK_FLAPPED');
    out[name] = {
      is_up: /^up/.test(field(r, 'PROTOCOL_STATUS')),
      is_enabled: !/admin/.test(field(r, 'LINK_STATUS')),
      description: field(r, 'DESCRIPTION'),
      last_flapped: s.flapTime && flapped !== '' ? durationSeconds(flapped) : -1.0,
      speed: bandwidthMbit(field(r, 'BANDWIDTH')),
      mtu: Number(field(r, 'MTU')) || 0,
      mac_address: field(r, 'MAC_ADDRESS') === '' ? '' : napalmMac(field(r, 'MAC_ADDRESS')),
    };
  }
  return out;
}

/** Getters whose CLI and NAPALM mapping are the same on every Cisco-style platform. */
export function ciscoStyleGetters(s: CiscoStyle): Record<string, NapalmGetter> {
  const running = async (cli: NapalmCli): Promise<string> => s.stripConfig(await cli('show running-config'));
  return {
    get_interfaces: (cli) => interfacesOf(cli, s),

    get_interfaces_ip: async (cli) => {
      const out: Record<string, { ipv4?: Record<string, { prefix_length: number }>; ipv6?: Record<string, { prefix_length: number }> }> = {};
      for (const r of ntc(s.ntcPlatform, 'show interfaces', await cli('show interfaces'))) {
        const cidr = field(r, 'IP_ADDRESS');
        if (cidr === '') continue;
        const [addr, len = field(r, 'PREFIX_LENGTH')] = cidr.split('/');
        out[field(r, 'INTERFACE')] = { ipv4: { [addr]: { prefix_length: Number(len) } } };
      }
      return out;
    },

    get_lldp_neighbors: async (cli) => {
      const out: Record<string, Array<{ hostname: string; port: string }>> = {};
      for (const r of ntc(s.ntcPlatform, 'show lldp neighbors', await cli('show lldp neighbors'))) {
        const local = canonicalInterface(field(r, 'LOCAL_INTERFACE'), s.portChannel);
        (out[local] ??= []).push({ hostname: field(r, 'NEIGHBOR_NAME'), port: field(r, 'NEIGHBOR_INTERFACE') });
      }
      return out;
    },

    get_vlans: async (cli) => {
      const out: Record<string, { name: string; interfaces: string[] }> = {};
      for (const r of ntc(s.ntcPlatform, 'show vlan', await cli(s.vlanCommand))) {
        out[field(r, 'VLAN_ID')] = { name: field(r, 'VLAN_NAME'), interfaces: listField(r, 'INTERFACES').map((i) => canonicalInterface(i, s.portChannel)) };
      }
      return out;
    },

    get_users: async (cli) => {
      const out: Record<string, { level: number; password: string; sshkeys: string[] }> = {};
      for (const m of configLines(await running(cli), /^username (\S+)(.*)$/)) {
        const [, name, rest] = m;
        const user = (out[name] ??= { level: 1, password: '', sshkeys: [] });
        const level = /privilege (\d+)/.exec(rest);
        if (level) user.level = Number(level[1]);
        const secret = /(?:secret|password)(?: \d+| sha512)? (\S+)/.exec(rest);
        if (secret) user.password = secret[1];
        const key = /sshkey (.+)$/.exec(rest);
        if (key) user.sshkeys.push(key[1]);
      }
      return out;
    },

    get_ntp_servers: async (cli) => {
      const out: Record<string, Record<string, never>> = {};
      for (const m of configLines(await running(cli), /^ntp server (?:vrf \S+ )?(\S+)/)) out[m[1]] = {};
      return out;
    },

    get_config: (cli, args) => configGetter(cli, args, s.stripConfig),

    get_snmp_information: async (cli) => {
      const config = await running(cli);
      const one = (re: RegExp): string => configLines(config, re)[0]?.[1] ?? '';
      const community: Record<string, { acl: string; mode: string }> = {};
      for (const m of configLines(config, /^snmp-server community (\S+)(?: view \S+)?(?: (ro|rw))?(?: (?:ipv6 \S+ )?(\S+))?/i)) {
        community[m[1]] = { acl: m[3] ?? s.noAcl, mode: (m[2] ?? 'ro').toLowerCase() };
      }
      return { chassis_id: one(/^snmp-server chassis-id (.+)$/), community, contact: one(/^snmp-server contact (.+)$/), location: one(/^snmp-server location (.+)$/) };
    },
  };
}
