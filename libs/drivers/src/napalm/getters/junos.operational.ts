import type { NapalmBgpNeighbors, NapalmBgpPeer } from './bgp-neighbors';
import type { NapalmEnvironment } from './environment';
import { NapalmInterfaceCounters, unknownCounters } from './interface-counters';
import { lldpCapabilities, NapalmLldpNeighborDetail } from './lldp-detail';
import { napalmMac } from './napalm.values';

/**
 * Junos `show interfaces extensive` counters per physical interface: octets and packets from
 * `Traffic statistics`, errors and drops (discards) from `Input errors` / `Output errors`, unicast,
 * broadcast and multicast packets from `MAC statistics` (-1 where an interface has none, e.g. lo0).
 */
export function parseJunosInterfaceCounters(text: string): Record<string, NapalmInterfaceCounters> {
  const out: Record<string, NapalmInterfaceCounters> = {};
  let cur: NapalmInterfaceCounters | undefined;
  let errors: 'rx' | 'tx' | undefined;
  let mac = false;
  for (const line of text.split('\n')) {
    let m = /^Physical interface: ([^,\s]+),/.exec(line);
    if (m) {
      cur = out[m[1]] = unknownCounters();
      errors = undefined;
      mac = false;
      continue;
    }
    if (!cur || /^\s+Logical interface /.test(line)) {
      cur = undefined;
      continue;
    }
    if ((m = /^\s+(Input|Output)\s+(bytes|packets)\s*:\s*(\d+)/.exec(line))) {
      const n = Number(m[3]);
      if (m[2] === 'bytes') cur[m[1] === 'Input' ? 'rx_octets' : 'tx_octets'] = n;
    } else if (/^\s+Input errors:\s*$/.test(line)) errors = 'rx';
    else if (/^\s+Output errors:\s*$/.test(line)) errors = 'tx';
    else if (errors && (m = /(?:^|\s)Errors: (\d+), Drops: (\d+)/.exec(line))) {
      cur[`${errors}_errors`] = Number(m[1]);
      cur[`${errors}_discards`] = Number(m[2]);
      errors = undefined;
    } else if (/^\s+MAC statistics:/.test(line)) mac = true;
    else if (mac && (m = /^\s+(Unicast|Broadcast|Multicast) packets\s+(\d+)\s+(\d+)/.exec(line))) {
      const kind = m[1].toLowerCase() as 'unicast' | 'broadcast' | 'multicast';
      cur[`rx_${kind}_packets`] = Number(m[2]);
      cur[`tx_${kind}_packets`] = Number(m[3]);
    }
  }
  return out;
}

/** Junos `show lldp neighbors interface X`: the neighbour detail blocks on that port. */
export function parseJunosLldpDetail(text: string): Array<{ local: string; entry: NapalmLldpNeighborDetail }> {
  const out: Array<{ local: string; entry: NapalmLldpNeighborDetail }> = [];
  let cur: { local: string; entry: NapalmLldpNeighborDetail } | undefined;
  let management = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    let m = /^Local Interface\s*:\s*(\S+)/.exec(line);
    if (m) {
      cur = {
        local: m[1],
        entry: { parent_interface: '', remote_port: '', remote_port_description: '', remote_chassis_id: '', remote_system_name: '', remote_system_description: '', remote_system_capab: [], remote_system_enable_capab: [] },
      };
      out.push(cur);
      management = false;
      continue;
    }
    if (!cur) continue;
    if (/^Management (Information|Address)/.test(line)) management = true;
    if (management) continue;
    if ((m = /^Parent Interface\s*:\s*(.*)$/.exec(line))) cur.entry.parent_interface = m[1] === '-' ? '' : m[1];
    else if ((m = /^Chassis ID\s*:\s*(.*)$/.exec(line))) cur.entry.remote_chassis_id = napalmMac(m[1]);
    else if ((m = /^Port ID\s*:\s*(.*)$/.exec(line))) cur.entry.remote_port = m[1];
    else if ((m = /^Port description\s*:\s*(.*)$/i.exec(line))) cur.entry.remote_port_description = m[1];
    else if ((m = /^System name\s*:\s*(.*)$/i.exec(line))) cur.entry.remote_system_name = m[1];
    else if ((m = /^System Description\s*:\s*(.*)$/i.exec(line))) cur.entry.remote_system_description = m[1];
    else if ((m = /^\s+Supported\s*:\s*(.*)$/.exec(line))) cur.entry.remote_system_capab = lldpCapabilities(m[1].trim().replace(/\s+/g, ','));
    else if ((m = /^\s+Enabled\s*:\s*(.*)$/.exec(line))) cur.entry.remote_system_enable_capab = lldpCapabilities(m[1].trim().replace(/\s+/g, ','));
  }
  return out;
}

