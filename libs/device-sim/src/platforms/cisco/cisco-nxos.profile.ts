import { ANY_EXEC, CommandDispatcher } from '../../shell/command.dispatcher';
import type { CliContext, CliLevel, DeviceView } from '../../shell/shell.types';
import { clockParts, col, interfacesOf, serialOf, uptimeOf } from '../common/device.facts';
import type { DeviceSeed } from '../platform.profile';
import { CiscoFamilyProfile } from './cisco-family.profile';
import { ciscoDialect } from './cisco.dialect';
import { initialBgpConfig } from './bgp.tables';
import { nxosArp, nxosBgpNeighbors, nxosBgpSummary, nxosEnvironment, nxosLldp, nxosLldpDetail, nxosMacTable, nxosShowInterface, nxosSystemResources } from './nxos.tables';

const VERSION = '9.3(8)';

/** Cisco NX-OS on a Nexus 9300v: logs in privileged, `# ` prompts, `show` allowed in config mode. */
export class CiscoNxosProfile extends CiscoFamilyProfile {
  readonly defaultHostname = 'switch';
  override readonly loginLevel: CliLevel = 'privileged';
  readonly name = 'cisco_nxos';
  readonly sshIdent = 'OpenSSH_8.3 PKIX[12.5.1]';
  protected override readonly configBanner = 'Enter configuration commands, one per line. End with CNTL/Z.\n';
  protected readonly dialect = ciscoDialect(['Ethernet', 'loopback', 'mgmt', 'port-channel', 'Vlan', 'nve', 'Tunnel']);
  protected override readonly showInConfig = true;

  override prompt(ctx: CliContext): string {
    // NX-OS prompts end with a space after `#`.
    return `${super.prompt(ctx)} `;
  }

  override invalid(offset: number, ctx: CliContext): string {
    return `${' '.repeat(ctx.promptWidth + offset)}^\n% Invalid command at '^' marker.\n\n`;
  }

  protected addShowCommands(exec: CommandDispatcher): void {
    exec
      .add(ANY_EXEC, 'show version', (_a, ctx) => ({ output: version(ctx.device) }))
      .add(ANY_EXEC, 'show hostname', (_a, ctx) => ({ output: `${ctx.device.hostname} \n` }))
      .add(ANY_EXEC, 'show ip interface brief', (_a, ctx) => ({ output: ipInterfaceBrief(ctx) }))
      .add(ANY_EXEC, ['show interface status', 'show interfaces status'], (_a, ctx) => ({ output: interfaceStatus(ctx) }))
      .add(ANY_EXEC, 'show vlan brief', (_a, ctx) => ({ output: vlanBrief(ctx) }))
      .add(ANY_EXEC, 'show inventory', (_a, ctx) => ({ output: inventory(ctx.device) }))
      .add(ANY_EXEC, ['show interface', 'show interfaces'], (_a, ctx) => ({ output: nxosShowInterface(ctx) }))
      .add(ANY_EXEC, 'show ip arp', (_a, ctx) => ({ output: nxosArp(ctx, 'default') }))
      .add(ANY_EXEC, 'show ip arp vrf <vrf>', (a, ctx) => ({ output: nxosArp(ctx, a.vrf) }))
      .add(ANY_EXEC, 'show lldp neighbors', (_a, ctx) => ({ output: nxosLldp(ctx) }))
      .add(ANY_EXEC, 'show lldp neighbors detail', (_a, ctx) => ({ output: nxosLldpDetail(ctx) }))
      .add(ANY_EXEC, 'show mac address-table', (_a, ctx) => ({ output: nxosMacTable(ctx) }))
      .add(ANY_EXEC, 'show bgp ipv4 unicast summary', (_a, ctx) => ({ output: nxosBgpSummary(ctx) }))
      .add(ANY_EXEC, 'show bgp ipv4 unicast neighbors', (_a, ctx) => ({ output: nxosBgpNeighbors(ctx) }))
      .add(ANY_EXEC, 'show environment', () => ({ output: nxosEnvironment() }))
      .add(ANY_EXEC, 'show system resources', (_a, ctx) => ({ output: nxosSystemResources(ctx) }));
  }

  protected override clock(): string {
    const c = clockParts();
    return `${c.hms}.${c.ms} UTC ${c.day} ${c.mon} ${String(c.dd).padStart(2, '0')} ${c.year}\nTime source is NTP\n`;
  }

  protected configHeader(_body: string, _device: DeviceView): string {
    const c = clockParts();
    const stamp = `${c.day} ${c.mon} ${c.dd} ${c.hms} ${c.year}`;
    return `\n!Command: show running-config\n!Running configuration last done at: ${stamp}\n!Time: ${stamp}\n\nversion ${VERSION} Bios:version  \n`;
  }

  protected override configFooter(): string {
    return '';
  }

  protected override copyQuestion(): string | undefined {
    return undefined;
  }

  protected override saveOutput(): string {
    return '[########################################] 100%\nCopy complete, now saving to disk (please wait)...\nCopy complete.\n';
  }

