import type { CliContext } from '../../shell/shell.types';
import { addressNumber, col, interfacesOf, uptimeOf } from '../common/device.facts';
import { prefixLength } from './interfaces.detail';

/** One configured BGP neighbour and the session state the simulator gives it. */
export interface BgpPeer {
  readonly accepted: number;
  readonly address: string;
  readonly description: string;
  readonly established: boolean;
  readonly msgRcvd: number;
  readonly msgSent: number;
  readonly received: number;
  readonly remoteAs: number;
  readonly sent: number;
  readonly shutdown: boolean;
  /** Seconds in the current state. */
  readonly since: number;
}

export interface BgpProcess {
  readonly localAs: number;
  readonly peers: readonly BgpPeer[];
  readonly routerId: string;
}

function toNumber(address: string): number {
  return addressNumber(address);
}

/** Whether `address` is on the subnet of an addressed interface that is not shut down. */
function connected(ctx: CliContext, address: string): boolean {
  return interfacesOf(ctx.device.running).some((f) => {
    if (!f.address || f.shutdown) return false;
    const len = prefixLength(f.mask);
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    return ((toNumber(f.address) & mask) >>> 0) === ((toNumber(address) & mask) >>> 0);
  });
}

/**
 * The `router bgp` process of a Cisco-style running config: its AS, router ID (`bgp router-id`, or
 * the device's address) and neighbours (`neighbor X remote-as N`, `description`, `shutdown`). A
 * neighbour on a connected subnet is Established (prefix counts stable per address); one that is
 * not is Active; a shut one is Idle (Admin).
 */
export function bgpOf(ctx: CliContext): BgpProcess | undefined {
  const node = ctx.device.running.root.children.find((n) => /^router bgp \d+$/.test(n.text));
  if (!node) return undefined;
  const localAs = Number(node.text.split(' ')[2]);
  const lines = node.children.map((c) => c.text);
  const routerId = lines.map((l) => /^bgp router-id (\S+)$/.exec(l)?.[1]).find((x) => x !== undefined) ?? ctx.device.host;
  const up = uptimeOf(ctx.device.bootedAt);
  const bootSeconds = ((up.weeks * 7 + up.days) * 24 + up.hours) * 3600 + up.minutes * 60 + up.seconds;
  const peers: BgpPeer[] = [];
  for (const line of lines) {
    const m = /^neighbor (\d+\.\d+\.\d+\.\d+) remote-as (\d+)$/.exec(line);
    if (!m) continue;
    const address = m[1];
    const own = lines.filter((l) => l.startsWith(`neighbor ${address} `));
    const shutdown = own.includes(`neighbor ${address} shutdown`);
    const description = own.map((l) => /^neighbor \S+ description (.*)$/.exec(l)?.[1]).find((x) => x !== undefined) ?? '';
    const established = !shutdown && connected(ctx, address);
    const seed = toNumber(address) % 40;
    const since = Math.max(60, bootSeconds - 3600 - seed * 60);
    const received = established ? 10 + seed : 0;
    const keepalives = Math.floor(since / 60);
    peers.push({
      accepted: established ? received - (seed % 3) : 0,
      address,
      description,
      established,
      msgRcvd: established ? keepalives + 6 : 0,
      msgSent: established ? keepalives + 4 : 0,
      received,
      remoteAs: Number(m[2]),
      sent: established ? 3 + (seed % 5) : 0,
      shutdown,
      since,
    });
  }
  return { localAs, peers, routerId };
}

/** BGP's `Up/Down` column: `hh:mm:ss` under a day, `1d02h` under a week, then `2w3d`. */
export function bgpAge(seconds: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const days = Math.floor(seconds / 86400);
  if (days === 0) return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
  if (days < 7) return `${days}d${pad(Math.floor((seconds % 86400) / 3600))}h`;
  return `${Math.floor(days / 7)}w${days % 7}d`;
}

function notRunning(): string {
  return '% BGP not active\n';
}