/** ELS `show vlans`: VLAN name, tag and member interfaces (the active-member `*` dropped). */
export function parseJunosVlans(text: string): Array<{ id: number; name: string; interfaces: string[] }> {
  const out: Array<{ id: number; name: string; interfaces: string[] }> = [];
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+(\S+)\s+(\d+)\s*(\S+)?\s*$/.exec(line);
    if (m && m[1] !== 'Routing') {
      out.push({ id: Number(m[3]), name: m[2], interfaces: m[4] ? [m[4].replace(/\*$/, '')] : [] });
      continue;
    }
    const member = /^\s+(\S+?)\*?\s*$/.exec(line);
    if (member && out.length > 0) out[out.length - 1].interfaces.push(member[1]);
  }
  return out;
}

/** ELS `show ethernet-switching table` rows: VLAN name, MAC, flags, logical interface. */
export function parseJunosSwitchingTable(text: string): Array<{ vlan: string; mac: string; flags: string; interface: string }> {
  const out: Array<{ vlan: string; mac: string; flags: string; interface: string }> = [];
  for (const line of text.split('\n')) {
    const m = /^\s+(\S+)\s+([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})\s+(\S+)\s+\S+\s+(\S+)/.exec(line);
    if (m) out.push({ vlan: m[1], mac: napalmMac(m[2]), flags: m[3], interface: m[4] });
  }
  return out;
}

/** `get_snmp_information` from `show configuration snmp | display set` (Junos has no chassis-id knob: `""`). */
export function junosSnmp(setLines: string): { chassis_id: string; community: Record<string, { acl: string; mode: string }>; contact: string; location: string } {
  const unquote = (s: string): string => s.trim().replace(/^"(.*)"$/, '$1');
  const out = { chassis_id: '', community: {} as Record<string, { acl: string; mode: string }>, contact: '', location: '' };
  for (const raw of setLines.split('\n')) {
    const line = raw.trim();
    let m = /^set snmp (contact|location) (.+)$/.exec(line);
    if (m) out[m[1] as 'contact' | 'location'] = unquote(m[2]);
    else if ((m = /^set snmp community (\S+)(?: (.*))?$/.exec(line))) {
      const name = unquote(m[1]);
      const c = (out.community[name] ??= { acl: '', mode: 'ro' });
      const rest = m[2] ?? '';
      let v = /^authorization (read-only|read-write)/.exec(rest);
      if (v) c.mode = v[1] === 'read-write' ? 'rw' : 'ro';
      if ((v = /^client-list-name (\S+)/.exec(rest))) c.acl = unquote(v[1]);
    }
  }
  return out;
}

/** Junos elapsed times (`Last Up/Dwn`: `3:04:05`, `2d 3:04:05`, `1w2d 3:04:05`, `45`) in seconds; -1 when not one. */
export function junosElapsedSeconds(text: string): number {
  const m = /^(?:(\d+)w)?(?:(\d+)d)?\s*(?:(\d+):)?(\d+):(\d\d)$|^(\d+)$/.exec(text.trim());
  if (!m) return -1;
  if (m[6] !== undefined) return Number(m[6]);
  return Number(m[1] ?? 0) * 604800 + Number(m[2] ?? 0) * 86400 + Number(m[3] ?? 0) * 3600 + Number(m[4]) * 60 + Number(m[5]);
}

/**
 * `get_bgp_neighbors` from `show bgp neighbor` (peer and local AS, description, state, peer and
 * local router ID, inet.0 prefix counts) and `show bgp summary` (the `Last Up/Dwn` uptime). Peers
 * of the master instance are reported under `global`; uptime -1 for a peer that is not up.
 */
