import { ConfigTree } from '../../config/config.tree';
import { ANY_EXEC, CommandDispatcher } from '../../shell/command.dispatcher';
import type { CliContext, CommandReply, DeviceView } from '../../shell/shell.types';
import type { ScpDestination } from '../../ssh/scp.sink';
import { clockParts, col, InterfaceFacts, interfacesOf, macOf, serialOf, uptimeOf, uptimeText } from '../common/device.facts';
import type { DeviceSeed } from '../platform.profile';
import { CiscoFamilyProfile } from './cisco-family.profile';
import { ciscoDialect } from './cisco.dialect';
import { CiscoConfigArchive, flashPath } from './config-archive';
import { iosShowInterfaces } from './interfaces.detail';
import { initialBgpConfig, iosBgpNeighbors, iosBgpSummary } from './bgp.tables';
import { iosEnvironment, iosMemoryStatistics, iosProcessesCpu } from './environment.tables';
import { iosArp, iosLldp, iosLldpDetail, iosMacTable } from './neighbor.tables';

const MODEL = 'WS-C2960X-24TS-L';
const VERSION = '15.2(7)E8';

/** Cisco IOS on a Catalyst access switch: the platform most netmiko users start with. */
export class CiscoIosProfile extends CiscoFamilyProfile {
  readonly defaultHostname = 'Switch';
  readonly name = 'cisco_ios';
  readonly sshIdent = 'Cisco-1.25';
  protected readonly dialect = ciscoDialect(['GigabitEthernet', 'TenGigabitEthernet', 'FastEthernet', 'Loopback', 'Port-channel', 'Vlan', 'Tunnel']);
  private readonly archive = new CiscoConfigArchive({
    applyLine: (line, ctx) => !super.handle(line, ctx).failed,
    globalKeywords: this.dialect.globalKeywords,
    renderConfig: (tree, device) => this.renderConfig(tree, device),
    style: 'ios',
  });

  override handle(line: string, ctx: CliContext): CommandReply {
    return this.archive.handle(line, ctx) ?? super.handle(line, ctx);
  }

  /** SCP uploads land on `flash:` once `ip scp server enable` is configured, as on IOS. */
  scpDestination(path: string, device: DeviceView): ScpDestination {
    if (!device.running.root.children.some((n) => n.text === 'ip scp server enable')) return { error: 'SCP server is not enabled (ip scp server enable)' };
    const file = flashPath(path);
    return file ? { file } : { error: `${path}: No such file or directory` };
  }

  protected addShowCommands(exec: CommandDispatcher): void {
    exec
      .add(ANY_EXEC, 'show version', (_a, ctx) => ({ output: this.version(ctx.device) }))
      .add(ANY_EXEC, 'show ip interface brief', (_a, ctx) => ({ output: ipInterfaceBrief(ctx) }))
      .add(ANY_EXEC, 'show interfaces status', (_a, ctx) => ({ output: interfacesStatus(ctx) }))
      .add(ANY_EXEC, 'show interfaces description', (_a, ctx) => ({ output: interfacesDescription(ctx) }))
      .add(ANY_EXEC, 'show vlan brief', (_a, ctx) => ({ output: vlanBrief(ctx) }))
      .add(ANY_EXEC, 'show inventory', (_a, ctx) => ({ output: inventory(ctx.device) }))
      .add(ANY_EXEC, 'show interfaces', (_a, ctx) => ({ output: iosShowInterfaces(ctx, IOS_LOOK) }))
      .add(ANY_EXEC, ['show ip arp', 'show arp'], (_a, ctx) => ({ output: iosArp(ctx) }))
      .add(ANY_EXEC, 'show lldp neighbors', (_a, ctx) => ({ output: iosLldp(ctx) }))
      .add(ANY_EXEC, 'show lldp neighbors detail', (_a, ctx) => ({ output: iosLldpDetail(ctx) }))
      .add(ANY_EXEC, 'show mac address-table', (_a, ctx) => ({ output: iosMacTable(ctx) }))
      .add(ANY_EXEC, ['show ip bgp summary', 'show bgp ipv4 unicast summary'], (_a, ctx) => ({ output: iosBgpSummary(ctx) }))
      .add(ANY_EXEC, ['show ip bgp neighbors', 'show bgp ipv4 unicast neighbors'], (_a, ctx) => ({ output: iosBgpNeighbors(ctx) }))
      .add(ANY_EXEC, ['show environment all', 'show environment'], (_a, ctx) => ({ output: iosEnvironment(ctx.device) }))
      .add(ANY_EXEC, 'show processes cpu', (_a, ctx) => ({ output: iosProcessesCpu(ctx.device) }))
      .add(ANY_EXEC, 'show memory statistics', (_a, ctx) => ({ output: iosMemoryStatistics(ctx.device) }));
  }

