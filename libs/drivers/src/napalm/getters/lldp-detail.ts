import { canonicalInterface, napalmMac } from './napalm.values';

/** NAPALM's `get_lldp_neighbors_detail` entry. */
export interface NapalmLldpNeighborDetail {
  parent_interface: string;
  remote_port: string;
  remote_port_description: string;
  remote_chassis_id: string;
  remote_system_name: string;
  remote_system_description: string;
  remote_system_capab: string[];
  remote_system_enable_capab: string[];
}

/** LLDP capability letters (IOS) and words (EOS) as NAPALM names them. */
const CAPABILITIES: Readonly<Record<string, string>> = {
  r: 'router', router: 'router',
  b: 'bridge', bridge: 'bridge',
  t: 'telephone', telephone: 'telephone',
  c: 'docsis-cable-device', 'docsis-cable-device': 'docsis-cable-device', docsis: 'docsis-cable-device',
  w: 'wlan-access-point', 'wlan-access-point': 'wlan-access-point', wlan: 'wlan-access-point',
  p: 'repeater', repeater: 'repeater',
  s: 'station', station: 'station',
  o: 'other', other: 'other',
};

/** `B,R` or `Bridge, Router` as NAPALM's capability names; unknown ones lower-cased. */
export function lldpCapabilities(text: string): string[] {
  return text
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'not advertised' && c !== '-')
    .map((c) => CAPABILITIES[c] ?? c);
}

function unquote(text: string): string {
  return text.trim().replace(/^"(.*)"$/, '$1');
}

/** IOS `show lldp neighbors detail`: one block per neighbour from `Local Intf:` (multi-line system descriptions joined). */
export function parseIosLldpDetail(text: string, portChannel = 'Port-channel'): Record<string, NapalmLldpNeighborDetail[]> {
  const out: Record<string, NapalmLldpNeighborDetail[]> = {};
  let cur: { local: string; entry: NapalmLldpNeighborDetail } | undefined;
  let inDescription = false;
  const flush = (): void => {
    if (cur) (out[canonicalInterface(cur.local, portChannel)] ??= []).push(cur.entry);
    cur = undefined;
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    let m = /^Local Intf:\s*(\S+)/.exec(line);
    if (m) {
      flush();
      cur = {
        local: m[1],
        entry: { parent_interface: '', remote_port: '', remote_port_description: '', remote_chassis_id: '', remote_system_name: '', remote_system_description: '', remote_system_capab: [], remote_system_enable_capab: [] },
      };
      inDescription = false;
      continue;
    }
    if (!cur) continue;
    if (inDescription) {
      if (line === '' || /^Time remaining/.test(line)) inDescription = false;
      else {
        cur.entry.remote_system_description = cur.entry.remote_system_description === '' ? line : `${cur.entry.remote_system_description}\n${line}`;
        continue;
      }
    }
    if ((m = /^Chassis id:\s*(.*)$/.exec(line))) cur.entry.remote_chassis_id = napalmMac(m[1].trim());
    else if ((m = /^Port id:\s*(.*)$/.exec(line))) cur.entry.remote_port = m[1].trim();
    else if ((m = /^Port Description:\s*(.*)$/.exec(line))) cur.entry.remote_port_description = /not advertised/.test(m[1]) ? '' : m[1].trim();
    else if ((m = /^System Name:\s*(.*)$/.exec(line))) cur.entry.remote_system_name = /not advertised/.test(m[1]) ? '' : m[1].trim();
    else if ((m = /^System Description:\s*(.*)$/.exec(line))) {
      cur.entry.remote_system_description = /not advertised/.test(m[1]) ? '' : m[1].trim();
      inDescription = !/not advertised/.test(m[1]);
    } else if ((m = /^System Capabilities:\s*(.*)$/.exec(line))) cur.entry.remote_system_capab = lldpCapabilities(m[1]);
    else if ((m = /^Enabled Capabilities:\s*(.*)$/.exec(line))) cur.entry.remote_system_enable_capab = lldpCapabilities(m[1]);
    else if (/^Total entries displayed/.test(line)) flush();
  }
  flush();
  return out;
}

