import { ANY_EXEC, CommandDispatcher } from '../../shell/command.dispatcher';
import type { DeviceView } from '../../shell/shell.types';
import { uptimeOf, uptimeText } from '../common/device.facts';
import type { DeviceSeed } from '../platform.profile';
import { CiscoFamilyProfile } from './cisco-family.profile';
import { ciscoDialect } from './cisco.dialect';

/** A plain Cisco-like CLI for drivers that only need prompts, enable and config mode (netmiko `generic`). */
export class GenericProfile extends CiscoFamilyProfile {
  readonly defaultHostname = 'device';
  readonly name = 'generic';
  readonly sshIdent = 'OpenSSH_8.9';
  protected readonly dialect = ciscoDialect(['Ethernet', 'GigabitEthernet', 'Loopback', 'Vlan', 'Management']);

  protected addShowCommands(exec: CommandDispatcher): void {
    exec.add(ANY_EXEC, 'show version', (_a, ctx) => ({ output: version(ctx.device) }));
  }

  protected configHeader(body: string, _device: DeviceView): string {
    return `Building configuration...\n\nCurrent configuration : ${body.length} bytes\n!\n`;
  }

  protected initialConfig(seed: DeviceSeed): string {
    return [`hostname ${seed.hostname}`, `username ${seed.username} privilege 15`, 'interface Ethernet1', `interface Management1\n ip address ${seed.host} 255.255.255.0`].join('\n');
  }
}

function version(device: DeviceView): string {
  return `Generic Network OS, Version 1.0.0\n${device.hostname} uptime is ${uptimeText(uptimeOf(device.bootedAt))}\n`;
}
