import type { ConfigNode } from '../../config/config.tree';
import type { CliContext } from '../../shell/shell.types';
import { addressNumber, clockParts, col, macOf, uptimeOf } from '../common/device.facts';
import { countersOf } from '../common/interface.counters';

/** One logical unit and its inet addresses (`address 127.0.1.1/24`). */
interface JunosUnit {
  readonly addresses: readonly string[];
  readonly families: readonly string[];
  readonly name: string;
}

/** A physical interface as the running configuration describes it (lo0 always exists). */
export interface JunosInterface {
  readonly description: string;
  readonly enabled: boolean;
  readonly index: number;
  readonly name: string;
  readonly units: readonly JunosUnit[];
}

function leaf(node: ConfigNode, keyword: string): string | undefined {
  return node.children.map((c) => new RegExp(`^${keyword}\\s+(.*)$`).exec(c.text)?.[1]).find((v) => v !== undefined);
}

/** Physical interfaces from `interfaces { ... }`, then `lo0` when not configured. */
export function junosInterfaces(ctx: CliContext): JunosInterface[] {
  const nodes = ctx.device.running.find(['interfaces'])?.children ?? [];
  const out: JunosInterface[] = nodes.map((ifd, i) => ({
    description: (leaf(ifd, 'description') ?? '').replace(/^"(.*)"$/, '$1'),
    enabled: !ifd.children.some((c) => c.text === 'disable'),
    index: i,
    name: ifd.text,
    units: ifd.children
      .filter((c) => c.text.startsWith('unit '))
      .map((unit) => ({
        addresses: unit.children.filter((f) => f.text.startsWith('family inet')).flatMap((f) => f.children.map((a) => /^address\s+(\S+)/.exec(a.text)?.[1]).filter((a): a is string => a !== undefined)),
        families: unit.children.filter((f) => f.text.startsWith('family ')).map((f) => f.text.slice(7)),
        name: `${ifd.text}.${unit.text.slice(5)}`,
      })),
  }));
  if (!out.some((f) => f.name === 'lo0')) out.push({ description: '', enabled: true, index: out.length, name: 'lo0', units: [] });
  return out;
}

/** `127.19.4.0/24` the way Junos prints a destination: trailing zero octets dropped (`127.19.4/24`). */
function destination(cidr: string): { broadcast: string; destination: string; local: string } {
  const [local, lenText = '32'] = cidr.split('/');
  const len = Number(lenText);
  const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
  const n = addressNumber(local);
  const net = (n & mask) >>> 0;
  const bcast = (net | (~mask >>> 0)) >>> 0;
  const dotted = (v: number): string[] => [24, 16, 8, 0].map((s) => String((v >>> s) & 0xff));
  const octets = dotted(net);
  while (octets.length > 1 && octets.at(-1) === '0') octets.pop();
  return { broadcast: dotted(bcast).join('.'), destination: `${octets.join('.')}/${len}`, local };
}

function since(ctx: CliContext): string {
  const flapped = new Date(ctx.device.bootedAt.getTime() + 60_000);
  const c = clockParts(flapped);
  const up = uptimeOf(flapped);
  return `${c.year}-${String(c.month).padStart(2, '0')}-${String(c.dd).padStart(2, '0')} ${c.hms} UTC (${up.weeks}w${up.days}d ${String(up.hours).padStart(2, '0')}:${String(up.minutes).padStart(2, '0')} ago)`;
}