/** IOS `show ip bgp summary`. */
export function iosBgpSummary(ctx: CliContext): string {
  const bgp = bgpOf(ctx);
  if (!bgp) return notRunning();
  const total = bgp.peers.reduce((n, p) => n + p.received, 0);
  const rows = bgp.peers.map((p) => {
    const state = p.shutdown ? 'Idle (Admin)' : p.established ? String(p.received) : 'Active';
    return `${col(p.address, 16)}4 ${String(p.remoteAs).padStart(10)} ${String(p.msgRcvd).padStart(7)} ${String(p.msgSent).padStart(7)} ${String(p.established ? total + 1 : 1).padStart(8)}    0    0 ${col(p.established || p.shutdown ? bgpAge(p.since) : 'never', 8)} ${state}`;
  });
  return [
    `BGP router identifier ${bgp.routerId}, local AS number ${bgp.localAs}`,
    `BGP table version is ${total + 1}, main routing table version ${total + 1}`,
    `${total} network entries using ${total * 248} bytes of memory`,
    `${total} path entries using ${total * 136} bytes of memory`,
    `${bgp.peers.length}/${bgp.peers.length} BGP path/bestpath attribute entries using ${bgp.peers.length * 280} bytes of memory`,
    `${bgp.peers.length} BGP AS-PATH entries using ${bgp.peers.length * 24} bytes of memory`,
    '0 BGP route-map cache entries using 0 bytes of memory',
    '0 BGP filter-list cache entries using 0 bytes of memory',
    `BGP using ${total * 384 + bgp.peers.length * 304} total bytes of memory`,
    `BGP activity ${total}/0 prefixes, ${total}/0 paths, scan interval 60 secs`,
    '',
    'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd',
    ...rows,
    '',
  ].join('\n');
}

