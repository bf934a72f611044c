import { IOS_CONFIG } from '../config/ios.config-flow';
import { bgpNeighbors } from './bgp-neighbors';
import { ciscoStyleGetters, CiscoStyle, interfacesOf } from './cisco-style.getters';
import { iosEnvironment } from './environment';
import { parseIosInterfaceCounters } from './interface-counters';
import { parseIosLldpDetail } from './lldp-detail';
import type { NapalmPlatform } from './napalm-getter.types';
import { canonicalInterface, configLines, durationSeconds, field, listField, napalmMac, ntc } from './napalm.values';

const IOS: CiscoStyle = {
  ntcPlatform: 'cisco_ios',
  portChannel: 'Port-channel',
  vlanCommand: 'show vlan brief',
  noAcl: 'N/A',
  flapTime: false,
  // `Building configuration...` and `Current configuration : N bytes` are not configuration.
  stripConfig: (text) => text.replace(/^(?:Building configuration\.\.\.\s*\n|\s*\n|Current configuration : \d+ bytes\n)*/, ''),
};

/** NAPALM's `ios` driver over the IOS SSH CLI. */
export const IOS_PLATFORM: NapalmPlatform = {
  name: 'ios',
  cliDeviceType: 'cisco_ios',
  config: IOS_CONFIG,
  getters: {
    ...ciscoStyleGetters(IOS),

    get_facts: async (cli) => {
      const text = await cli('show version');
      const v = ntc('cisco_ios', 'show version', text)[0];
      const config = IOS.stripConfig(await cli('show running-config'));
      const hostname = field(v, 'HOSTNAME') || (configLines(config, /^hostname (\S+)/)[0]?.[1] ?? '');
      const domain = configLines(config, /^ip domain[ -]name (\S+)/)[0]?.[1];
      const os = /^Cisco IOS.*?Software,\s*(.*)$/m.exec(text)?.[1] ?? field(v, 'VERSION');
      return {
        uptime: durationSeconds(field(v, 'UPTIME')),
        vendor: 'Cisco',
        os_version: os,
        serial_number: listField(v, 'SERIAL')[0] ?? '',
        model: listField(v, 'HARDWARE')[0] ?? '',
        hostname,
        fqdn: domain ? `${hostname}.${domain}` : hostname,
        interface_list: Object.keys(await interfacesOf(cli, IOS)),
      };
    },

    get_arp_table: async (cli) =>
      ntc('cisco_ios', 'show ip arp', await cli('show ip arp')).map((r) => {
        const age = field(r, 'AGE');
        return { interface: field(r, 'INTERFACE'), mac: napalmMac(field(r, 'MAC_ADDRESS')), ip: field(r, 'IP_ADDRESS'), age: /^\d+$/.test(age) ? Number(age) * 60 : -1.0 };
      }),

    get_interfaces_counters: async (cli) => parseIosInterfaceCounters(await cli('show interfaces')),

    get_lldp_neighbors_detail: async (cli) => parseIosLldpDetail(await cli('show lldp neighbors detail')),

    get_bgp_neighbors: async (cli) => {
      const summary = await cli('show ip bgp summary');
      return /BGP not active/.test(summary) ? {} : bgpNeighbors('cisco_ios', summary, await cli('show ip bgp neighbors'));
    },

    // Not every IOS box has every command (routers lack `show environment all`): a refused one leaves its tables empty.
    get_environment: async (cli) => {
      const read = (command: string): Promise<string> => cli(command).catch(() => '');
      return iosEnvironment(await read('show environment all'), await read('show processes cpu'), await read('show memory statistics'));
    },

    get_mac_address_table: async (cli) =>
      ntc('cisco_ios', 'show mac address-table', await cli('show mac address-table')).flatMap((r) =>
        listField(r, 'DESTINATION_PORT').map((port) => ({
          mac: napalmMac(field(r, 'DESTINATION_ADDRESS')),
          interface: canonicalInterface(port),
          vlan: Number(field(r, 'VLAN_ID')) || 0,
          static: /static/i.test(field(r, 'TYPE')),
          active: true,
          moves: -1,
          last_move: -1.0,
        })),
      ),
  },
};
