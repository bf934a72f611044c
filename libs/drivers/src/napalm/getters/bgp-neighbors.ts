import { field, ntc } from './napalm.values';

/** NAPALM's per-peer entry of `get_bgp_neighbors`. */
export interface NapalmBgpPeer {
  local_as: number;
  remote_as: number;
  remote_id: string;
  is_up: boolean;
  is_enabled: boolean;
  description: string;
  uptime: number;
  address_family: Record<string, { received_prefixes: number; accepted_prefixes: number; sent_prefixes: number }>;
}

/** NAPALM's `get_bgp_neighbors`: per VRF (`global` for the default one) the router ID and the peers. */
export type NapalmBgpNeighbors = Record<string, { router_id: string; peers: Record<string, NapalmBgpPeer> }>;

/** BGP ages as devices print them (`01:02:03`, `1d02h`, `2w3d`, `1y2w`, `never`) in seconds; -1 when unknown. */
export function bgpAgeSeconds(text: string): number {
  const t = text.trim();
  let m = /^(\d+):(\d\d):(\d\d)$/.exec(t);
  if (m) return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  m = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(t);
  if (m && t !== '') return Number(m[1] ?? 0) * 31536000 + Number(m[2] ?? 0) * 604800 + Number(m[3] ?? 0) * 86400 + Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60;
  return -1;
}

/** What one `show ip bgp neighbors` block tells about a peer. */
interface NeighborBlock {
  address: string;
  remoteAs: number;
  localAs: number;
  description: string;
  remoteId: string;
  state: string;
  upFor: number;
  shutdown: boolean;
  sent: number;
  received: number;
  deniedIn: number;
}

/** `show ip bgp neighbors` (IOS and EOS word it alike) split into one block per `BGP neighbor is`. */
export function parseBgpNeighborBlocks(text: string): NeighborBlock[] {
  const out: NeighborBlock[] = [];
  let cur: NeighborBlock | undefined;
  let deniedSection = false;
  for (const line of text.split('\n')) {
    let m = /^BGP neighbor is (\S+?),\s+remote AS (\d+)/.exec(line);
    if (m) {
      cur = { address: m[1], remoteAs: Number(m[2]), localAs: -1, description: '', remoteId: '', state: '', upFor: -1, shutdown: false, sent: -1, received: -1, deniedIn: 0 };
      out.push(cur);
      deniedSection = false;
      continue;
    }
    if (!cur) continue;
    if ((m = /^\s*Description: (.*)$/.exec(line))) cur.description = m[1].trim();
    else if ((m = /remote router ID (\d+\.\d+\.\d+\.\d+)/.exec(line))) cur.remoteId = m[1];
    else if ((m = /^\s*BGP state (?:=|is) (\w+)(?:, up for (\S+))?/.exec(line))) {
      cur.state = m[1];
      if (m[2]) cur.upFor = bgpAgeSeconds(m[2]);
      if (/Administratively shut down/.test(line)) cur.shutdown = true;
    } else if (/Administratively shut down/.test(line)) cur.shutdown = true;
    else if ((m = /^\s*Prefixes Current:\s+(\d+)\s+(\d+)/.exec(line))) {
      cur.sent = Number(m[1]);
      cur.received = Number(m[2]);
    } else if ((m = /^\s*IPv4 Unicast:\s+(\d+)\s+(\d+)/.exec(line))) {
      cur.sent = Number(m[1]);
      cur.received = Number(m[2]);
    } else if (/Local Policy Denied Prefixes/.test(line)) deniedSection = true;
    else if (deniedSection && (m = /^\s*Total:\s+(\d+)\s+(\d+)/.exec(line))) {
      cur.deniedIn = Number(m[2]);
      deniedSection = false;
    } else if ((m = /^Local AS is (\d+)/.exec(line))) cur.localAs = Number(m[1]);
  }
  return out;
}

/**
 * `get_bgp_neighbors` for the global routing table from `show ip bgp summary` (router ID, local AS,
 * the EOS accepted-prefix column) and `show ip bgp neighbors` (description, remote router ID,
 * state, uptime, shut peers, prefix counts). Uptime is -1 for a peer that is not up; a device
 * without BGP answers `{}`.
 */
