import { ANY_EXEC, CommandDispatcher } from '../../shell/command.dispatcher';
import type { CliContext, CliLevel, DeviceView } from '../../shell/shell.types';
import { clockParts, col, interfacesOf, serialOf, uptimeOf } from '../common/device.facts';
import type { DeviceSeed } from '../platform.profile';
import { CiscoFamilyProfile } from './cisco-family.profile';
import { ciscoDialect } from './cisco.dialect';

const VERSION = '7.3.2';

/**
 * Cisco IOS XR on an ASR 9000: `RP/0/RSP0/CPU0:host#` prompts, and config changes that stay in a
 * candidate until `commit` (`end` with pending changes asks whether to commit them).
 */
export class CiscoXrProfile extends CiscoFamilyProfile {
  readonly defaultHostname = 'ios';
  override readonly loginLevel: CliLevel = 'privileged';
  readonly name = 'cisco_xr';
  readonly sshIdent = 'Cisco-2.0';
  protected override readonly commitRequired = true;
  protected override readonly configBanner = '';
  protected readonly dialect = ciscoDialect(['GigabitEthernet', 'TenGigE', 'HundredGigE', 'MgmtEth', 'Loopback', 'Bundle-Ether', 'BVI']);
  protected override readonly promptPrefix = 'RP/0/RSP0/CPU0:';
  protected override readonly showInConfig = true;

  protected addShowCommands(exec: CommandDispatcher): void {
    exec
      .add(ANY_EXEC, 'show version', (_a, ctx) => ({ output: version(ctx.device) }))
      .add(ANY_EXEC, 'show ip interface brief', (_a, ctx) => ({ output: ipInterfaceBrief(ctx) }))
      .add(ANY_EXEC, ['show inventory', 'admin show inventory'], (_a, ctx) => ({ output: inventory(ctx.device) }))
      .add(ANY_EXEC, ['terminal exec prompt no-timestamp', 'terminal exec prompt timestamp'], () => ({}));
  }

  protected override clock(): string {
    const c = clockParts();
    return `${c.hms}.${c.ms} UTC ${c.day} ${c.mon} ${String(c.dd).padStart(2, '0')} ${c.year}\n`;
  }

  protected configHeader(_body: string, device: DeviceView): string {
    const c = clockParts(device.bootedAt);
    return `Building configuration...\n!! IOS XR Configuration ${VERSION}\n!! Last configuration change at ${c.day} ${c.mon} ${String(c.dd).padStart(2)} ${c.hms} ${c.year} by admin\n!\n`;
  }

  protected initialConfig(seed: DeviceSeed): string {
    const ports = Array.from({ length: 4 }, (_, i) => `interface GigabitEthernet0/0/0/${i}\n${i === 0 ? ' description uplink' : ' shutdown'}`);
    return [
      `hostname ${seed.hostname}`,
      'domain name sim.local',
      `username ${seed.username}\n group root-lr\n group cisco-support\n secret 10 $6$sim/sim$H0nSbe9pXq3u2d4B7Oq0e1`,
      `interface MgmtEth0/RSP0/CPU0/0\n ipv4 address ${seed.host} 255.255.255.0`,
      ...ports,
      'ssh server v2',
      'ssh server vrf default',
    ].join('\n');
  }
}

function version(device: DeviceView): string {
  const up = uptimeOf(device.bootedAt);
  return [
    '',
    `Cisco IOS XR Software, Version ${VERSION}`,
    'Copyright (c) 2013-2021 by Cisco Systems, Inc.',
    '',
    'Build Information:',
    ' Built By     : ingunawa',
    ' Built On     : Wed Oct 13 20:00:00 PDT 2021',
    ' Built Host   : iox-ucs-017',
    ' Workspace    : /auto/srcarchive17/prod/7.3.2/asr9k-x64/ws',
    ` Version      : ${VERSION}`,
    ' Location     : /opt/cisco/XR/packages/',
    ` Label        : ${VERSION}`,
    '',
    'cisco ASR9K () processor',
    `System uptime is ${up.weeks * 7 + up.days} days ${up.hours} hours ${up.minutes} minutes`,
    '',
  ].join('\n');
}

function ipInterfaceBrief(ctx: CliContext): string {
  const rows = interfacesOf(ctx.device.running).map((f) => {
    const status = f.shutdown ? 'Shutdown' : 'Up';
    return `${col(f.name, 31)}${col(f.address ?? 'unassigned', 16)}${col(status, 16)}${col(f.shutdown ? 'Down' : 'Up', 9)}default `;
  });
  return `\n${col('Interface', 31)}${col('IP-Address', 16)}${col('Status', 16)}${col('Protocol', 9)}Vrf-Name\n${rows.join('\n')}\n`;
}

function inventory(device: DeviceView): string {
  const serial = serialOf(device.host, 'FOC');
  return [
    'NAME: "module 0/RSP0/CPU0", DESCR: "ASR9K Route Switch Processor with 440G/slot Fabric and 6GB"',
    `PID: A9K-RSP440-SE, VID: V05, SN: ${serial}`,
    '',
    'NAME: "Rack 0", DESCR: "ASR 9006 4 Line Card Slot Chassis with V2 AC PEM"',
    `PID: ASR-9006-AC-V2, VID: V02, SN: ${serial.replace('FOC', 'FOX')}`,
    '',
  ].join('\n');
}