export function junosBgpNeighbors(summary: string, neighbor: string): NapalmBgpNeighbors {
  if (/BGP is not running/.test(summary) || /BGP is not running/.test(neighbor)) return {};
  const upFor = new Map<string, number>();
  for (const line of summary.split('\n')) {
    const m = /^(\d+\.\d+\.\d+\.\d+)\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+((?:\d+w)?(?:\d+d)?\s*[\d:]+)\s+\S/.exec(line);
    if (m) upFor.set(m[1], junosElapsedSeconds(m[2]));
  }
  const peers: Record<string, NapalmBgpPeer> = {};
  let routerId = '';
  let cur: NapalmBgpPeer | undefined;
  let inet = false;
  for (const line of neighbor.split('\n')) {
    let m = /^Peer: (\d+\.\d+\.\d+\.\d+)(?:\+\d+)? AS (\d+)\s+Local: \S+ AS (\d+)/.exec(line);
    if (m) {
      cur = peers[m[1]] = {
        local_as: Number(m[3]),
        remote_as: Number(m[2]),
        remote_id: '0.0.0.0',
        is_up: false,
        is_enabled: true,
        description: '',
        uptime: -1,
        address_family: { ipv4: { received_prefixes: -1, accepted_prefixes: -1, sent_prefixes: -1 } },
      };
      inet = false;
      continue;
    }
    if (!cur) continue;
    const af = cur.address_family.ipv4;
    if ((m = /^\s+Description: (.*)$/.exec(line))) cur.description = m[1].trim();
    else if ((m = /\bState: (\w+)/.exec(line)) && /^\s+Type:/.test(line)) cur.is_up = m[1] === 'Established';
    else if (/^\s+Options: .*\bShutdown\b/.test(line)) cur.is_enabled = false;
    else if ((m = /^\s+Peer ID: (\S+)\s+Local ID: (\S+)/.exec(line))) {
      cur.remote_id = m[1];
      routerId ||= m[2];
    } else if ((m = /^\s+Table (\S+)/.exec(line))) inet = m[1] === 'inet.0';
    else if (inet && (m = /^\s+Received prefixes:\s+(\d+)/.exec(line))) af.received_prefixes = Number(m[1]);
    else if (inet && (m = /^\s+Accepted prefixes:\s+(\d+)/.exec(line))) af.accepted_prefixes = Number(m[1]);
    else if (inet && (m = /^\s+Advertised prefixes:\s+(\d+)/.exec(line))) af.sent_prefixes = Number(m[1]);
  }
  for (const [address, p] of Object.entries(peers)) {
    if (p.is_up) p.uptime = upFor.get(address) ?? -1;
    else {
      p.remote_id = '0.0.0.0';
      const af = p.address_family.ipv4;
      for (const k of ['received_prefixes', 'accepted_prefixes', 'sent_prefixes'] as const) af[k] = Math.max(0, af[k]);
    }
  }
  return { global: { router_id: routerId, peers } };
}

const OK = /^OK$/i;

/**
 * Junos `show chassis environment` (temperatures in °C: `is_alert` when the status is not OK,
 * `is_critical` when it is `Failed`; fans; power supplies, with `capacity`/`output` -1.0: the CLI
 * table tells neither) and `show chassis routing-engine` (CPU per RE slot = 100 - idle; memory in
 * MB: `available_ram` the DRAM, `used_ram` its utilization share). Absent components are skipped.
 */
export function junosEnvironment(env: string, re: string): NapalmEnvironment {
  const out: NapalmEnvironment = { fans: {}, temperature: {}, power: {}, cpu: {}, memory: { available_ram: -1, used_ram: -1 } };
  let cls = '';
  for (const line of env.split('\n')) {
    if (/^Class\s+Item/.test(line)) continue;
    const m = /^(\S+)?\s+(.+?)\s{2,}(OK|Absent|Failed|Check|Testing|Present|Empty|Offline|Online)\b\s*(.*)$/.exec(line);
    if (!m) continue;
    if (m[1]) cls = m[1];
    const [item, status, measure] = [m[2].trim(), m[3], m[4]];
    if (status === 'Absent' || status === 'Empty') continue;
    if (cls === 'Temp') {
      const t = /(-?\d+) degrees C/.exec(measure);
      if (t) out.temperature[item] = { temperature: Number(t[1]), is_alert: !OK.test(status), is_critical: status === 'Failed' };
    } else if (cls === 'Fans') out.fans[item] = { status: OK.test(status) };
    else if (cls === 'Power') out.power[item] = { status: OK.test(status), capacity: -1.0, output: -1.0 };
  }
  let slot = '0';
  let dram = -1;
  for (const line of re.split('\n')) {
    let m = /^\s+Slot (\d+):/.exec(line);
    if (m) slot = m[1];
    else if ((m = /^\s+Idle\s+(\d+) percent/.exec(line))) out.cpu[slot] = { '%usage': 100 - Number(m[1]) };
    else if ((m = /^\s+DRAM\s+(\d+) MB/.exec(line)) && dram < 0) dram = Number(m[1]);
    else if ((m = /^\s+Memory utilization\s+(\d+) percent/.exec(line)) && dram >= 0 && out.memory.available_ram < 0) out.memory = { available_ram: dram, used_ram: Math.round((dram * Number(m[1])) / 100) };
  }
  return out;
}