  protected initialConfig(seed: DeviceSeed): string {
    const ports = Array.from({ length: 8 }, (_, i) => `interface Ethernet1/${i + 1}${i === 0 ? '\n description uplink\n switchport mode trunk' : ''}`);
    return [
      `hostname ${seed.hostname}`,
      'feature ssh',
      'feature interface-vlan',
      'feature lldp',
      'feature bgp',
      `username ${seed.username} password 5 $5$SIMSIM$8hD0tnnqmNeC0EX3Yd7wX6Gx.BjZp0mKyqQvJ1vMXp3 role network-admin`,
      'ip domain-lookup',
      'vlan 1,10',
      'vlan 10\n name USERS',
      'vrf context management',
      ...ports,
      `interface mgmt0\n vrf member management\n ip address ${seed.host}/24`,
      `interface loopback0\n ip address ${seed.host}/32`,
      // The neighbours are written one line each (as NX-OS also accepts them), the form the shared BGP table reads.
      initialBgpConfig(seed.host),
      'line console',
      'line vty',
    ].join('\n');
  }
}

function version(device: DeviceView): string {
  const up = uptimeOf(device.bootedAt);
  return [
    'Cisco Nexus Operating System (NX-OS) Software',
    'TAC support: http://www.cisco.com/tac',
    'Copyright (C) 2002-2021, Cisco and/or its affiliates.',
    'All rights reserved.',
    '',
    'Software',
    '  BIOS: version 05.45',
    ` NXOS: version ${VERSION}`,
    '  BIOS compile time:  11/22/2020',
    '  NXOS image file is: bootflash:///nxos.9.3.8.bin',
    '  NXOS compile time:  8/18/2021 13:00:00 [08/19/2021 00:48:14]',
    '',
    '',
    'Hardware',
    '  cisco Nexus9000 C9300v Chassis ',
    '  Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz with 16409064 kB of memory.',
    `  Processor Board ID ${serialOf(device.host, '9N3K')}`,
    '',
    `  Device name: ${device.hostname}`,
    '  bootflash: 4287040 kB',
    `Kernel uptime is ${up.weeks * 7 + up.days} day(s), ${up.hours} hour(s), ${up.minutes} minute(s), ${up.seconds} second(s)`,
    '',
    'Last reset ',
    '  Reason: Unknown',
    '  System version: ',
    '  Service: ',
    '',
    'plugin',
    '  Core Plugin, Ethernet Plugin',
    '',
    'Active Package(s):',
    '',
  ].join('\n');
}

function ipInterfaceBrief(ctx: CliContext): string {
  const rows = interfacesOf(ctx.device.running)
    .filter((f) => f.address !== undefined && !ctx.device.running.find([`interface ${f.name}`])?.children.some((c) => c.text === 'vrf member management'))
    .map((f) => `${col(f.name.replace(/^loopback/, 'Lo').replace(/^Ethernet/, 'Eth'), 21)}${col(f.address ?? '', 16)}${f.shutdown ? 'protocol-down/link-down/admin-down' : 'protocol-up/link-up/admin-up'}`);
  return `IP Interface Status for VRF "default"(1)\n${col('Interface', 21)}${col('IP Address', 16)}Interface Status\n${rows.join('\n')}\n`;
}

function interfaceStatus(ctx: CliContext): string {
  const rows = interfacesOf(ctx.device.running)
    .filter((f) => /^(Ethernet|mgmt)/.test(f.name))
    .map((f, i) => {
      const up = !f.shutdown && (f.name.startsWith('mgmt') || i % 3 !== 2);
      const name = f.name.replace(/^Ethernet/, 'Eth');
      const trunk = ctx.device.running.find([`interface ${f.name}`])?.children.some((c) => c.text === 'switchport mode trunk');
      const vlan = f.name.startsWith('mgmt') ? 'routed' : trunk ? 'trunk' : (f.accessVlan ?? '1');
      const status = f.shutdown ? 'disabled' : up ? 'connected' : 'notconnec';
      return `${col(name, 14)}${col(f.description.slice(0, 17), 18)}${col(status, 10)}${col(vlan, 9)}${col(up ? 'full' : 'auto', 8)}${col(up ? '10G' : 'auto', 8)}10Gbase-SR`;
    });
  const rule = '-'.repeat(80);
  return `\n${rule}\n${col('Port', 14)}${col('Name', 18)}${col('Status', 10)}${col('Vlan', 9)}${col('Duplex', 8)}${col('Speed', 8)}Type\n${rule}\n${rows.join('\n')}\n`;
}

function vlanBrief(ctx: CliContext): string {
  const access = interfacesOf(ctx.device.running).filter((f) => f.name.startsWith('Ethernet'));
  const ports = (id: string): string =>
    access
      .filter((f) => (f.accessVlan ?? '1') === id && !ctx.device.running.find([`interface ${f.name}`])?.children.some((c) => c.text === 'switchport mode trunk'))
      .map((f) => f.name.replace(/^Ethernet/, 'Eth'))
      .join(', ');
  const rows = [`${col('1', 5)}${col('default', 33)}${col('active', 10)}${ports('1')}`, `${col('10', 5)}${col('USERS', 33)}${col('active', 10)}${ports('10')}`];
  return `\n${col('VLAN', 5)}${col('Name', 33)}${col('Status', 10)}Ports\n---- -------------------------------- --------- -------------------------------\n${rows.map((r) => r.trimEnd()).join('\n')}\n\n`;
}

function inventory(device: DeviceView): string {
  const serial = serialOf(device.host, '9N3K');
  return `NAME: "Chassis",  DESCR: "Nexus9000 C9300v Chassis"\nPID: N9K-C9300v       ,  VID:     ,  SN: ${serial}\n\nNAME: "Slot 1",  DESCR: "Nexus 9000v 64 port Ethernet Module"\nPID: N9K-X9364v       ,  VID:     ,  SN: ${serial}1\n\n`;
}
