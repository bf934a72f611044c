import type { ConfigNode } from '../../config/config.tree';
import type { CliContext } from '../../shell/shell.types';
import { addressNumber, col, macOf, uptimeOf } from '../common/device.facts';
import { junosInterfaces } from './junos.interfaces';

function leafOf(node: ConfigNode | undefined, keyword: string): string | undefined {
  return node?.children.map((c) => new RegExp(`^${keyword}\\s+(.*)$`).exec(c.text)?.[1]).find((v) => v !== undefined)?.replace(/^"(.*)"$/, '$1');
}

/** VLANs of `vlans { NAME { vlan-id N; } }` and the access units that are members (`family ethernet-switching vlan members NAME`). */
function junosVlans(ctx: CliContext): Array<{ id: number; members: string[]; name: string }> {
  const vlans = (ctx.device.running.find(['vlans'])?.children ?? []).map((v) => ({ id: Number(leafOf(v, 'vlan-id') ?? 0), members: [] as string[], name: v.text }));
  for (const f of ctx.device.running.find(['interfaces'])?.children ?? []) {
    for (const unit of f.children.filter((c) => c.text.startsWith('unit '))) {
      const family = unit.children.find((c) => c.text === 'family ethernet-switching');
      const member = leafOf(family, 'vlan members');
      const vlan = vlans.find((v) => v.name === member || String(v.id) === member);
      if (vlan) vlan.members.push(`${f.text}.${unit.text.slice(5)}`);
    }
  }
  return vlans.sort((a, b) => a.name.localeCompare(b.name));
}

/** ELS `show vlans`. */
export function junosShowVlans(ctx: CliContext): string {
  const up = new Set(junosInterfaces(ctx).filter((f) => f.enabled).map((f) => f.name));
  const rows = junosVlans(ctx).flatMap((v) => [
    `${col('default-switch', 24)}${col(v.name, 22)}${col(String(v.id), 13)}`.trimEnd(),
    ...v.members.map((m) => `${' '.repeat(59)}${m}${up.has(m.split('.')[0]) ? '*' : ''}`),
  ]);
  return `\n${col('Routing instance', 24)}${col('VLAN name', 22)}${col('Tag', 13)}Interfaces\n${rows.join('\n')}\n\n`;
}

/** ELS `show ethernet-switching table`: one learned MAC per up access unit. */
export function junosSwitchingTable(ctx: CliContext): string {
  const up = junosInterfaces(ctx).filter((f) => f.enabled);
  const rows = junosVlans(ctx).flatMap((v) =>
    v.members
      .filter((m) => up.some((f) => f.name === m.split('.')[0]))
      .map((m) => {
        const index = up.findIndex((f) => f.name === m.split('.')[0]);
        return `   ${col(v.name, 20)}${col(macOf(`127.90.${index}.${v.id % 256}`, index + 0x10), 20)}${col('D', 12)}${col('-', 5)}${col(m, 23)}${col('0', 10)}0`;
      }),
  );
  return [
    'MAC flags (S - static MAC, D - dynamic MAC, L - locally learned, P - Persistent static',
    '           SE - statistics enabled, NM - non configured MAC, R - remote PE MAC, O - ovsdb MAC)',
    '',
    '',
    `Ethernet switching table : ${rows.length} entries, ${rows.length} learned`,
    'Routing instance : default-switch',
    '   Vlan                MAC                 MAC         Age    Logical                NH        RTR ',
    '   name                address             flags              interface              Index     ID',
    ...rows,
    '',
  ].join('\n');
}

interface JunosPeer {
  readonly address: string;
  readonly description: string;
  readonly established: boolean;
  readonly group: string;
  readonly peerAs: number;
  readonly received: number;
  readonly accepted: number;
  readonly sent: number;
  readonly since: number;
  readonly messages: number;
}

