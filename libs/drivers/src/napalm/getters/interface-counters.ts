/** NAPALM's `get_interfaces_counters` entry; -1 where the device does not tell. */
export interface NapalmInterfaceCounters {
  tx_errors: number;
  rx_errors: number;
  tx_discards: number;
  rx_discards: number;
  tx_octets: number;
  rx_octets: number;
  tx_unicast_packets: number;
  rx_unicast_packets: number;
  tx_multicast_packets: number;
  rx_multicast_packets: number;
  tx_broadcast_packets: number;
  rx_broadcast_packets: number;
}

const HEADER = /^(\S+) is .*, line protocol is .*$/;

/** `show interfaces` split into (interface name, block lines). */
function blocks(text: string): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const line of text.split('\n')) {
    const m = HEADER.exec(line);
    if (m) out.push([m[1], []]);
    else out.at(-1)?.[1].push(line);
  }
  return out;
}

function num(block: string[], re: RegExp, group = 1): number {
  for (const line of block) {
    const m = re.exec(line);
    if (m) return Number(m[group]);
  }
  return -1;
}

/** Every counter -1 (not told by the device). */
export function unknownCounters(): NapalmInterfaceCounters {
  return {
    tx_errors: -1, rx_errors: -1, tx_discards: -1, rx_discards: -1, tx_octets: -1, rx_octets: -1,
    tx_unicast_packets: -1, rx_unicast_packets: -1, tx_multicast_packets: -1, rx_multicast_packets: -1, tx_broadcast_packets: -1, rx_broadcast_packets: -1,
  };
}

/**
 * IOS `show interfaces` counters, mapped as NAPALM's ios driver maps them: `packets input/output`
 * are the unicast packet counts (IOS has no separate unicast counter), `Received N broadcasts (M
 * multicasts)` the received broadcasts and multicasts (output broadcasts/multicasts: -1), the
 * input queue drops and `Total output drops` the discards.
 */
export function parseIosInterfaceCounters(text: string): Record<string, NapalmInterfaceCounters> {
  const out: Record<string, NapalmInterfaceCounters> = {};
  for (const [name, block] of blocks(text)) {
    const c = unknownCounters();
    c.rx_unicast_packets = num(block, /^\s*(\d+) packets input, (\d+) bytes/);
    c.rx_octets = num(block, /^\s*(\d+) packets input, (\d+) bytes/, 2);
    c.tx_unicast_packets = num(block, /^\s*(\d+) packets output, (\d+) bytes/);
    c.tx_octets = num(block, /^\s*(\d+) packets output, (\d+) bytes/, 2);
    c.rx_broadcast_packets = num(block, /^\s*Received (\d+) broadcasts/);
    c.rx_multicast_packets = num(block, /^\s*Received \d+ broadcasts \((\d+)(?: IP)? multicasts\)/);
    c.rx_errors = num(block, /^\s*(\d+) input errors/);
    c.tx_errors = num(block, /^\s*(\d+) output errors/);
    c.rx_discards = num(block, /Input queue: \d+\/\d+\/(\d+)\/\d+/);
    c.tx_discards = num(block, /Total output drops: (\d+)/);
    out[name] = c;
  }
  return out;
}

/**
 * EOS `show interfaces` counters: unicast packets are the packets minus broadcasts and multicasts
 * (EOS counts them apart), discards are `input discards` / `output discards`.
 */
export function parseEosInterfaceCounters(text: string): Record<string, NapalmInterfaceCounters> {
  const out: Record<string, NapalmInterfaceCounters> = {};
  for (const [name, block] of blocks(text)) {
    const c = unknownCounters();
    const rxPackets = num(block, /^\s*(\d+) packets input, (\d+) bytes/);
    const txPackets = num(block, /^\s*(\d+) packets output, (\d+) bytes/);
    c.rx_octets = num(block, /^\s*(\d+) packets input, (\d+) bytes/, 2);
    c.tx_octets = num(block, /^\s*(\d+) packets output, (\d+) bytes/, 2);
    c.rx_broadcast_packets = num(block, /^\s*Received (\d+) broadcasts, (\d+) multicast/);
    c.rx_multicast_packets = num(block, /^\s*Received (\d+) broadcasts, (\d+) multicast/, 2);
    c.tx_broadcast_packets = num(block, /^\s*Sent (\d+) broadcasts, (\d+) multicast/);
    c.tx_multicast_packets = num(block, /^\s*Sent (\d+) broadcasts, (\d+) multicast/, 2);
    c.rx_unicast_packets = rxPackets < 0 ? -1 : rxPackets - Math.max(0, c.rx_broadcast_packets) - Math.max(0, c.rx_multicast_packets);
    c.tx_unicast_packets = txPackets < 0 ? -1 : txPackets - Math.max(0, c.tx_broadcast_packets) - Math.max(0, c.tx_multicast_packets);
    c.rx_errors = num(block, /^\s*(\d+) input errors/);
    c.tx_errors = num(block, /^\s*(\d+) output errors/);
    c.rx_discards = num(block, /(\d+) input discards/);
    c.tx_discards = num(block, /(\d+) output discards/);
    out[name] = c;
  }
  return out;
}

/**
 * NX-OS `show interface` counters: Ethernet/mgmt ports from their `RX`/`TX` sections (unicast,
 * multicast and broadcast packets, bytes, `input error`/`output error`, `input discard`/`output
 * discard`); a loopback prints bytes and errors only (packet kinds and discards -1).
 */
export function parseNxosInterfaceCounters(text: string): Record<string, NapalmInterfaceCounters> {
  const out: Record<string, NapalmInterfaceCounters> = {};
  let c: NapalmInterfaceCounters | undefined;
  let dir: 'rx' | 'tx' | undefined;
  for (const line of text.split('\n')) {
    let m = /^(\S+) is (up|down)/.exec(line);
    if (m) {
      c = out[m[1]] = unknownCounters();
      dir = undefined;
      continue;
    }
    if (!c) continue;
    if (/^\s+RX\s*$/.test(line)) dir = 'rx';
    else if (/^\s+TX\s*$/.test(line)) dir = 'tx';
    if ((m = /(\d+) packets (input|output)\s+(\d+) bytes/.exec(line))) {
      c[m[2] === 'input' ? 'rx_octets' : 'tx_octets'] = Number(m[3]);
      continue;
    }
    if ((m = /^\s+(\d+) (input|output) errors?\b/.exec(line)) && !dir) {
      c[m[2] === 'input' ? 'rx_errors' : 'tx_errors'] = Number(m[1]);
      continue;
    }
    if (!dir) continue;
    for (const kind of ['unicast', 'multicast', 'broadcast'] as const) {
      const k = new RegExp(`(\\d+) ${kind} packets`).exec(line);
      if (k) c[`${dir}_${kind}_packets`] = Number(k[1]);
    }
    if ((m = /(\d+) (?:input|output) packets\s+(\d+) bytes/.exec(line))) c[`${dir}_octets`] = Number(m[2]);
    else if ((m = /^\s+(\d+) bytes\s*$/.exec(line))) c[`${dir}_octets`] = Number(m[1]);
    if ((m = /(\d+) (?:input|output) error\b/.exec(line))) c[`${dir}_errors`] = Number(m[1]);
    if ((m = /(\d+) (?:input|output) discard\b/.exec(line))) c[`${dir}_discards`] = Number(m[1]);
  }
  return out;
}
