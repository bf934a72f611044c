import type { CliContext } from '../../shell/shell.types';
import { InterfaceFacts, interfacesOf, macOf, uptimeOf } from '../common/device.facts';
import { countersOf, InterfaceCounters } from '../common/interface.counters';

/** `255.255.255.0` or `24` as a prefix length. */
export function prefixLength(mask: string | undefined): number {
  if (mask === undefined) return 32;
  if (/^\d+$/.test(mask)) return Number(mask);
  return mask.split('.').reduce((n, part) => n + ((Number(part) >>> 0).toString(2).match(/1/g)?.length ?? 0), 0);
}

/** Per-interface state the platform decides (which links are up, how fast, what hardware). */
export interface InterfaceLook {
  up(facts: InterfaceFacts, index: number): boolean;
  hardware(name: string): string;
  /** Bandwidth in Kbit/s. */
  bandwidthKbit(name: string): number;
  mtu(name: string): number;
}

/** `show interfaces` in the IOS layout: one block per interface, from the running config. */
export function iosShowInterfaces(ctx: CliContext, look: InterfaceLook): string {
  return interfacesOf(ctx.device.running)
    .map((f, i) => {
      const up = look.up(f, i);
      const state = f.shutdown ? 'administratively down' : up ? 'up' : 'down';
      const mac = macOf(ctx.device.host, i + 1, 'cisco');
      const lines = [`${f.name} is ${state}, line protocol is ${up ? 'up' : 'down'}${/Ethernet/.test(f.name) ? (f.shutdown ? ' (disabled)' : up ? ' (connected)' : ' (notconnect)') : ''}`];
      lines.push(/Loopback|Tunnel/.test(f.name) ? `  Hardware is ${look.hardware(f.name)}` : `  Hardware is ${look.hardware(f.name)}, address is ${mac} (bia ${mac})`);
      if (f.description) lines.push(`  Description: ${f.description}`);
      if (f.address) lines.push(`  Internet address is ${f.address}/${prefixLength(f.mask)}`);
      lines.push(`  MTU ${look.mtu(f.name)} bytes, BW ${look.bandwidthKbit(f.name)} Kbit/sec, DLY 10 usec,`);
      lines.push('     reliability 255/255, txload 1/255, rxload 1/255');
      lines.push(`  Encapsulation ${/Loopback/.test(f.name) ? 'LOOPBACK' : 'ARPA'}, loopback not set`);
      if (!/Loopback/.test(f.name)) lines.push('  Keepalive set (10 sec)');
      if (/Ethernet/.test(f.name)) {
        lines.push(up ? '  Full-duplex, 1000Mb/s, media type is 10/100/1000BaseTX' : '  Auto-duplex, Auto-speed, media type is 10/100/1000BaseTX');
        lines.push('  input flow-control is off, output flow-control is unsupported');
      }
      if (!/Loopback|Tunnel/.test(f.name)) lines.push('  ARP type: ARPA, ARP Timeout 04:00:00');
      lines.push(up ? '  Last input 00:00:00, output 00:00:01, output hang never' : '  Last input never, output never, output hang never');
      lines.push(...iosCounterLines(countersOf(ctx.device.host, i, up && !/Loopback/.test(f.name), ctx.device.bootedAt)));
      return lines.join('\n');
    })
    .join('\n')
    .concat('\n');
}