export function bgpNeighbors(ntcPlatform: string, summary: string, neighbors: string): NapalmBgpNeighbors {
  if (/BGP (not active|inactive)/i.test(summary)) return {};
  const rows = ntc(ntcPlatform, 'show ip bgp summary', summary);
  const routerId = field(rows[0], 'ROUTER_ID') || (/(?:identifier|Router identifier) (\S+?),/.exec(summary)?.[1] ?? '');
  const localAs = Number(field(rows[0], 'LOCAL_AS') || (/local AS number (\d+)/.exec(summary)?.[1] ?? '-1'));
  const acceptedBySummary = new Map(rows.filter((r) => field(r, 'STATE_PFXACC') !== '').map((r) => [field(r, 'BGP_NEIGH'), Number(field(r, 'STATE_PFXACC'))]));
  const peers: Record<string, NapalmBgpPeer> = {};
  for (const b of parseBgpNeighborBlocks(neighbors)) {
    const up = /^Established$/i.test(b.state);
    const received = up ? Math.max(0, b.received) : b.received;
    const accepted = acceptedBySummary.get(b.address) ?? (received < 0 ? -1 : received - b.deniedIn);
    peers[b.address] = {
      local_as: b.localAs >= 0 ? b.localAs : localAs,
      remote_as: b.remoteAs,
      remote_id: up ? b.remoteId : '0.0.0.0',
      is_up: up,
      is_enabled: !b.shutdown,
      description: b.description,
      uptime: up ? b.upFor : -1,
      address_family: { ipv4: { received_prefixes: received, accepted_prefixes: accepted, sent_prefixes: b.sent } },
    };
  }
  return { global: { router_id: routerId, peers } };
}

/**
 * NX-OS `get_bgp_neighbors` (default VRF, IPv4 unicast) from `show bgp ipv4 unicast summary`
 * (router ID, local AS, received prefixes from State/PfxRcd) and `show bgp ipv4 unicast neighbors`
 * (description, remote router ID, state and uptime, `Shut (Admin)` as not enabled, `N accepted
 * prefixes`, `N sent prefixes`). Uptime -1 for a peer that is not up; without BGP `{}`.
 */
export function nxosBgpNeighbors(summary: string, neighbors: string): NapalmBgpNeighbors {
  if (/BGP is not running|BGP not active/i.test(summary)) return {};
  const routerId = /BGP router identifier (\S+?),/.exec(summary)?.[1] ?? '';
  const localAs = Number(/local AS number (\d+)/.exec(summary)?.[1] ?? -1);
  const receivedBySummary = new Map<string, number>();
  for (const m of summary.matchAll(/^(\d+\.\d+\.\d+\.\d+)\s+4\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+\S+\s+(\d+)\s*$/gm)) receivedBySummary.set(m[1], Number(m[2]));
  const extra = new Map<string, { accepted: number; sent: number; shut: boolean }>();
  for (const block of neighbors.split(/^(?=BGP neighbor is )/m)) {
    const address = /^BGP neighbor is (\S+?),/.exec(block)?.[1];
    if (!address) continue;
    extra.set(address, {
      accepted: Number(/^\s*(\d+) accepted prefixes/m.exec(block)?.[1] ?? -1),
      sent: Number(/^\s*(\d+) sent prefixes/m.exec(block)?.[1] ?? -1),
      shut: /BGP state = Shut \(Admin\)/.test(block),
    });
  }
  const peers: Record<string, NapalmBgpPeer> = {};
  for (const b of parseBgpNeighborBlocks(neighbors)) {
    const up = /^Established$/i.test(b.state);
    const x = extra.get(b.address) ?? { accepted: -1, sent: -1, shut: false };
    const received = receivedBySummary.get(b.address) ?? (up ? -1 : 0);
    peers[b.address] = {
      local_as: localAs,
      remote_as: b.remoteAs,
      remote_id: up ? b.remoteId : '0.0.0.0',
      is_up: up,
      is_enabled: !(x.shut || b.shutdown),
      description: b.description,
      uptime: up ? b.upFor : -1,
      address_family: { ipv4: { received_prefixes: received, accepted_prefixes: x.accepted, sent_prefixes: x.sent } },
    };
  }
  return { global: { router_id: routerId, peers } };
}
