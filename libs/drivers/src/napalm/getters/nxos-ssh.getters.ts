import { nxosBgpNeighbors } from './bgp-neighbors';
import { ciscoStyleGetters, CiscoStyle } from './cisco-style.getters';
import { nxosEnvironment } from './environment';
import { parseNxosInterfaceCounters } from './interface-counters';
import { parseNxosLldpDetail } from './lldp-detail';
import type { NapalmCli, NapalmPlatform } from './napalm-getter.types';
import { bandwidthMbit, canonicalInterface, clockSeconds, configLines, durationSeconds, field, napalmMac, ntc } from './napalm.values';

const NXOS: CiscoStyle = {
  ntcPlatform: 'cisco_nxos',
  portChannel: 'port-channel',
  vlanCommand: 'show vlan brief',
  noAcl: 'N/A',
  flapTime: false,
  stripConfig: (text) => text.replace(/^\s*\n/, ''),
};

const running = async (cli: NapalmCli): Promise<string> => NXOS.stripConfig(await cli('show running-config'));

/** NX-OS `Last link flapped` ages (`03:04:05`, `2d03h`, `1w2d`, `1y3w`, `1week(s) 2day(s)`) in seconds; -1 for `never`. */
export function nxosFlapSeconds(text: string): number {
  const t = text.trim();
  const clock = clockSeconds(t);
  if (clock >= 0) return clock;
  const unit: Record<string, number> = { y: 31536000, w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
  let total = 0;
  let seen = false;
  for (const m of t.matchAll(/(\d+)\s*(y|w|d|h|m|s)[a-z()]*/g)) {
    total += Number(m[1]) * unit[m[2]];
    seen = true;
  }
  return seen ? total : -1;
}

const canonical = (name: string): string => canonicalInterface(name, 'port-channel');
const shared = ciscoStyleGetters(NXOS);

/** NAPALM's `nxos_ssh` driver over the NX-OS SSH CLI. */
export const NXOS_SSH_PLATFORM: NapalmPlatform = {
  name: 'nxos_ssh',
  cliDeviceType: 'cisco_nxos',
  noCandidateReason:
    "NAPALM's nxos_ssh driver stages a candidate as a file on the device's bootflash (copied over SCP, diffed with `show diff rollback-patch`); this server does not stage files on NX-OS devices, so load_merge_candidate/compare_config/commit_config are not available for nxos_ssh: use driver netmiko to apply configuration lines",
  getters: {
    get_interfaces: async (cli) => {
      const out: Record<string, { is_up: boolean; is_enabled: boolean; description: string; last_flapped: number; speed: number; mtu: number; mac_address: string }> = {};
      for (const r of ntc('cisco_nxos', 'show interface', await cli('show interface'))) {
        const flapped = field(r, 'LAST_LINK_FLAPPED');
        out[field(r, 'INTERFACE')] = {
          is_up: /^up/.test(field(r, 'LINK_STATUS')),
          is_enabled: /^up/.test(field(r, 'ADMIN_STATE')),
          description: field(r, 'DESCRIPTION'),
          last_flapped: flapped === '' ? -1.0 : nxosFlapSeconds(flapped),
          speed: bandwidthMbit(field(r, 'BANDWIDTH')),
          mtu: Number(field(r, 'MTU')) || 0,
          mac_address: field(r, 'MAC_ADDRESS') === '' ? '' : napalmMac(field(r, 'MAC_ADDRESS')),
        };
      }
      return out;
    },

    get_interfaces_ip: async (cli) => {
      const out: Record<string, { ipv4: Record<string, { prefix_length: number }> }> = {};
      for (const r of ntc('cisco_nxos', 'show interface', await cli('show interface'))) {
        if (field(r, 'IP_ADDRESS') === '') continue;
        (out[field(r, 'INTERFACE')] ??= { ipv4: {} }).ipv4[field(r, 'IP_ADDRESS')] = { prefix_length: Number(field(r, 'PREFIX_LENGTH')) };
      }
      return out;
    },

    // Every VRF, as NAPALM's nxos_ssh driver reads it (the management interface lives in vrf management).
    get_arp_table: async (cli) =>
      ntc('cisco_nxos', 'show ip arp', await cli('show ip arp vrf all')).map((r) => ({
        interface: canonical(field(r, 'INTERFACE')),
        mac: napalmMac(field(r, 'MAC_ADDRESS')),
        ip: field(r, 'IP_ADDRESS'),
        age: clockSeconds(field(r, 'AGE')) >= 0 ? clockSeconds(field(r, 'AGE')) : -1.0,
      })),

    get_lldp_neighbors: async (cli) => {
      const out: Record<string, Array<{ hostname: string; port: string }>> = {};
      for (const r of ntc('cisco_nxos', 'show lldp neighbors', await cli('show lldp neighbors'))) {
        (out[canonical(field(r, 'LOCAL_INTERFACE'))] ??= []).push({ hostname: field(r, 'NEIGHBOR_NAME'), port: field(r, 'NEIGHBOR_INTERFACE') });
      }
      return out;
    },

    get_mac_address_table: async (cli) =>
      ntc('cisco_nxos', 'show mac address-table', await cli('show mac address-table'))
        .filter((r) => /^\d+$/.test(field(r, 'VLAN_ID')))
        .map((r) => ({
          mac: napalmMac(field(r, 'MAC_ADDRESS')),
          interface: canonical(field(r, 'PORTS')),
          vlan: Number(field(r, 'VLAN_ID')),
          static: /static/i.test(field(r, 'TYPE')),
          active: true,
          moves: -1,
          last_move: -1.0,
        })),

    get_interfaces_counters: async (cli) => parseNxosInterfaceCounters(await cli('show interface')),

    get_lldp_neighbors_detail: async (cli) => parseNxosLldpDetail(await cli('show lldp neighbors detail')),

    get_bgp_neighbors: async (cli) => {
      const summary = await cli('show bgp ipv4 unicast summary');
      return /BGP is not running/i.test(summary) ? {} : nxosBgpNeighbors(summary, await cli('show bgp ipv4 unicast neighbors'));
    },

    get_environment: async (cli) => nxosEnvironment(await cli('show environment'), await cli('show system resources')),

    get_vlans: shared.get_vlans,
    get_ntp_servers: shared.get_ntp_servers,
    get_snmp_information: shared.get_snmp_information,
    get_config: shared.get_config,

    get_users: async (cli) => {
      const out: Record<string, { level: number; password: string; sshkeys: string[] }> = {};
      for (const [, name, rest] of configLines(await running(cli), /^username (\S+)(.*)$/)) {
        const user = (out[name] ??= { level: 0, password: '', sshkeys: [] });
        const role = /role (\S+)/.exec(rest)?.[1];
        if (role) user.level = role === 'network-admin' ? 15 : role === 'network-operator' ? 1 : user.level;
        const secret = /password(?: \d+)? (\S+)/.exec(rest);
        if (secret) user.password = secret[1];
        const key = /sshkey (.+)$/.exec(rest);
        if (key) user.sshkeys.push(key[1]);
      }
      return out;
    },

    get_facts: async (cli) => {
      const text = await cli('show version');
      const v = ntc('cisco_nxos', 'show version', text)[0];
      const config = await running(cli);
      const hostname = (await cli('show hostname')).trim() || field(v, 'HOSTNAME');
      const domain = configLines(config, /^ip domain-name (\S+)/)[0]?.[1];
      return {
        uptime: durationSeconds(/^Kernel uptime is (.*)$/m.exec(text)?.[1] ?? field(v, 'UPTIME')),
        vendor: 'Cisco',
        os_version: field(v, 'OS'),
        serial_number: field(v, 'SERIAL'),
        model: /^\s*cisco (.*?)\s+[Cc]hassis/m.exec(text)?.[1] ?? field(v, 'PLATFORM'),
        hostname,
        fqdn: domain ? `${hostname}.${domain}` : hostname,
        interface_list: configLines(config, /^interface (\S+)$/).map((m) => m[1]),
      };
    },
  },
};