  protected configHeader(body: string, _device: DeviceView): string {
    return `Building configuration...\n\nCurrent configuration : ${body.length} bytes\n!\n`;
  }

  protected initialConfig(seed: DeviceSeed): string {
    const ports = Array.from({ length: 8 }, (_, i) => {
      const lines = i === 0 ? [' description uplink', ' switchport mode trunk'] : [' switchport mode access'];
      if (i === 2 || i === 3) lines.unshift(' switchport access vlan 10');
      return [`interface GigabitEthernet1/0/${i + 1}`, ...lines].join('\n');
    });
    return [
      'version 15.2',
      'no service pad',
      'service timestamps debug datetime msec',
      'service timestamps log datetime msec',
      'service password-encryption',
      `hostname ${seed.hostname}`,
      'boot-start-marker',
      'boot-end-marker',
      'enable secret 5 $1$sIm4$Q0wVwYbQv9bFqT5rQeZ8Y/',
      `username ${seed.username} privilege 15 secret 5 $1$sIm4$Q0wVwYbQv9bFqT5rQeZ8Y/`,
      'no aaa new-model',
      'ip domain-name sim.local',
      'spanning-tree mode rapid-pvst',
      'spanning-tree extend system-id',
      'vlan 10\n name USERS',
      ...ports,
      `interface Vlan1\n ip address ${seed.host} 255.255.255.0`,
      initialBgpConfig(seed.host),
      'ip ssh version 2',
      'ip scp server enable',
      'line con 0\n logging synchronous',
      'line vty 0 4\n login local\n transport input ssh',
      'line vty 5 15\n login local\n transport input ssh',
    ].join('\n');
  }

  private version(device: DeviceView): string {
    const up = uptimeOf(device.bootedAt);
    const boot = clockParts(device.bootedAt);
    const serial = serialOf(device.host, 'FOC');
    return [
      `Cisco IOS Software, C2960X Software (C2960X-UNIVERSALK9-M), Version ${VERSION}, RELEASE SOFTWARE (fc2)`,
      'Technical Support: http://www.cisco.com/techsupport',
      'Copyright (c) 1986-2023 by Cisco Systems, Inc.',
      'Compiled Fri 17-Mar-23 18:10 by prod_rel_team',
      '',
      'ROM: Bootstrap program is C2960X boot loader',
      'BOOTLDR: C2960X Boot Loader (C2960X-HBOOT-M) Version 15.2(7r)E, RELEASE SOFTWARE (fc1)',
      '',
      `${device.hostname} uptime is ${uptimeText(up)}`,
      'System returned to ROM by power-on',
      `System restarted at ${boot.hms} UTC ${boot.day} ${boot.mon} ${boot.dd} ${boot.year}`,
      'System image file is "flash:c2960x-universalk9-mz.152-7.E8.bin"',
      'Last reload reason: power-on',
      '',
      `cisco ${MODEL} (APM86XXX) processor (revision D0) with 524288K bytes of memory.`,
      `Processor board ID ${serial}`,
      'Last reset from power-on',
      '1 Virtual Ethernet interface',
      '28 Gigabit Ethernet interfaces',
      'The password-recovery mechanism is enabled.',
      '',
      '512K bytes of flash-simulated non-volatile configuration memory.',
      `Base ethernet MAC Address       : ${macOf(device.host).toUpperCase()}`,
      'Motherboard assembly number     : 73-16244-02',
      `Motherboard serial number       : ${serial}`,
      `Model number                    : ${MODEL}`,
      `System serial number            : ${serial}`,
      '',
      '',
      'Switch Ports Model                     SW Version            SW Image',
      '------ ----- -----                     ----------            ----------',
      `*    1 28    ${col(MODEL, 25)} ${col(VERSION, 21)} C2960X-UNIVERSALK9-M`,
      '',
      '',
      'Configuration register is 0xF',
      '',
    ].join('\n');
  }
}

/** Physical ports come up in a stable pattern; shut ones are administratively down. */
function linkUp(facts: InterfaceFacts, index: number): boolean {
  return !facts.shutdown && (!/Ethernet/.test(facts.name) || index % 3 !== 2);
}

const IOS_LOOK = {
  up: linkUp,
  hardware: (name: string): string => (/^GigabitEthernet/.test(name) ? 'Gigabit Ethernet' : /^TenGigabitEthernet/.test(name) ? 'Ten Gigabit Ethernet' : /^Vlan/.test(name) ? 'EtherSVI' : name.replace(/\d.*$/, '')),
  bandwidthKbit: (name: string): number => (/^TenGigabitEthernet/.test(name) ? 10_000_000 : /Loopback/.test(name) ? 8_000_000 : 1_000_000),
  mtu: (name: string): number => (/Loopback/.test(name) ? 1514 : 1500),
};

function shortName(name: string): string {
  return name.replace(/^GigabitEthernet/, 'Gi').replace(/^TenGigabitEthernet/, 'Te').replace(/^FastEthernet/, 'Fa').replace(/^Port-channel/, 'Po');
}