/** `protocols bgp group G neighbor X` with `peer-as` (neighbour or group) and `description`; Established when X is on an enabled unit's subnet. */
function junosBgp(ctx: CliContext): { localAs: number; routerId: string; peers: JunosPeer[] } | undefined {
  const bgp = ctx.device.running.find(['protocols', 'bgp']);
  if (!bgp) return undefined;
  const options = ctx.device.running.find(['routing-options']);
  const localAs = Number(leafOf(options, 'autonomous-system') ?? 0);
  const routerId = leafOf(options, 'router-id') ?? ctx.device.host;
  const subnets = junosInterfaces(ctx)
    .filter((f) => f.enabled)
    .flatMap((f) => f.units.flatMap((u) => u.addresses))
    .map((a) => {
      const [ip, len] = a.split('/');
      const mask = Number(len) === 0 ? 0 : (0xffffffff << (32 - Number(len))) >>> 0;
      return { mask, net: (addressNumber(ip) & mask) >>> 0 };
    });
  const up = uptimeOf(ctx.device.bootedAt);
  const bootSeconds = ((up.weeks * 7 + up.days) * 24 + up.hours) * 3600 + up.minutes * 60 + up.seconds;
  const peers: JunosPeer[] = [];
  for (const group of bgp.children.filter((g) => g.text.startsWith('group '))) {
    for (const n of group.children.filter((c) => c.text.startsWith('neighbor '))) {
      const address = n.text.slice(9);
      const established = subnets.some((s) => ((addressNumber(address) & s.mask) >>> 0) === s.net);
      const seed = addressNumber(address) % 40;
      const since = Math.max(60, bootSeconds - 3600 - seed * 60);
      const received = established ? 10 + seed : 0;
      peers.push({
        accepted: established ? received - (seed % 3) : 0,
        address,
        description: leafOf(n, 'description') ?? leafOf(group, 'description') ?? '',
        established,
        group: group.text.slice(6),
        messages: established ? Math.floor(since / 30) + 5 : 0,
        peerAs: Number(leafOf(n, 'peer-as') ?? leafOf(group, 'peer-as') ?? localAs),
        received,
        sent: established ? 3 + (seed % 5) : 0,
        since,
      });
    }
  }
  return { localAs, peers, routerId };
}

