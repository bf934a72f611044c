import type { SectionRule } from '../../config/config.dialect';
import { CommandDispatcher } from '../../shell/command.dispatcher';
import type { CliContext, CliLevel, CommandReply, DeviceView, Question } from '../../shell/shell.types';
import { clockParts, col, interfacesOf, uptimeOf, uptimeText } from '../common/device.facts';
import type { DeviceSeed } from '../platform.profile';
import { VrpFamilyProfile } from './vrp-family.profile';

const MODEL = 'S5720-28X-SI-AC';

/** Huawei VRP on an S5720 campus switch. */
export class HuaweiProfile extends VrpFamilyProfile {
  readonly defaultHostname = 'HUAWEI';
  readonly name = 'huawei';
  readonly sshIdent = 'HUAWEI-1.5';
  protected readonly errorPrefix = 'Error: ';
  protected readonly interfaceTypes = ['GigabitEthernet', 'XGigabitEthernet', 'Eth-Trunk', 'LoopBack', 'MEth', 'NULL', 'Vlanif'];
  protected readonly pagingOff = ['screen-length 0 temporary'];

  protected addDisplayCommands(d: CommandDispatcher, levels: readonly CliLevel[]): void {
    d.add(levels, 'display version', (_a, ctx) => ({ output: version(ctx.device) }))
      .add(levels, 'display interface brief', (_a, ctx) => ({ output: interfaceBrief(ctx) }))
      .add(levels, 'display clock', () => ({ output: clock() }));
  }

  protected configHeader(): string {
    return '!Software Version V200R019C10SPC500';
  }

  protected initialConfig(seed: DeviceSeed): string {
    const ports = Array.from({ length: 6 }, (_, i) => {
      const lines = i === 0 ? [' description uplink', ' port link-type trunk'] : [' port link-type access'];
      if (i === 5) lines.push(' shutdown');
      return [`interface GigabitEthernet0/0/${i + 1}`, ...lines].join('\n');
    });
    return [
      `sysname ${seed.hostname}`,
      'vlan batch 10',
      'stp mode rstp',
      'aaa',
      ` local-user ${seed.username} password irreversible-cipher $1a$sim$sim`,
      ` local-user ${seed.username} privilege level 15`,
      ` local-user ${seed.username} service-type ssh`,
      `interface Vlanif1\n ip address ${seed.host} 255.255.255.0`,
      'interface MEth0/0/1',
      ...ports,
      'interface NULL0',
      'stelnet server enable',
      `ssh user ${seed.username} authentication-type password`,
      'user-interface vty 0 4\n authentication-mode aaa\n protocol inbound ssh',
    ].join('\n');
  }

  protected saveQuestion(done: (ctx: CliContext) => CommandReply): Question {
    return {
      answer: (line, ctx) => (/^y/i.test(line.trim()) ? done(ctx) : { output: 'Info: Save canceled.\n' }),
      echo: true,
      prompt: 'The current configuration will be written to the device.\nAre you sure to continue?[Y/N]',
    };
  }

  protected saveOutput(): string {
    return 'Now saving the current configuration to the slot 0.\nSave the configuration successfully.\n';
  }

  protected sectionRules(): SectionRule[] {
    return [
      { label: (m) => `vlan${m[1]}`, pattern: /^vlan\s+(\d+)$/i },
      { label: () => 'aaa', pattern: /^aaa$/i },
      { label: (m) => `ospf-${m[1]}`, pattern: /^ospf\s+(\d+)/i },
      { label: () => 'bgp', pattern: /^bgp\s+\d+/i },
      { label: (m) => `ui-vty${m[1]}-${m[2]}`, pattern: /^user-interface\s+vty\s+(\d+)\s+(\d+)$/i },
    ];
  }
}

function version(device: DeviceView): string {
  return [
    'Huawei Versatile Routing Platform Software',
    `VRP (R) software, Version 5.170 (${MODEL.slice(0, 5)} V200R019C10SPC500)`,
    'Copyright (C) 2000-2020 HUAWEI TECH CO., LTD',
    `HUAWEI ${MODEL} Routing Switch uptime is ${uptimeText(uptimeOf(device.bootedAt))}`,
    '',
  ].join('\n');
}

function interfaceBrief(ctx: CliContext): string {
  const legend = [
    'PHY: Physical',
    '*down: administratively down',
    '^down: standby',
    '(l): loopback',
    '(s): spoofing',
    '(E): E-Trunk down',
    '(b): BFD down',
    '(e): ETHOAM down',
    '(dl): DLDP down',
    '(d): Dampening Suppressed',
    'InUti/OutUti: input utility/output utility',
  ];
  const rows = interfacesOf(ctx.device.running, 'undo').map((f, i) => {
    const up = !f.shutdown && (!f.name.startsWith('GigabitEthernet') || i % 3 !== 1);
    const phy = f.shutdown ? '*down' : up ? 'up' : 'down';
    const proto = f.name.startsWith('NULL') ? 'up(s)' : up ? 'up' : 'down';
    return `${col(f.name, 28)}${col(phy, 6)}${col(proto, 9)}${'0%'.padStart(5)}${'0%'.padStart(7)}${'0'.padStart(11)}${'0'.padStart(11)}`;
  });
  return `${legend.join('\n')}\n${col('Interface', 28)}${col('PHY', 6)}${col('Protocol', 9)}InUti OutUti   inErrors  outErrors\n${rows.join('\n')}\n`;
}

function clock(): string {
  const c = clockParts();
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.dd).padStart(2, '0')} ${c.hms}\n${['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][new Date().getUTCDay()]}\nTime Zone(UTC) : UTC\n`;
}