function ipInterfaceBrief(ctx: CliContext): string {
  const rows = interfacesOf(ctx.device.running).map((facts, i) => {
    const up = linkUp(facts, i);
    const status = facts.shutdown ? 'administratively down' : up ? 'up' : 'down';
    const method = facts.address ? 'NVRAM' : 'unset';
    return `${col(facts.name, 23)}${col(facts.address ?? 'unassigned', 16)}YES ${col(method, 7)}${col(status, 22)}${up ? 'up' : 'down'}`;
  });
  return `${col('Interface', 23)}${col('IP-Address', 16)}OK? Method ${col('Status', 22)}Protocol\n${rows.join('\n')}\n`;
}

function interfacesStatus(ctx: CliContext): string {
  const rows = interfacesOf(ctx.device.running)
    .map((facts, i) => ({ facts, i }))
    .filter(({ facts }) => /Ethernet/.test(facts.name))
    .map(({ facts, i }) => {
      const up = linkUp(facts, i);
      const status = facts.shutdown ? 'disabled' : up ? 'connected' : 'notconnect';
      const trunk = ctx.device.running.find([`interface ${facts.name}`])?.children.some((c) => c.text === 'switchport mode trunk');
      const vlan = trunk ? 'trunk' : (facts.accessVlan ?? '1');
      return `${col(shortName(facts.name), 10)}${col(facts.description.slice(0, 18), 19)}${col(status, 13)}${col(vlan, 11)}${(up ? 'a-full' : 'auto').padStart(6)} ${(up ? 'a-1000' : 'auto').padStart(6)} 10/100/1000BaseTX`;
    });
  return `\n${col('Port', 10)}${col('Name', 19)}${col('Status', 13)}${col('Vlan', 11)}Duplex  Speed Type\n${rows.join('\n')}\n`;
}

function interfacesDescription(ctx: CliContext): string {
  const rows = interfacesOf(ctx.device.running).map((facts, i) => {
    const up = linkUp(facts, i);
    return `${col(shortName(facts.name), 31)}${col(facts.shutdown ? 'admin down' : up ? 'up' : 'down', 15)}${col(up ? 'up' : 'down', 9)}${facts.description}`;
  });
  return `${col('Interface', 31)}${col('Status', 15)}${col('Protocol', 9)}Description\n${rows.join('\n')}\n`;
}

function vlanBrief(ctx: CliContext): string {
  const tree: ConfigTree = ctx.device.running;
  const vlans = new Map<string, string>([['1', 'default']]);
  for (const node of tree.root.children) {
    const id = /^vlan\s+(\d+)$/.exec(node.text)?.[1];
    if (id) vlans.set(id, node.children.map((c) => /^name\s+(.*)$/.exec(c.text)?.[1]).find((n) => n !== undefined) ?? `VLAN${id.padStart(4, '0')}`);
  }
  const members = new Map<string, string[]>();
  for (const facts of interfacesOf(tree).filter((f) => /Ethernet/.test(f.name))) {
    const trunk = tree.find([`interface ${facts.name}`])?.children.some((c) => c.text === 'switchport mode trunk');
    if (trunk) continue;
    const id = facts.accessVlan ?? '1';
    members.set(id, [...(members.get(id) ?? []), shortName(facts.name)]);
  }
  const rows: string[] = [];
  for (const [id, name] of [...vlans].sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const ports = members.get(id) ?? [];
    const chunks = ports.length === 0 ? [''] : Array.from({ length: Math.ceil(ports.length / 4) }, (_, k) => ports.slice(k * 4, k * 4 + 4).join(', '));
    rows.push(`${col(id, 5)}${col(name, 33)}${col('active', 10)}${chunks[0]}`.trimEnd());
    for (const more of chunks.slice(1)) rows.push(`${' '.repeat(48)}${more}`);
  }
  for (const [id, name] of [['1002', 'fddi-default'], ['1003', 'token-ring-default'], ['1004', 'fddinet-default'], ['1005', 'trnet-default']]) {
    rows.push(`${col(id, 5)}${col(name, 33)}act/unsup`);
  }
  return `\n${col('VLAN', 5)}${col('Name', 33)}${col('Status', 10)}Ports\n---- -------------------------------- --------- -------------------------------\n${rows.join('\n')}\n`;
}

function inventory(device: DeviceView): string {
  const serial = serialOf(device.host, 'FOC');
  return [
    `NAME: "1", DESCR: "${MODEL}"`,
    `PID: ${MODEL}  , VID: V07  , SN: ${serial}`,
    '',
    'NAME: "Switch 1 - Power Supply 0", DESCR: "FRU Power Supply"',
    `PID: PWR-C2-250WAC      , VID: V01  , SN: LIT${serial.slice(3)}`,
    '',
    '',
  ].join('\n');
}
