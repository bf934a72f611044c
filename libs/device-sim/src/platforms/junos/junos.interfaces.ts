import type { ConfigNode } from '../../config/config.tree';
import type { CliContext } from '../../shell/shell.types';
import { addressNumber, clockParts, col, macOf, uptimeOf } from '../common/device.facts';
import { countersOf, InterfaceCounters } from '../common/interface.counters';

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

/** `show interfaces [extensive]` for every physical interface and its units (extensive adds the statistics blocks). */
export function junosShowInterfaces(ctx: CliContext, extensive = false): string {
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
      if (extensive) lines.push(...statistics(c, loopback));
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
  const peer = junosLldpPeer(ctx);
  if (!peer) return `${header}\n`;
  return `${header}\n${col(peer.local, 19)}${col('-', 20)}${col(peer.chassis, 20)}${col(peer.port, 19)}${peer.name}\n`;
}

const num = (n: number, width: number): string => String(n).padStart(width);

/** The statistics blocks `show interfaces extensive` adds to a physical interface (MAC statistics on Ethernet ports only). */
function statistics(c: InterfaceCounters, loopback: boolean): string[] {
  const lines = [
    '  Traffic statistics:',
    `   Input  bytes  :          ${num(c.rxBytes, 16)}          ${num(c.rxBps, 12)} bps`,
    `   Output bytes  :          ${num(c.txBytes, 16)}          ${num(c.txBps, 12)} bps`,
    `   Input  packets:          ${num(c.rxPackets, 16)}          ${num(c.rxPps, 12)} pps`,
    `   Output packets:          ${num(c.txPackets, 16)}          ${num(c.txPps, 12)} pps`,
    '  Input errors:',
    `    Errors: ${c.rxErrors}, Drops: ${c.rxDiscards}, Framing errors: 0, Runts: 0, Policed discards: 0, L3 incompletes: 0, L2 channel errors: 0, L2 mismatch timeouts: 0, FIFO errors: 0, Resource errors: 0`,
    '  Output errors:',
    `    Carrier transitions: ${loopback ? 0 : 1}, Errors: ${c.txErrors}, Drops: ${c.txDiscards}, Collisions: 0, Aged packets: 0, FIFO errors: 0, HS link CRC errors: 0, MTU errors: 0, Resource errors: 0`,
  ];
  if (loopback) return lines;
  const row = (label: string, rx: number, tx?: number): string => `    ${label.padEnd(28)}${num(rx, 14)}${tx === undefined ? '' : num(tx, 17)}`;
  return [
    ...lines,
    '  MAC statistics:                      Receive         Transmit',
    row('Total octets', c.rxBytes, c.txBytes),
    row('Total packets', c.rxPackets, c.txPackets),
    row('Unicast packets', c.rxPackets - c.rxBroadcasts - c.rxMulticasts, c.txPackets - c.txBroadcasts - c.txMulticasts),
    row('Broadcast packets', c.rxBroadcasts, c.txBroadcasts),
    row('Multicast packets', c.rxMulticasts, c.txMulticasts),
    row('CRC/Align errors', c.rxCrc, 0),
    row('FIFO errors', 0, 0),
    row('MAC control frames', 0, 0),
    row('MAC pause frames', 0, 0),
    row('Oversized frames', 0),
    row('Jabber frames', 0),
    row('Fragment frames', 0),
    row('VLAN tagged frames', 0),
    row('Code violations', 0),
    row('Total errors', c.rxErrors, c.txErrors),
  ];
}

/** The LLDP neighbour `show lldp neighbors` lists: a core switch on the first enabled ge- port. */
export function junosLldpPeer(ctx: CliContext): { chassis: string; local: string; name: string; port: string } | undefined {
  if (!ctx.device.running.find(['protocols', 'lldp'])) return undefined;
  const port = junosInterfaces(ctx).find((f) => f.enabled && /^(ge|xe|et)-/.test(f.name));
  if (!port) return undefined;
  return { chassis: macOf(ctx.device.host, 0xfd), local: port.name, name: `core-${(addressNumber(ctx.device.host) % 100).toString().padStart(2, '0')}`, port: 'ge-0/0/47' };
}

/** `show lldp neighbors interface <name>`: the neighbour's detail on that port (nothing when there is none). */
export function junosLldpDetail(ctx: CliContext, iface: string): string {
  const peer = junosLldpPeer(ctx);
  if (!peer || peer.local !== iface) return '';
  const index = junosInterfaces(ctx).find((f) => f.name === iface)?.index ?? 0;
  const c = clockParts();
  return [
    'LLDP Neighbor Information:',
    'Local Information:',
    `Index: 1 Time to live: 120 Time mark: ${c.day} ${c.mon} ${String(c.dd).padStart(2)} ${c.hms} ${c.year} Age: 17 secs`,
    `Local Interface    : ${iface}`,
    'Parent Interface   : -',
    `Local Port ID      : ${526 + index}`,
    'Ageout Count       : 0',
    '',
    'Neighbour Information:',
    'Chassis type       : Mac address',
    `Chassis ID         : ${peer.chassis}`,
    'Port type          : Interface name',
    `Port ID            : ${peer.port}`,
    'Port description   : to-edge',
    `System name        : ${peer.name}`,
    '',
    'System Description : Juniper Networks, Inc. ex4300-48t Ethernet Switch, kernel JUNOS 21.4R3-S1.6, Build date: 2022-08-01 12:00:00 UTC Copyright (c) 1996-2022 Juniper Networks, Inc.',
    '',
    'System capabilities',
    '        Supported: Bridge Router',
    '        Enabled  : Bridge Router',
    '',
    'Management Information',
    'Port ID            : 574',
    'Port Index         : 0',
    '',
  ].join('\n');
}