/** Junos `Last Up/Dwn`: `h:mm:ss` under a day, then `Nd h:mm:ss`, then `NwNd h:mm:ss`. */
function junosElapsed(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const clock = `${Math.floor((seconds % 86400) / 3600)}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  if (days === 0) return clock;
  return days < 7 ? `${days}d ${clock}` : `${Math.floor(days / 7)}w${days % 7}d ${clock}`;
}

const NOT_RUNNING = '\nBGP is not running\n';

/** `show bgp summary`. */
export function junosBgpSummary(ctx: CliContext): string {
  const bgp = junosBgp(ctx);
  if (!bgp) return NOT_RUNNING;
  const paths = bgp.peers.reduce((n, p) => n + p.received, 0);
  const active = bgp.peers.reduce((n, p) => n + p.accepted, 0);
  const groups = new Set(bgp.peers.map((p) => p.group)).size;
  const rows = bgp.peers.flatMap((p) => {
    const head = `${col(p.address, 22)}${String(p.peerAs).padStart(6)}${String(p.messages).padStart(11)}${String(p.messages - 2 > 0 ? p.messages - 2 : 0).padStart(11)}${String(0).padStart(8)}${String(0).padStart(8)} ${junosElapsed(p.since).padStart(11)} `;
    return p.established ? [`${head}Establ`, `  inet.0: ${p.accepted}/${p.received}/${p.accepted}/0`] : [`${head}Active`];
  });
  return [
    'Threading mode: BGP I/O',
    'Default eBGP mode: advertise - accept, receive - accept',
    `Groups: ${groups} Peers: ${bgp.peers.length} Down peers: ${bgp.peers.filter((p) => !p.established).length}`,
    'Table          Tot Paths  Act Paths Suppressed    History Damp State    Pending',
    'inet.0',
    `${String(paths).padStart(24)}${String(active).padStart(11)}          0          0          0          0`,
    'Peer                     AS      InPkt     OutPkt    OutQ   Flaps Last Up/Dwn State|#Active/Received/Accepted/Damped...',
    ...rows,
    '',
  ].join('\n');
}

/** `show bgp neighbor`. */
export function junosBgpNeighbor(ctx: CliContext): string {
  const bgp = junosBgp(ctx);
  if (!bgp) return NOT_RUNNING;
  return bgp.peers
    .map((p) => {
      const port = 40000 + (addressNumber(p.address) % 20000);
      const external = p.peerAs !== bgp.localAs;
      const lines = [
        p.established ? `Peer: ${p.address}+179 AS ${p.peerAs} Local: ${ctx.device.host}+${port} AS ${bgp.localAs}` : `Peer: ${p.address} AS ${p.peerAs} Local: unspecified AS ${bgp.localAs}`,
      ];
      if (p.description) lines.push(`  Description: ${p.description}`);
      lines.push(`  Group: ${col(p.group, 17)}Routing-Instance: master`, '  Forwarding routing-instance: master');
      lines.push(`  Type: ${external ? 'External' : 'Internal'}    State: ${p.established ? 'Established' : 'Active'}    Flags: <${p.established ? 'Sync' : ''}>`);
      lines.push(`  Last State: ${p.established ? 'OpenConfirm' : 'Idle'}   Last Event: ${p.established ? 'RecvKeepAlive' : 'Start'}`, '  Last Error: None');
      lines.push('  Options: <Preference PeerAS Refresh>', '  Holdtime: 90 Preference: 170', `  Number of flaps: 0`);
      if (!p.established) return `${lines.join('\n')}\n`;
      lines.push(`  Peer ID: ${col(p.address, 16)}Local ID: ${col(bgp.routerId, 16)}Active Holdtime: 90`);
      lines.push('  Keepalive Interval: 30         Group index: 0    Peer index: 0    SNMP index: 0');
      lines.push('  I/O Session Thread: bgpio-0 State: Enabled', '  BFD: disabled, down', '  NLRI for restart configured on peer: inet-unicast', '  NLRI advertised by peer: inet-unicast', '  NLRI for this session: inet-unicast');
      lines.push('  Peer supports Refresh capability (2)', '  Stale routes from peer are kept for: 300', '  Peer does not support Restarter functionality');
      lines.push('  Table inet.0 Bit: 20000', '    RIB State: BGP restart is complete', '    Send state: in sync');
      lines.push(`    Active prefixes:              ${p.accepted}`, `    Received prefixes:            ${p.received}`, `    Accepted prefixes:            ${p.accepted}`, '    Suppressed due to damping:    0', `    Advertised prefixes:          ${p.sent}`);
      lines.push('  Last traffic (seconds): Received 12   Sent 9    Checked 21');
      lines.push(`  Input messages:  Total ${col(String(p.messages), 7)}Updates 3       Refreshes 0     Octets ${p.messages * 19 + 400}`);
      lines.push(`  Output messages: Total ${col(String(Math.max(0, p.messages - 2)), 7)}Updates 1       Refreshes 0     Octets ${p.messages * 19 + 120}`);
      lines.push('  Output Queue[1]: 0            (inet.0, inet-unicast)');
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}

/** `show chassis environment` of a vMX: routing engine and FPC temperatures, fan tray, power. */
export function junosChassisEnvironment(): string {
  const row = (cls: string, item: string, status: string, measure = ''): string => `${col(cls, 6)}${col(item, 33)}${col(status, 11)}${measure}`.trimEnd();
  return [
    'Class Item                           Status     Measurement',
    row('Temp', 'PEM 0', 'OK', '40 degrees C / 104 degrees F'),
    row('', 'Routing Engine 0', 'OK', '38 degrees C / 100 degrees F'),
    row('', 'Routing Engine 0 CPU', 'OK', '45 degrees C / 113 degrees F'),
    row('', 'FPC 0 Intake', 'OK', '33 degrees C / 91 degrees F'),
    row('', 'FPC 0 Exhaust A', 'OK', '41 degrees C / 105 degrees F'),
    row('Fans', 'Fan Tray 0 Fan 1', 'OK', 'Spinning at normal speed'),
    row('', 'Fan Tray 0 Fan 2', 'OK', 'Spinning at normal speed'),
    row('Power', 'PEM 0', 'OK'),
    row('', 'PEM 1', 'Absent'),
    '',
  ].join('\n');
}

/** `show chassis routing-engine`: one master RE (CPU and memory steady per device). */
export function junosRoutingEngine(ctx: CliContext): string {
  const idle = 90 + (addressNumber(ctx.device.host) % 8);
  const up = uptimeOf(ctx.device.bootedAt);
  return [
    'Routing Engine status:',
    '  Slot 0:',
    '    Current state                  Master',
    '    Election priority              Master (default)',
    '    Temperature                 38 degrees C / 100 degrees F',
    '    CPU temperature             45 degrees C / 113 degrees F',
    '    DRAM                      16384 MB (16384 MB installed)',
    '    Memory utilization          21 percent',
    '    5 sec CPU utilization:',
    `      User                       ${100 - idle - 2} percent`,
    '      Background                  0 percent',
    '      Kernel                      2 percent',
    '      Interrupt                   0 percent',
    `      Idle                       ${idle} percent`,
    '    Model                          RE-VMX',
    `    Start time                     ${ctx.device.bootedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC`,
    `    Uptime                         ${up.weeks * 7 + up.days} days, ${up.hours} hours, ${up.minutes} minutes, ${up.seconds} seconds`,
    '    Last reboot reason             Router rebooted after a normal shutdown.',
    '    Load averages:                 1 minute   5 minute  15 minute',
    '                                       0.12       0.08       0.05',
    '',
  ].join('\n');
}
