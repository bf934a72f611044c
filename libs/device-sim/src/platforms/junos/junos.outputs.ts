import type { ConfigNode } from '../../config/config.tree';
import { ANY_EXEC, CommandDispatcher } from '../../shell/command.dispatcher';
import type { CliContext, DeviceView } from '../../shell/shell.types';
import { clockParts, col, serialOf, uptimeOf } from '../common/device.facts';
import { junosArp, junosLldp, junosLldpDetail, junosShowInterfaces } from './junos.interfaces';
import { junosBgpNeighbor, junosBgpSummary, junosChassisEnvironment, junosRoutingEngine, junosShowVlans, junosSwitchingTable } from './junos.protocols';

const VERSION = '21.4R3-S1.6';

/** Operational `show` commands of a Junos vMX, answered from the live configuration. */
export function junosOutputs(d: CommandDispatcher): void {
  d.add(ANY_EXEC, 'show version', (_a, ctx) => ({ output: version(ctx.device) }))
    .add(ANY_EXEC, 'show interfaces terse', (_a, ctx) => ({ output: interfacesTerse(ctx) }))
    .add(ANY_EXEC, 'show interfaces extensive', (_a, ctx) => ({ output: junosShowInterfaces(ctx, true) }))
    .add(ANY_EXEC, 'show interfaces', (_a, ctx) => ({ output: junosShowInterfaces(ctx) }))
    .add(ANY_EXEC, ['show arp no-resolve', 'show arp'], (_a, ctx) => ({ output: junosArp(ctx) }))
    .add(ANY_EXEC, 'show lldp neighbors', (_a, ctx) => ({ output: junosLldp(ctx) }))
    .add(ANY_EXEC, 'show lldp neighbors interface <name>', (a, ctx) => ({ output: junosLldpDetail(ctx, a.name) }))
    .add(ANY_EXEC, 'show ethernet-switching table', (_a, ctx) => ({ output: junosSwitchingTable(ctx) }))
    .add(ANY_EXEC, 'show vlans', (_a, ctx) => ({ output: junosShowVlans(ctx) }))
    .add(ANY_EXEC, 'show bgp summary', (_a, ctx) => ({ output: junosBgpSummary(ctx) }))
    .add(ANY_EXEC, 'show bgp neighbor', (_a, ctx) => ({ output: junosBgpNeighbor(ctx) }))
    .add(ANY_EXEC, 'show chassis environment', () => ({ output: junosChassisEnvironment() }))
    .add(ANY_EXEC, 'show chassis routing-engine', (_a, ctx) => ({ output: junosRoutingEngine(ctx) }))
    .add(ANY_EXEC, 'show system uptime', (_a, ctx) => ({ output: uptime(ctx.device) }))
    .add(ANY_EXEC, 'show chassis hardware', (_a, ctx) => ({ output: hardware(ctx.device) }));
}

function version(device: DeviceView): string {
  return [
    `Hostname: ${device.hostname}`,
    'Model: vmx',
    `Junos: ${VERSION}`,
    `JUNOS OS Kernel 64-bit  [20220801.b7f6f1f_builder_stable_12_214]`,
    `JUNOS OS libs [20220801.b7f6f1f_builder_stable_12_214]`,
    `JUNOS OS runtime [20220801.b7f6f1f_builder_stable_12_214]`,
    `JUNOS Packet Forwarding Engine Support (MX Common) [${VERSION}]`,
    `JUNOS Online Documentation [${VERSION}]`,
    `JUNOS Crypto Software Suite [${VERSION}]`,
    '',
  ].join('\n');
}

function interfacesTerse(ctx: CliContext): string {
  const interfaces = ctx.device.running.find(['interfaces'])?.children ?? [];
  const rows: string[] = [];
  for (const ifd of interfaces) {
    const down = ifd.children.some((c) => c.text === 'disable');
    const state = down ? 'down' : 'up';
    rows.push(`${col(ifd.text, 24)}${col(state, 6)}${state}`);
    for (const unit of ifd.children.filter((c) => c.text.startsWith('unit '))) {
      const families = unit.children.filter((c) => c.text.startsWith('family '));
      const name = `${ifd.text}.${unit.text.slice(5)}`;
      if (families.length === 0) rows.push(`${col(name, 24)}${col(state, 6)}${state}`);
      families.forEach((family, i) => {
        const proto = family.text.slice(7);
        const address = addressOf(family);
        const head = i === 0 ? `${col(name, 24)}${col(state, 6)}${col(state, 5)}` : ' '.repeat(35);
        rows.push(`${head}${col(proto, 9)}${address}`.trimEnd());
      });
    }
  }
  rows.push(`${col('lo0', 24)}${col('up', 6)}up`);
  return `${col('Interface', 24)}${col('Admin', 6)}${col('Link', 5)}${col('Proto', 9)}${col('Local', 24)}Remote\n${rows.join('\n')}\n`;
}

function addressOf(family: ConfigNode): string {
  return family.children.map((c) => /^address\s+(\S+)/.exec(c.text)?.[1]).find((a) => a !== undefined) ?? '';
}

function uptime(device: DeviceView): string {
  const now = clockParts();
  const boot = clockParts(device.bootedAt);
  const up = uptimeOf(device.bootedAt);
  const date = (c: ReturnType<typeof clockParts>): string => `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.dd).padStart(2, '0')} ${c.hms} UTC`;
  return [
    `Current time: ${date(now)}`,
    'Time Source:  LOCAL CLOCK ',
    `System booted: ${date(boot)} (${up.weeks}w${up.days}d ${String(up.hours).padStart(2, '0')}:${String(up.minutes).padStart(2, '0')} ago)`,
    `Protocols started: ${date(boot)} (${up.weeks}w${up.days}d ${String(up.hours).padStart(2, '0')}:${String(up.minutes).padStart(2, '0')} ago)`,
    `Last configured: ${date(boot)} (${up.weeks}w${up.days}d ${String(up.hours).padStart(2, '0')}:${String(up.minutes).padStart(2, '0')} ago) by admin`,
    `${now.hms.slice(0, 5)}  up ${up.weeks * 7 + up.days} days, ${up.hours}:${String(up.minutes).padStart(2, '0')}, 1 user, load averages: 0.12, 0.08, 0.05`,
    '',
  ].join('\n');
}

function hardware(device: DeviceView): string {
  const serial = serialOf(device.host, 'VM');
  const row = (item: string, version: string, part: string, sn: string, description: string): string =>
    `${col(item, 17)}${col(version, 9)}${col(part, 13)}${col(sn, 18)}${description}`;
  return [
    'Hardware inventory:',
    'Item             Version  Part number  Serial number     Description',
    row('Chassis', '', '', serial, 'VMX'),
    row('Midplane', 'REV 01', '750-070866', `${serial}M`, 'VMX Midplane'),
    row('Routing Engine 0', 'REV 01', '740-071280', `${serial}R`, 'RE-VMX'),
    row('CB 0', 'REV 01', '750-070866', `${serial}C`, 'VMX SCB'),
    row('FPC 0', 'REV 01', '750-070866', `${serial}F`, 'Virtual FPC'),
    row('  CPU', 'REV 01', 'RIOT-LITE', 'BUILTIN', 'LU-VMX'),
    row('  MIC 0', '', 'BUILTIN', 'BUILTIN', 'Virtual'),
    row('    PIC 0', '', 'BUILTIN', 'BUILTIN', 'Virtual'),
    '',
  ].join('\n');
}
