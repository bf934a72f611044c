import { ANY_EXEC, CommandDispatcher } from '../../shell/command.dispatcher';
import type { CliContext, CommandReply, DeviceView } from '../../shell/shell.types';
import { clockParts, col, interfacesOf, macOf, serialOf, uptimeOf } from '../common/device.facts';
import type { DeviceSeed } from '../platform.profile';
import { CiscoFamilyProfile } from './cisco-family.profile';
import { ciscoDialect } from './cisco.dialect';
import { CiscoConfigArchive } from './config-archive';
import { EosConfigSessions } from './eos-config.sessions';
import { eosShowInterfaces } from './interfaces.detail';
import { eosBgpNeighbors, eosBgpSummary, initialBgpConfig } from './bgp.tables';
import { eosCooling, eosPower, eosTemperature, eosTopOnce } from './environment.tables';
import { eosArp, eosLldp, eosLldpDetail, eosMacTable } from './neighbor.tables';

const VERSION = '4.28.0F';

/** Arista EOS (vEOS-lab): Cisco-like, `config-if-Et1` labels, terse `% Invalid input` errors. */
export class AristaEosProfile extends CiscoFamilyProfile {
  readonly defaultHostname = 'localhost';
  readonly name = 'arista_eos';
  readonly sshIdent = 'OpenSSH_8.4';
  protected override readonly configBanner = '';
  protected readonly dialect = ciscoDialect(['Ethernet', 'Management', 'Loopback', 'Port-Channel', 'Vlan', 'Vxlan'], (name) =>
    `config-if-${name.replace(/^Ethernet/, 'Et').replace(/^Management/, 'Ma').replace(/^Loopback/, 'Lo').replace(/^Port-Channel/, 'Po').replace(/^Vlan/, 'Vl')}`,
  );
  protected override readonly showInConfig = true;
  private readonly sessions = new EosConfigSessions();
  private readonly archive = new CiscoConfigArchive({
    applyLine: (line, ctx) => !super.handle(line, ctx).failed,
    globalKeywords: this.dialect.globalKeywords,
    renderConfig: (tree, device) => this.renderConfig(tree, device),
    style: 'eos',
  });

  override handle(line: string, ctx: CliContext): CommandReply {
    return this.sessions.handle(line, ctx) ?? this.archive.handle(line, ctx) ?? super.handle(line, ctx);
  }

  override prompt(ctx: CliContext): string {
    const session = this.sessions.activeName(ctx);
    if (session !== undefined && ctx.sections.length === 0) return `${ctx.device.hostname}(config-s-${session.slice(0, 6)})#`;
    return super.prompt(ctx);
  }

  override invalid(_offset: number, _ctx: CliContext): string {
    return '% Invalid input\n';
  }

  override incomplete(_ctx: CliContext): string {
    return '% Incomplete command\n';
  }

  override ambiguous(_token: string, _offset: number, _ctx: CliContext): string {
    return '% Ambiguous command\n';
  }

