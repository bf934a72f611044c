import { EOS_CONFIG } from '../config/eos.config-flow';
import { bgpNeighbors } from './bgp-neighbors';
import { ciscoStyleGetters, CiscoStyle, interfacesOf } from './cisco-style.getters';
import { eosEnvironment } from './environment';
import { parseEosInterfaceCounters } from './interface-counters';
import { parseEosLldpDetail } from './lldp-detail';
import type { NapalmPlatform } from './napalm-getter.types';
import { canonicalInterface, clockSeconds, configLines, durationSeconds, field, listField, napalmMac, ntc } from './napalm.values';

const EOS: CiscoStyle = {
  ntcPlatform: 'arista_eos',
  portChannel: 'Port-Channel',
  vlanCommand: 'show vlan',
  noAcl: '',
  flapTime: true,
  // The `! Command: show running-config` header lines are comments, kept as EOS prints them.
  stripConfig: (text) => text,
};

/** NAPALM's `eos` driver over the EOS SSH CLI; configuration goes through an EOS configuration session (see eosConfigFlow). */
export const EOS_PLATFORM: NapalmPlatform = {
  name: 'eos',
  cliDeviceType: 'arista_eos',
  config: EOS_CONFIG,
  getters: {
    ...ciscoStyleGetters(EOS),

    get_facts: async (cli) => {
      const text = await cli('show version');
      const v = ntc('arista_eos', 'show version', text)[0];
      const host = await cli('show hostname');
      const hostname = /^Hostname:\s*(\S+)/m.exec(host)?.[1] ?? configLines(await cli('show running-config'), /^hostname (\S+)/)[0]?.[1] ?? '';
      return {
        uptime: durationSeconds(field(v, 'UPTIME')),
        vendor: 'Arista',
        os_version: /^Software image version:\s*(\S+)/m.exec(text)?.[1] ?? field(v, 'IMAGE'),
        serial_number: field(v, 'SERIAL_NUMBER'),
        model: field(v, 'MODEL'),
        hostname,
        fqdn: /^FQDN:\s*(\S+)/m.exec(host)?.[1] ?? hostname,
        interface_list: Object.keys(await interfacesOf(cli, EOS)),
      };
    },

    get_arp_table: async (cli) =>
      ntc('arista_eos', 'show ip arp', await cli('show ip arp')).map((r) => {
        const age = field(r, 'AGE');
        const secs = clockSeconds(age);
        return { interface: field(r, 'INTERFACE').trim(), mac: napalmMac(field(r, 'MAC_ADDRESS')), ip: field(r, 'IP_ADDRESS'), age: secs >= 0 ? secs : /^\d+$/.test(age) ? Number(age) : -1.0 };
      }),

    get_interfaces_counters: async (cli) => parseEosInterfaceCounters(await cli('show interfaces')),

    get_lldp_neighbors_detail: async (cli) => parseEosLldpDetail(await cli('show lldp neighbors detail')),

    get_bgp_neighbors: async (cli) => {
      const summary = await cli('show ip bgp summary');
      return /BGP inactive/.test(summary) ? {} : bgpNeighbors('arista_eos', summary, await cli('show ip bgp neighbors'));
    },

    get_environment: async (cli) =>
      eosEnvironment(await cli('show environment cooling'), await cli('show environment temperature'), await cli('show environment power'), await cli('show processes top once'), await cli('show version')),

    get_mac_address_table: async (cli) => {
      const now = Date.now() / 1000;
      return ntc('arista_eos', 'show mac address-table', await cli('show mac address-table')).flatMap((r) =>
        listField(r, 'DESTINATION_PORT').map((port) => {
          const ago = clockSeconds(field(r, 'LAST_MOVE'));
          return {
            mac: napalmMac(field(r, 'MAC_ADDRESS')),
            interface: canonicalInterface(port, 'Port-Channel'),
            vlan: Number(field(r, 'VLAN_ID')) || 0,
            static: /static/i.test(field(r, 'TYPE')),
            active: true,
            moves: field(r, 'MOVES') === '' ? -1 : Number(field(r, 'MOVES')),
            last_move: ago >= 0 ? Math.round((now - ago) * 1000) / 1000 : -1.0,
          };
        }),
      );
    },
  },
};