/** `show interfaces` in the EOS layout. */
export function eosShowInterfaces(ctx: CliContext, look: InterfaceLook): string {
  const up = uptimeOf(ctx.device.bootedAt);
  const since = `${up.weeks * 7 + up.days} days, ${up.hours} hours, ${up.minutes} minutes, ${up.seconds} seconds`;
  return interfacesOf(ctx.device.running)
    .map((f, i) => {
      const isUp = look.up(f, i);
      const state = f.shutdown ? 'administratively down' : isUp ? 'up' : 'down';
      const mac = macOf(ctx.device.host, i + 1, 'cisco');
      const lines = [`${f.name} is ${state}, line protocol is ${isUp ? 'up' : 'down'} (${f.shutdown ? 'disabled' : isUp ? 'connected' : 'notconnect'})`];
      lines.push(/Loopback/.test(f.name) ? `  Hardware is ${look.hardware(f.name)}` : `  Hardware is ${look.hardware(f.name)}, address is ${mac} (bia ${mac})`);
      if (f.description) lines.push(`  Description: ${f.description}`);
      if (f.address) lines.push(`  Internet address is ${f.address}/${prefixLength(f.mask)}`);
      lines.push(`  ${/Loopback/.test(f.name) ? 'IP' : 'Ethernet'} MTU ${look.mtu(f.name)} bytes, BW ${look.bandwidthKbit(f.name)} kbit`);
      if (/Ethernet|Management/.test(f.name)) lines.push(isUp ? '  Full-duplex, 1Gb/s, auto negotiation: off, uni-link: n/a' : '  Unknown-duplex, Unknown-speed, auto negotiation: off, uni-link: n/a');
      lines.push(`  ${isUp ? 'Up' : 'Down'} ${since}`);
      if (/Ethernet|Management/.test(f.name)) lines.push('  Loopback Mode : None');
      lines.push('  1 link status changes since last clear');
      lines.push('  Last clearing of "show interface" counters never');
      lines.push(...eosCounterLines(countersOf(ctx.device.host, i, isUp && !/Loopback/.test(f.name), ctx.device.bootedAt)));
      return lines.join('\n');
    })
    .join('\n')
    .concat('\n');
}

/** The IOS counter section of one `show interfaces` block. */
function iosCounterLines(c: InterfaceCounters): string[] {
  return [
    '  Last clearing of "show interface" counters never',
    `  Input queue: 0/75/${c.rxDiscards}/0 (size/max/drops/flushes); Total output drops: ${c.txDiscards}`,
    '  Queueing strategy: fifo',
    '  Output queue: 0/40 (size/max)',
    `  5 minute input rate ${c.rxBps} bits/sec, ${c.rxPps} packets/sec`,
    `  5 minute output rate ${c.txBps} bits/sec, ${c.txPps} packets/sec`,
    `     ${c.rxPackets} packets input, ${c.rxBytes} bytes, 0 no buffer`,
    `     Received ${c.rxBroadcasts} broadcasts (${c.rxMulticasts} multicasts)`,
    '     0 runts, 0 giants, 0 throttles',
    `     ${c.rxErrors} input errors, ${c.rxCrc} CRC, 0 frame, 0 overrun, 0 ignored`,
    `     0 watchdog, ${c.rxMulticasts} multicast, 0 pause input`,
    '     0 input packets with dribble condition detected',
    `     ${c.txPackets} packets output, ${c.txBytes} bytes, 0 underruns`,
    `     ${c.txErrors} output errors, 0 collisions, 1 interface resets`,
    '     0 unknown protocol drops',
    '     0 babbles, 0 late collision, 0 deferred',
    '     0 lost carrier, 0 no carrier, 0 pause output',
    '     0 output buffer failures, 0 output buffers swapped out',
  ];
}

/** The EOS counter section of one `show interfaces` block. */
function eosCounterLines(c: InterfaceCounters): string[] {
  const kbps = (bps: number): string => (bps / 1000).toFixed(1);
  return [
    `  5 minutes input rate ${kbps(c.rxBps)} kbps (0.0% with framing overhead), ${c.rxPps} packets/sec`,
    `  5 minutes output rate ${kbps(c.txBps)} kbps (0.0% with framing overhead), ${c.txPps} packets/sec`,
    `     ${c.rxPackets} packets input, ${c.rxBytes} bytes`,
    `     Received ${c.rxBroadcasts} broadcasts, ${c.rxMulticasts} multicast`,
    '     0 runts, 0 giants',
    `     ${c.rxErrors} input errors, ${c.rxCrc} CRC, 0 alignment, 0 symbol, ${c.rxDiscards} input discards`,
    '     0 PAUSE input',
    `     ${c.txPackets} packets output, ${c.txBytes} bytes`,
    `     Sent ${c.txBroadcasts} broadcasts, ${c.txMulticasts} multicast`,
    `     ${c.txErrors} output errors, 0 collisions`,
    `     0 late collision, 0 deferred, ${c.txDiscards} output discards`,
    '     0 PAUSE output',
  ];
}
