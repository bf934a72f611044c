import { ciscoStyleGetters, CiscoStyle } from './cisco-style.getters';
import type { NapalmCli, NapalmPlatform } from './napalm-getter.types';
import { configLines, durationSeconds, field, ntc } from './napalm.values';

const NXOS: CiscoStyle = {
  ntcPlatform: 'cisco_nxos',
  portChannel: 'port-channel',
  vlanCommand: 'show vlan brief',
  noAcl: 'N/A',
  flapTime: false,
  stripConfig: (text) => text.replace(/^\s*\n/, ''),
};

const running = async (cli: NapalmCli): Promise<string> => NXOS.stripConfig(await cli('show running-config'));
const shared = ciscoStyleGetters(NXOS);

/** NAPALM's `nxos_ssh` driver over the NX-OS SSH CLI (the getters that read no per-interface tables). */
export const NXOS_SSH_PLATFORM: NapalmPlatform = {
  name: 'nxos_ssh',
  cliDeviceType: 'cisco_nxos',
  noCandidateReason:
    "NAPALM's nxos_ssh driver stages a candidate as a file on the device's bootflash (copied over SCP, diffed with `show diff rollback-patch`); this server does not stage files on NX-OS devices, so load_merge_candidate/compare_config/commit_config are not available for nxos_ssh: use driver netmiko to apply configuration lines",
  getters: {
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
