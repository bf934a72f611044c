import type { SectionRule } from '../../config/config.dialect';
import { CommandDispatcher } from '../../shell/command.dispatcher';
import type { CliContext, CliLevel, CommandReply, DeviceView, Question } from '../../shell/shell.types';
import { clockParts, col, interfacesOf, uptimeOf } from '../common/device.facts';
import type { DeviceSeed } from '../platform.profile';
import { VrpFamilyProfile } from './vrp-family.profile';

/** HPE Comware 7 on a 5130 switch: VRP-like views, `%`-prefixed errors, `screen-length disable`. */
export class HpComwareProfile extends VrpFamilyProfile {
  readonly defaultHostname = 'HPE';
  readonly name = 'hp_comware';
  readonly sshIdent = 'Comware-7.1.064';
  protected readonly errorPrefix = '% ';
  protected readonly interfaceTypes = ['GigabitEthernet', 'Ten-GigabitEthernet', 'Bridge-Aggregation', 'LoopBack', 'M-GigabitEthernet', 'NULL', 'Vlan-interface'];
  protected readonly pagingOff = ['screen-length disable'];

  override banner(_device: DeviceView): string {
    return '\n******************************************************************************\n* Copyright (c) 2004-2021 New H3C Technologies Co., Ltd. All rights reserved.*\n* Without the owner\'s prior written consent,                                 *\n* no decompiling or reverse-engineering shall be allowed.                    *\n******************************************************************************\n\n';
  }

  protected addDisplayCommands(d: CommandDispatcher, levels: readonly CliLevel[]): void {
    d.add(levels, 'display version', (_a, ctx) => ({ output: version(ctx.device) }))
      .add(levels, 'display interface brief', (_a, ctx) => ({ output: interfaceBrief(ctx) }))
      .add(levels, 'display clock', () => ({ output: clock() }))
      .add(levels, 'undo screen-length disable', (_a, ctx) => {
        ctx.terminalLength = this.terminalLength;
        return {};
      });
  }

  protected configHeader(): string {
    return '#\n version 7.1.070, Release 6328';
  }

  protected initialConfig(seed: DeviceSeed): string {
    const ports = Array.from({ length: 6 }, (_, i) => {
      const lines = [' port link-mode bridge', ...(i === 0 ? [' description uplink', ' port link-type trunk'] : [])];
      if (i === 5) lines.push(' shutdown');
      return [`interface GigabitEthernet1/0/${i + 1}`, ...lines].join('\n');
    });
    return [
      `sysname ${seed.hostname}`,
      'lldp global enable',
      'vlan 1',
      'vlan 10\n name USERS',
      `interface Vlan-interface1\n ip address ${seed.host} 255.255.255.0`,
      ...ports,
      'ssh server enable',
      'line vty 0 63\n authentication-mode scheme\n user-role network-admin',
      `local-user ${seed.username} class manage\n password hash $h$6$sim$sim\n service-type ssh\n authorization-attribute user-role network-admin`,
    ].join('\n');
  }

  protected saveQuestion(done: (ctx: CliContext) => CommandReply): Question {
    const overwrite: Question = {
      answer: (line, ctx) => (/^y/i.test(line.trim()) ? done(ctx) : { output: 'Save canceled.\n' }),
      echo: true,
      prompt: 'flash:/startup.cfg exists, overwrite? [Y/N]:',
    };
    const filename: Question = {
      answer: () => ({ question: overwrite }),
      echo: true,
      prompt: 'Please input the file name(*.cfg)[flash:/startup.cfg]\n(To leave the existing filename unchanged, press the enter key):',
    };
    return {
      answer: (line) => (/^y/i.test(line.trim()) ? { question: filename } : { output: 'Save canceled.\n' }),
      echo: true,
      prompt: 'The current configuration will be written to the device. Are you sure? [Y/N]:',
    };
  }

  protected saveOutput(): string {
    return 'Validating file. Please wait...\nSaved the current configuration to mainboard device successfully.\n';
  }

  protected sectionRules(): SectionRule[] {
    return [
      { label: (m) => `vlan${m[1]}`, pattern: /^vlan\s+(\d+)$/i },
      { label: (m) => `ospf-${m[1]}`, pattern: /^ospf\s+(\d+)/i },
      { label: () => 'bgp-default', pattern: /^bgp\s+\d+/i },
      { label: (m) => `line-vty${m[1]}-${m[2]}`, pattern: /^line\s+vty\s+(\d+)\s+(\d+)$/i },
      { label: (m) => `luser-manage-${m[1]}`, pattern: /^local-user\s+(\S+)(?:\s+class\s+manage)?$/i },
    ];
  }
}

function version(device: DeviceView): string {
  const up = uptimeOf(device.bootedAt);
  return [
    'HPE Comware Software, Version 7.1.070, Release 6328',
    'Copyright (c) 2010-2021 Hewlett Packard Enterprise Development LP',
    `HPE 5130-24G-4SFP+ EI uptime is ${up.weeks} weeks, ${up.days} days, ${up.hours} hours, ${up.minutes} minutes`,
    'Last reboot reason : Cold reboot',
    '',
    'Boot image: flash:/5130ei-cmw710-boot-r3506p10.bin',
    'System image: flash:/5130ei-cmw710-system-r3506p10.bin',
    '',
  ].join('\n');
}

function interfaceBrief(ctx: CliContext): string {
  const all = interfacesOf(ctx.device.running, 'undo');
  const routed = all.filter((f) => !f.name.startsWith('GigabitEthernet'));
  const bridged = all.filter((f) => f.name.startsWith('GigabitEthernet'));
  const short = (n: string): string => n.replace(/^GigabitEthernet/, 'GE').replace(/^Vlan-interface/, 'Vlan');
  const routeRows = routed.map((f) => `${col(short(f.name), 21)}${col(f.shutdown ? 'ADM' : 'UP', 5)}${col(f.shutdown ? 'DOWN' : 'UP', 9)}${col(f.address ?? '--', 16)}${f.description}`.trimEnd());
  const bridgeRows = bridged.map((f, i) => {
    const up = !f.shutdown && i % 3 !== 1;
    const trunk = ctx.device.running.find([`interface ${f.name}`])?.children.some((c) => c.text === 'port link-type trunk');
    return `${col(short(f.name), 21)}${col(f.shutdown ? 'ADM' : up ? 'UP' : 'DOWN', 5)}${col(up ? '1G(a)' : 'auto', 8)}${col(up ? 'F(a)' : 'A', 7)}${col(trunk ? 'T' : 'A', 5)}${col(f.accessVlan ?? '1', 5)}${f.description}`.trimEnd();
  });
  return [
    'Brief information on interfaces in route mode:',
    'Link: ADM - administratively down; Stby - standby',
    'Protocol: (s) - spoofing',
    `${col('Interface', 21)}${col('Link', 5)}${col('Protocol', 9)}${col('Primary IP', 16)}Description`,
    ...routeRows,
    '',
    'Brief information on interfaces in bridge mode:',
    'Link: ADM - administratively down; Stby - standby',
    'Speed: (a) - auto',
    'Duplex: (a)/A - auto; H - half; F - full',
    'Type: A - access; T - trunk; H - hybrid',
    `${col('Interface', 21)}${col('Link', 5)}${col('Speed', 8)}${col('Duplex', 7)}${col('Type', 5)}${col('PVID', 5)}Description`,
    ...bridgeRows,
    '',
  ].join('\n');
}

function clock(): string {
  const c = clockParts();
  return `${c.hms} UTC ${c.day} ${String(c.month).padStart(2, '0')}/${String(c.dd).padStart(2, '0')}/${c.year}\n`;
}