  protected addShowCommands(exec: CommandDispatcher): void {
    exec
      .add(ANY_EXEC, 'show version', (_a, ctx) => ({ output: version(ctx.device) }))
      .add(ANY_EXEC, 'show hostname', (_a, ctx) => ({ output: `Hostname: ${ctx.device.hostname}\nFQDN:     ${ctx.device.hostname}\n` }))
      .add(ANY_EXEC, 'show ip interface brief', (_a, ctx) => ({ output: ipInterfaceBrief(ctx) }))
      .add(ANY_EXEC, 'show interfaces status', (_a, ctx) => ({ output: interfacesStatus(ctx) }))
      .add(ANY_EXEC, ['show vlan', 'show vlan brief'], (_a, ctx) => ({ output: vlans(ctx) }))
      .add(ANY_EXEC, 'show inventory', (_a, ctx) => ({ output: inventory(ctx.device) }))
      .add(ANY_EXEC, 'show interfaces', (_a, ctx) => ({ output: eosShowInterfaces(ctx, EOS_LOOK) }))
      .add(ANY_EXEC, 'show ip arp', (_a, ctx) => ({ output: eosArp(ctx) }))
      .add(ANY_EXEC, 'show lldp neighbors', (_a, ctx) => ({ output: eosLldp(ctx) }))
      .add(ANY_EXEC, 'show lldp neighbors detail', (_a, ctx) => ({ output: eosLldpDetail(ctx) }))
      .add(ANY_EXEC, 'show mac address-table', (_a, ctx) => ({ output: eosMacTable(ctx) }))
      .add(ANY_EXEC, 'show ip bgp summary', (_a, ctx) => ({ output: eosBgpSummary(ctx) }))
      .add(ANY_EXEC, 'show ip bgp neighbors', (_a, ctx) => ({ output: eosBgpNeighbors(ctx) }))
      .add(ANY_EXEC, 'show environment cooling', (_a, ctx) => ({ output: eosCooling(ctx.device) }))
      .add(ANY_EXEC, 'show environment temperature', (_a, ctx) => ({ output: eosTemperature(ctx.device) }))
      .add(ANY_EXEC, 'show environment power', (_a, ctx) => ({ output: eosPower(ctx.device) }))
      .add(ANY_EXEC, 'show processes top once', (_a, ctx) => ({ output: eosTopOnce(ctx.device) }));
  }

  protected override clock(): string {
    const c = clockParts();
    return `${c.day} ${c.mon} ${String(c.dd).padStart(2)} ${c.hms} ${c.year}\nTimezone: UTC\nClock source: local\n`;
  }

  protected configHeader(_body: string, device: DeviceView): string {
    return `! Command: show running-config\n! device: ${device.hostname} (vEOS-lab, EOS-${VERSION})\n!\n! boot system flash:/vEOS-lab.swi\n!\n`;
  }

  protected override copyQuestion(): string | undefined {
    return undefined;
  }

  protected override saveOutput(): string {
    return 'Copy completed successfully.\n';
  }

  protected initialConfig(seed: DeviceSeed): string {
    const ports = Array.from({ length: 8 }, (_, i) => `interface Ethernet${i + 1}${i === 0 ? '\n description uplink\n switchport mode trunk' : ''}`);
    return [
      'no aaa root',
      `username ${seed.username} privilege 15 role network-admin secret sha512 $6$simsim$3Zq8h0bS7y1xQ2m4R5t6u7v8w9`,
      'transceiver qsfp default-mode 4x10G',
      'service routing protocols model multi-agent',
      `hostname ${seed.hostname}`,
      'spanning-tree mode mstp',
      'vlan 10\n name USERS',
      ...ports,
      `interface Management1\n ip address ${seed.host}/24`,
      'ip routing',
      initialBgpConfig(seed.host),
      'management api http-commands\n no shutdown',
    ].join('\n');
  }
}

function version(device: DeviceView): string {
  const up = uptimeOf(device.bootedAt);
  const mac = macOf(device.host, 0, 'cisco');
  return [
    'Arista vEOS-lab',
    'Hardware version: ',
    `Serial number: ${serialOf(device.host, 'SN')}`,
    `Hardware MAC address: ${mac}`,
    `System MAC address: ${mac}`,
    '',
    `Software image version: ${VERSION}`,
    'Architecture: x86_64',
    'Internal build version: 4.28.0F-26924507.4280F',
    'Internal build ID: 2b2f1a14-4be7-4c4b-8a50-4a3d5e5c9d11',
    'Image format version: 1.0',
    'Image optimization: None',
    '',
    'Kernel version: 5.4.190-server',
    '',
    `Uptime: ${up.weeks * 7 + up.days} days, ${up.hours} hours and ${up.minutes} minutes`,
    'Total memory: 3999372 kB',
    'Free memory: 2622180 kB',
    '',
  ].join('\n');
}