/** EOS `show lldp neighbors detail`: `Interface X detected N LLDP neighbors:` sections. */
export function parseEosLldpDetail(text: string): Record<string, NapalmLldpNeighborDetail[]> {
  const out: Record<string, NapalmLldpNeighborDetail[]> = {};
  let local = '';
  let entry: NapalmLldpNeighborDetail | undefined;
  let portIdNext = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    let m = /^Interface (\S+) detected \d+ LLDP neighbors:/.exec(line);
    if (m) {
      local = m[1];
      entry = undefined;
      continue;
    }
    if ((m = /^\s+Neighbor (\S+?)\/(.*), age /.exec(line))) {
      entry = { parent_interface: '', remote_port: unquote(m[2]), remote_port_description: '', remote_chassis_id: napalmMac(m[1]), remote_system_name: '', remote_system_description: '', remote_system_capab: [], remote_system_enable_capab: [] };
      (out[local] ??= []).push(entry);
      continue;
    }
    if (!entry) continue;
    if ((m = /^\s+Chassis ID\s*:\s*(.*)$/.exec(line))) entry.remote_chassis_id = napalmMac(m[1].trim());
    else if (/^\s+- Port ID type:/.test(line)) portIdNext = true;
    else if (portIdNext && (m = /^\s+Port ID\s*:\s*(.*)$/.exec(line))) {
      entry.remote_port = unquote(m[1]);
      portIdNext = false;
    } else if ((m = /^\s+- Port Description:\s*(.*)$/.exec(line))) entry.remote_port_description = unquote(m[1]);
    else if ((m = /^\s+- System Name:\s*(.*)$/.exec(line))) entry.remote_system_name = unquote(m[1]);
    else if ((m = /^\s+- System Description:\s*(.*)$/.exec(line))) entry.remote_system_description = unquote(m[1]);
    else if ((m = /^\s+- System Capabilities\s*:\s*(.*)$/.exec(line))) entry.remote_system_capab = lldpCapabilities(m[1]);
    else if ((m = /^\s+Enabled Capabilities\s*:\s*(.*)$/.exec(line))) entry.remote_system_enable_capab = lldpCapabilities(m[1]);
  }
  return out;
}

/** NX-OS `show lldp neighbors detail`: one block per `Chassis id:`, local port from `Local Port id:` (multi-line system descriptions joined). */
export function parseNxosLldpDetail(text: string): Record<string, NapalmLldpNeighborDetail[]> {
  const out: Record<string, NapalmLldpNeighborDetail[]> = {};
  let cur: { local: string; entry: NapalmLldpNeighborDetail } | undefined;
  let inDescription = false;
  const flush = (): void => {
    if (cur && cur.local !== '') (out[canonicalInterface(cur.local, 'port-channel')] ??= []).push(cur.entry);
    cur = undefined;
  };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+$/, '');
    let m = /^Chassis id:\s*(.*)$/.exec(line);
    if (m) {
      flush();
      cur = {
        local: '',
        entry: { parent_interface: '', remote_port: '', remote_port_description: '', remote_chassis_id: napalmMac(m[1].trim()), remote_system_name: '', remote_system_description: '', remote_system_capab: [], remote_system_enable_capab: [] },
      };
      inDescription = false;
      continue;
    }
    if (!cur) continue;
    if (inDescription) {
      if (/^(Time remaining|System Capabilities|Enabled Capabilities|Management Address|Vlan ID)/.test(line) || line === '') inDescription = false;
      else {
        cur.entry.remote_system_description += `\n${line}`;
        continue;
      }
    }
    const value = (v: string): string => (/not advertised|^null$/i.test(v.trim()) ? '' : v.trim());
    if ((m = /^Port id:\s*(.*)$/.exec(line))) cur.entry.remote_port = value(m[1]);
    else if ((m = /^Local Port id:\s*(.*)$/.exec(line))) cur.local = m[1].trim();
    else if ((m = /^Port Description:\s*(.*)$/.exec(line))) cur.entry.remote_port_description = value(m[1]);
    else if ((m = /^System Name:\s*(.*)$/.exec(line))) cur.entry.remote_system_name = value(m[1]);
    else if ((m = /^System Description:\s*(.*)$/.exec(line))) {
      cur.entry.remote_system_description = value(m[1]);
      inDescription = cur.entry.remote_system_description !== '';
    } else if ((m = /^System Capabilities:\s*(.*)$/.exec(line))) cur.entry.remote_system_capab = lldpCapabilities(m[1]);
    else if ((m = /^Enabled Capabilities:\s*(.*)$/.exec(line))) cur.entry.remote_system_enable_capab = lldpCapabilities(m[1]);
    else if (/^Total entries displayed/.test(line)) flush();
  }
  flush();
  return out;
}