/** `show interfaces` (the default, detail-less view) for every physical interface and its units. */
export function junosShowInterfaces(ctx: CliContext): string {
  return junosInterfaces(ctx)
    .map((f) => {
      const loopback = f.name.startsWith('lo');
      const mac = macOf(ctx.device.host, f.index + 1);
      const c = countersOf(ctx.device.host, f.index, f.enabled && !loopback, ctx.device.bootedAt);
      const lines = [
        `Physical interface: ${f.name}, ${f.enabled ? 'Enabled' : 'Administratively down'}, Physical link is ${f.enabled ? 'Up' : 'Down'}`,
        `  Interface index: ${148 + f.index}, SNMP ifIndex: ${526 + f.index}`,
      ];
      if (f.description) lines.push(`  Description: ${f.description}`);
      lines.push(
        loopback
          ? '  Type: Loopback, Link-level type: Unspecified, MTU: Unlimited, Speed: Unlimited'
          : '  Link-level type: Ethernet, MTU: 1514, Link-mode: Full-duplex, Speed: 1000mbps, BPDU Error: None, Loop Detect PDU Error: None, MAC-REWRITE Error: None, Loopback: Disabled, Source filtering: Disabled, Flow control: Enabled',
        `  Device flags   : Present Running${f.enabled ? '' : ' Down'}`,
        `  Interface flags: ${f.enabled ? 'SNMP-Traps' : 'Hardware-Down Disabled SNMP-Traps'} Internal: 0x4000`,
        '  Link flags     : None',
      );
      if (!loopback) lines.push('  CoS queues     : 8 supported, 8 maximum usable queues', `  Current address: ${mac}, Hardware address: ${mac}`);
      lines.push(`  Last flapped   : ${loopback ? 'Never' : since(ctx)}`, `  Input rate     : ${c.rxBps} bps (${c.rxPps} pps)`, `  Output rate    : ${c.txBps} bps (${c.txPps} pps)`);
      if (!loopback) lines.push('  Active alarms  : None', '  Active defects : None', '  Interface transmit statistics: Disabled');
      f.units.forEach((u, k) => {
        lines.push('', `  Logical interface ${u.name} (Index ${338 + f.index * 8 + k}) (SNMP ifIndex ${527 + f.index * 8 + k})`);
        lines.push(`    Flags: ${f.enabled ? 'Up' : 'Down'} SNMP-Traps 0x4004000 Encapsulation: ENET2`, `    Input packets : ${c.rxPackets}`, `    Output packets: ${c.txPackets}`);
        for (const family of u.families) {
          lines.push(`    Protocol ${family}, MTU: 1500`, '      Flags: Sendbcast-pkt-to-re');
          if (family !== 'inet') continue;
          for (const a of u.addresses) {
            const d = destination(a);
            lines.push('      Addresses, Flags: Is-Preferred Is-Primary', `        Destination: ${d.destination}, Local: ${d.local}, Broadcast: ${d.broadcast}`);
          }
        }
      });
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}

/** Gateways learned on addressed units: `.254` of the subnet (`.1` when the device is `.254`). */
function arpEntries(ctx: CliContext): Array<{ address: string; iface: string; mac: string }> {
  return junosInterfaces(ctx)
    .filter((f) => f.enabled)
    .flatMap((f) => f.units.flatMap((u) => u.addresses.map((a) => ({ a: a.split('/')[0], u }))))
    .map(({ a, u }) => {
      const own = a.split('.');
      const peer = [...own.slice(0, 3), own[3] === '254' ? '1' : '254'].join('.');
      return { address: peer, iface: u.name, mac: macOf(peer, 0xfe) };
    });
}

/** `show arp no-resolve`. */
export function junosArp(ctx: CliContext): string {
  const rows = arpEntries(ctx).map((e) => `${col(e.mac, 18)}${col(e.address, 16)}${col(e.iface, 25)}none`);
  return `MAC Address       Address         Interface                Flags\n${rows.join('\n')}${rows.length > 0 ? '\n' : ''}Total entries: ${rows.length}\n`;
}

/** `show lldp neighbors`: a core switch on the first enabled ge- port, when `protocols lldp` is configured. */
export function junosLldp(ctx: CliContext): string {
  const header = 'Local Interface    Parent Interface    Chassis Id          Port info          System Name';
  if (!ctx.device.running.find(['protocols', 'lldp'])) return 'LLDP : Disabled\n';
  const port = junosInterfaces(ctx).find((f) => f.enabled && /^(ge|xe|et)-/.test(f.name));
  if (!port) return `${header}\n`;
  const name = `core-${(addressNumber(ctx.device.host) % 100).toString().padStart(2, '0')}`;
  return `${header}\n${col(port.name, 19)}${col('-', 20)}${col(macOf(ctx.device.host, 0xfd), 20)}${col('ge-0/0/47', 19)}${name}\n`;
}