/** Same link pattern as `show interfaces status`: every third front-panel port is down. */
const EOS_LOOK = {
  up: (f: { name: string; shutdown: boolean }, i: number): boolean => !f.shutdown && (!/^Ethernet/.test(f.name) || i % 3 !== 2),
  hardware: (name: string): string => (/Loopback/.test(name) ? 'Loopback' : /Vlan/.test(name) ? 'Vlan' : 'Ethernet'),
  bandwidthKbit: (name: string): number => (/Loopback/.test(name) ? 0 : 1_000_000),
  mtu: (name: string): number => (/Loopback/.test(name) ? 65535 : /Management/.test(name) ? 1500 : 9214),
};

function short(name: string): string {
  return name.replace(/^Ethernet/, 'Et').replace(/^Management/, 'Ma');
}

function ipInterfaceBrief(ctx: CliContext): string {
  const rows = interfacesOf(ctx.device.running)
    .filter((f) => f.address !== undefined)
    .map((f) => `${col(f.name, 18)}${col(`${f.address ?? ''}/${f.mask ?? '32'}`, 22)}${col(f.shutdown ? 'adminDown' : 'up', 13)}${col(f.shutdown ? 'down' : 'up', 15)}${'1500'.padStart(11)}`);
  return `${' '.repeat(72)}Address\n${col('Interface', 18)}${col('IP Address', 22)}${col('Status', 13)}${col('Protocol', 15)}${'MTU'.padStart(11)}    Owner\n----------------- --------------------- ------------ -------------- ----------- -------\n${rows.join('\n')}\n`;
}

function interfacesStatus(ctx: CliContext): string {
  const rows = interfacesOf(ctx.device.running)
    .filter((f) => /^(Ethernet|Management)/.test(f.name))
    .map((f, i) => {
      const up = !f.shutdown && (f.name.startsWith('Management') || i % 3 !== 2);
      const trunk = ctx.device.running.find([`interface ${f.name}`])?.children.some((c) => c.text === 'switchport mode trunk');
      const vlan = f.name.startsWith('Management') ? 'routed' : trunk ? 'trunk' : (f.accessVlan ?? '1');
      const status = f.shutdown ? 'disabled' : up ? 'connected' : 'notconnect';
      return `${col(short(f.name), 11)}${col(f.description.slice(0, 9), 10)}${col(status, 13)}${col(vlan, 9)}${col(up ? 'full' : 'auto', 7)}${col(up ? '1G' : 'auto', 7)}EbraTestPhyPort`;
    });
  return `${col('Port', 11)}${col('Name', 10)}${col('Status', 13)}${col('Vlan', 9)}${col('Duplex', 7)}${col('Speed', 7)}Type            Flags Encapsulation\n${rows.join('\n')}\n`;
}

function vlans(ctx: CliContext): string {
  const ports = interfacesOf(ctx.device.running).filter(
    (f) => f.name.startsWith('Ethernet') && !ctx.device.running.find([`interface ${f.name}`])?.children.some((c) => c.text === 'switchport mode trunk'),
  );
  const row = (id: string, name: string): string =>
    `${col(id, 6)}${col(name, 33)}${col('active', 10)}${ports
      .filter((f) => (f.accessVlan ?? '1') === id)
      .map((f) => short(f.name))
      .join(', ')}`.trimEnd();
  return `${col('VLAN', 6)}${col('Name', 33)}${col('Status', 10)}Ports\n----- -------------------------------- --------- -------------------------------\n${row('1', 'default')}\n${row('10', 'USERS')}\n`;
}

function inventory(device: DeviceView): string {
  return [
    'System information',
    '  Model                    Description',
    '  ------------------------ ----------------------------------------------------',
    '  vEOS-lab                 Arista Networks EOS',
    '',
    '  HW Version  Serial Number  Mfg Date',
    '  ----------- -------------- ----------',
    `  11.00       ${col(serialOf(device.host, 'SN'), 15)}2021-09-01`,
    '',
    'System has 1 power supply slot',
    '',
    'System has 8 port',
    '',
  ].join('\n');
}