/** IOS `show ip bgp neighbors`. */
export function iosBgpNeighbors(ctx: CliContext): string {
  const bgp = bgpOf(ctx);
  if (!bgp) return notRunning();
  return bgp.peers
    .map((p) => {
      const lines = [`BGP neighbor is ${p.address},  remote AS ${p.remoteAs}, ${p.remoteAs === bgp.localAs ? 'internal' : 'external'} link`];
      if (p.description) lines.push(` Description: ${p.description}`);
      if (p.shutdown) lines.push('  Administratively shut down');
      lines.push(`  BGP version 4, remote router ID ${p.established ? p.address : '0.0.0.0'}`);
      lines.push(p.established ? `  BGP state = Established, up for ${bgpAge(p.since)}` : `  BGP state = ${p.shutdown ? 'Idle' : 'Active'}, down for ${bgpAge(p.since)}`);
      lines.push('  Last read 00:00:14, last write 00:00:28, hold time is 180, keepalive interval is 60 seconds');
      lines.push('  Message statistics:', '    InQ depth is 0', '    OutQ depth is 0', '', '                         Sent       Rcvd');
      lines.push(`    Opens:          ${String(p.established ? 1 : 0).padStart(10)} ${String(p.established ? 1 : 0).padStart(10)}`);
      lines.push(`    Keepalives:     ${String(p.msgSent).padStart(10)} ${String(p.msgRcvd).padStart(10)}`);
      lines.push(`    Total:          ${String(p.msgSent).padStart(10)} ${String(p.msgRcvd).padStart(10)}`);
      lines.push('  Default minimum time between advertisement runs is 30 seconds', '');
      lines.push(' For address family: IPv4 Unicast', `  Session: ${p.address}`, '  BGP table version 1, neighbor version 1/0', '  Output queue size : 0');
      lines.push('                                 Sent       Rcvd', '  Prefix activity:               ----       ----');
      lines.push(`    Prefixes Current:     ${String(p.sent).padStart(10)} ${String(p.received).padStart(10)}`);
      lines.push(`    Prefixes Total:       ${String(p.sent).padStart(10)} ${String(p.received).padStart(10)}`);
      lines.push('', '                                   Outbound    Inbound', '  Local Policy Denied Prefixes:    --------    -------');
      lines.push(`    Total:                       ${String(0).padStart(10)} ${String(p.received - p.accepted).padStart(10)}`);
      lines.push(`  Connections established ${p.established ? 1 : 0}; dropped 0`, '  Last reset never');
      if (p.established) {
        lines.push('Connection state is ESTAB, I/O status: 1, unread input bytes: 0', `Local host: ${ctx.device.host}, Local port: 179`, `Foreign host: ${p.address}, Foreign port: ${40000 + (toNumber(p.address) % 20000)}`);
      }
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}

/** EOS `show ip bgp summary`. */
export function eosBgpSummary(ctx: CliContext): string {
  const bgp = bgpOf(ctx);
  if (!bgp) return '% BGP inactive\n';
  const rows = bgp.peers.map((p) => {
    const state = p.shutdown ? 'Idle(Admin)' : p.established ? `Estab   ${col(String(p.received), 7)}${p.accepted}` : 'Active';
    return `  ${col(p.address, 17)}4 ${col(String(p.remoteAs), 13)}${String(p.msgRcvd).padStart(7)} ${String(p.msgSent).padStart(9)}    0    0 ${bgpAge(p.since).padStart(8)} ${state}`;
  });
  return [
    'BGP summary information for VRF default',
    `Router identifier ${bgp.routerId}, local AS number ${bgp.localAs}`,
    'Neighbor Status Codes: m - Under maintenance',
    '  Neighbor         V AS           MsgRcvd   MsgSent  InQ OutQ  Up/Down State   PfxRcd PfxAcc',
    ...rows,
    '',
  ].join('\n');
}

/** EOS `show ip bgp neighbors`. */
export function eosBgpNeighbors(ctx: CliContext): string {
  const bgp = bgpOf(ctx);
  if (!bgp) return '% BGP inactive\n';
  return bgp.peers
    .map((p) => {
      const lines = [`BGP neighbor is ${p.address}, remote AS ${p.remoteAs}, ${p.remoteAs === bgp.localAs ? 'internal' : 'external'} link`];
      if (p.description) lines.push(` Description: ${p.description}`);
      lines.push(`  BGP version 4, remote router ID ${p.established ? p.address : '0.0.0.0'}, VRF default`);
      lines.push('  Hold time is 180, keepalive interval is 60 seconds', '  Configured hold time is 180, keepalive interval is 60 seconds');
      lines.push(p.established ? `  BGP state is Established, up for ${bgpAge(p.since)}` : `  BGP state is ${p.shutdown ? 'Idle, Administratively shut down' : 'Active'}`);
      lines.push(`  Number of transitions to established: ${p.established ? 1 : 0}`);
      lines.push('  Message Statistics:', '    InQ depth is 0', '    OutQ depth is 0', '                         Sent      Rcvd');
      lines.push(`    Keepalives:     ${String(p.msgSent).padStart(9)} ${String(p.msgRcvd).padStart(9)}`);
      lines.push(`    Total messages: ${String(p.msgSent).padStart(9)} ${String(p.msgRcvd).padStart(9)}`);
      lines.push('  Prefix Statistics:', '                         Sent      Rcvd     Best Paths     Best ECMP Paths');
      lines.push(`    IPv4 Unicast:   ${String(p.sent).padStart(9)} ${String(p.received).padStart(9)} ${String(p.accepted).padStart(14)} ${String(0).padStart(19)}`);
      lines.push(`    IPv6 Unicast:   ${String(0).padStart(9)} ${String(0).padStart(9)} ${String(0).padStart(14)} ${String(0).padStart(19)}`);
      lines.push(`Local AS is ${bgp.localAs}, local router ID ${bgp.routerId}`, 'TTL is 1');
      if (p.established) lines.push(`Local TCP address is ${ctx.device.host}, local port is 179`, `Remote TCP address is ${p.address}, remote port is ${40000 + (toNumber(p.address) % 20000)}`);
      return `${lines.join('\n')}\n`;
    })
    .join('\n');
}

/** The `router bgp` stanza a fresh device boots with: an upstream on its own subnet and a shut backup peer. */
export function initialBgpConfig(host: string): string {
  const own = host.split('.');
  const peer = (last: string, other: string): string => [...own.slice(0, 3), own[3] === last ? other : last].join('.');
  const upstream = peer('254', '1');
  const backup = peer('253', '2');
  return [
    `router bgp ${65000 + (addressNumber(host) % 500)}`,
    ` bgp router-id ${host}`,
    ` neighbor ${upstream} remote-as 65100`,
    ` neighbor ${upstream} description core uplink`,
    ` neighbor ${backup} remote-as 65200`,
    ` neighbor ${backup} description backup transit`,
    ` neighbor ${backup} shutdown`,
  ].join('\n');
}
