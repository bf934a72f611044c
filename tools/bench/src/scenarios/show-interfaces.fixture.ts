/**
 * A Cisco IOS `show interfaces` text of about `lines` lines (29 per interface), for parse benchmarks:
 * the shape the ntc-templates `cisco_ios_show_interfaces` template reads.
 */
export function showInterfacesText(lines: number): { text: string; interfaces: number } {
  const interfaces = Math.max(1, Math.round(lines / 29));
  const blocks: string[] = [];
  for (let i = 0; i < interfaces; i++) {
    const mac = `5254.00${(i >> 8).toString(16).padStart(2, '0')}.${(i & 0xff).toString(16).padStart(2, '0')}01`;
    blocks.push(
      [
        `GigabitEthernet0/${i} is up, line protocol is up `,
        `  Hardware is iGbE, address is ${mac} (bia ${mac})`,
        `  Description: port-${i}`,
        `  Internet address is 10.${(i >> 8) & 0xff}.${i & 0xff}.1/24`,
        '  MTU 1500 bytes, BW 1000000 Kbit/sec, DLY 10 usec, ',
        '     reliability 255/255, txload 1/255, rxload 1/255',
        '  Encapsulation ARPA, loopback not set',
        '  Keepalive set (10 sec)',
        '  Full Duplex, 1000Mbps, media type is RJ45',
        '  output flow-control is unsupported, input flow-control is unsupported',
        '  ARP type: ARPA, ARP Timeout 04:00:00',
        '  Last input 00:00:01, output 00:00:00, output hang never',
        '  Last clearing of "show interface" counters never',
        '  Input queue: 0/75/0/0 (size/max/drops/flushes); Total output drops: 0',
        '  Queueing strategy: fifo',
        '  Output queue: 0/40 (size/max)',
        `  5 minute input rate ${1000 + i} bits/sec, 2 packets/sec`,
        `  5 minute output rate ${2000 + i} bits/sec, 3 packets/sec`,
        `     ${12345 + i} packets input, 1234567 bytes, 0 no buffer`,
        '     Received 100 broadcasts (0 IP multicasts)',
        '     0 runts, 0 giants, 0 throttles ',
        '     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored',
        '     0 watchdog, 0 multicast, 0 pause input',
        `     ${23456 + i} packets output, 2345678 bytes, 0 underruns`,
        '     0 output errors, 0 collisions, 1 interface resets',
        '     0 unknown protocol drops',
        '     0 babbles, 0 late collision, 0 deferred',
        '     0 lost carrier, 0 no carrier, 0 pause output',
        '     0 output buffer failures, 0 output buffers swapped out',
      ].join('\n'),
    );
  }
  return { interfaces, text: `${blocks.join('\n')}\n` };
}
