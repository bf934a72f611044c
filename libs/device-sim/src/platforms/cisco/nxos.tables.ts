import type { CliContext } from '../../shell/shell.types';
import { addressNumber, col, InterfaceFacts, interfacesOf, macOf, uptimeOf } from '../common/device.facts';
import { countersOf } from '../common/interface.counters';
import { bgpAge, bgpOf } from './bgp.tables';
import { prefixLength } from './interfaces.detail';

/**
 * NX-OS interface state, the same pattern `show interface status` prints: front-panel ports are up
 * except every third one, shut ones are down, mgmt0 and loopbacks are up unless shut.
 */
export function nxosUp(ctx: CliContext, f: InterfaceFacts): boolean {
  if (f.shutdown) return false;
  const panel = interfacesOf(ctx.device.running).filter((x) => /^(Ethernet|mgmt)/.test(x.name));
  const i = panel.findIndex((x) => x.name === f.name);
  return i < 0 || f.name.startsWith('mgmt') || i % 3 !== 2;
}

function trunk(ctx: CliContext, name: string): boolean {
  return ctx.device.running.find([`interface ${name}`])?.children.some((c) => c.text === 'switchport mode trunk') ?? false;
}

function vrfOf(ctx: CliContext, name: string): string {
  return ctx.device.running.find([`interface ${name}`])?.children.map((c) => /^vrf member (\S+)$/.exec(c.text)?.[1]).find((v) => v !== undefined) ?? 'default';
}

function short(name: string): string {
  return name.replace(/^Ethernet/, 'Eth');
}

/** NX-OS 9.3 `show interface` (Ethernet, mgmt and loopback layouts, counters growing with uptime). */
export function nxosShowInterface(ctx: CliContext): string {
  const up = uptimeOf(ctx.device.bootedAt);
  const flapped = bgpAge(Math.max(60, ((up.weeks * 7 + up.days) * 24 + up.hours) * 3600 + up.minutes * 60 - 60));
  return interfacesOf(ctx.device.running)
    .map((f, i) => {
      const isUp = nxosUp(ctx, f);
      const mac = macOf(ctx.device.host, i + 1, 'cisco');
      const loopback = f.name.startsWith('loopback');
      const ethernet = f.name.startsWith('Ethernet');
      const c = countersOf(ctx.device.host, i, isUp && !loopback, ctx.device.bootedAt);
      const state = isUp ? 'up' : f.shutdown ? 'down (Administratively down)' : 'down (Link not connected)';
      const lines = [`${f.name} is ${state}`, `admin state is ${f.shutdown ? 'down' : 'up'},${ethernet ? ' Dedicated Interface' : ''}`];
      if (f.description) lines.push(`  Description: ${f.description}`);
      if (loopback) lines.push('  Hardware: Loopback');
      else lines.push(`  Hardware: ${ethernet ? '100/1000/10000 Ethernet' : 'GigabitEthernet'}, address: ${mac} (bia ${mac})`);
      if (f.address) lines.push(`  Internet Address is ${f.address}/${prefixLength(f.mask)}`);
      lines.push(`  MTU 1500 bytes, BW ${loopback ? 8000000 : ethernet ? 10000000 : 1000000} Kbit, DLY ${loopback ? 5000 : 10} usec`);
      lines.push('  reliability 255/255, txload 1/255, rxload 1/255');
      lines.push(`  Encapsulation ${loopback ? 'LOOPBACK' : 'ARPA'}, medium is broadcast`);
      if (loopback) {
        lines.push('  Auto-mdix is turned off', `    ${c.rxPackets} packets input ${c.rxBytes} bytes`, '    0 multicast frames 0 compressed', '    0 input errors 0 frame 0 overrun 0 fifo');
        lines.push(`    ${c.txPackets} packets output ${c.txBytes} bytes 0 underruns`, '    0 output errors 0 collisions 0 fifo', '    0 out_carrier_errors', '');
        return lines.join('\n');
      }
      if (ethernet) lines.push(`  Port mode is ${trunk(ctx, f.name) ? 'trunk' : 'access'}`);
      lines.push(isUp ? `  full-duplex, ${ethernet ? '10 Gb/s' : '1000 Mb/s'}${ethernet ? ', media type is 10G' : ''}` : '  auto-duplex, auto-speed');
      if (ethernet) lines.push('  Beacon is turned off', '  Auto-Negotiation is turned on', '  Input flow-control is off, output flow-control is off', '  Auto-mdix is turned off', '  Rate mode is dedicated', '  Switchport monitor is off', '  EtherType is 0x8100');
      else lines.push('  Auto-Negotiation is turned on', '  Auto-mdix is turned off', '  EtherType is 0x0000');
      lines.push(`  Last link flapped ${isUp ? flapped : 'never'}`, '  Last clearing of "show interface" counters never', '  1 interface resets');
      lines.push(`    30 seconds input rate ${c.rxBps} bits/sec, ${c.rxPps} packets/sec`, `    30 seconds output rate ${c.txBps} bits/sec, ${c.txPps} packets/sec`);
      lines.push('  RX', `    ${c.rxPackets - c.rxBroadcasts - c.rxMulticasts} unicast packets  ${c.rxMulticasts} multicast packets  ${c.rxBroadcasts} broadcast packets`);
      lines.push(`    ${c.rxPackets} input packets  ${c.rxBytes} bytes`, '    0 jumbo packets  0 storm suppression bytes', `    0 runts  0 giants  ${c.rxCrc} CRC  0 no buffer`);
      lines.push(`    ${c.rxErrors} input error  0 short frame  0 overrun   0 underrun  0 ignored`, '    0 watchdog  0 bad etype drop  0 bad proto drop  0 if down drop');
      lines.push(`    0 input with dribble  ${c.rxDiscards} input discard`, '    0 Rx pause', '  TX');
      lines.push(`    ${c.txPackets - c.txBroadcasts - c.txMulticasts} unicast packets  ${c.txMulticasts} multicast packets  ${c.txBroadcasts} broadcast packets`);
      lines.push(`    ${c.txPackets} output packets  ${c.txBytes} bytes`, '    0 jumbo packets', `    ${c.txErrors} output error  0 collision  0 deferred  0 late collision`);
      lines.push(`    0 lost carrier  0 no carrier  0 babble  ${c.txDiscards} output discard`, '    0 Tx pause', '');
      return lines.join('\n');
    })
    .join('\n');
}

/** `show ip arp [vrf <name>|vrf all]`: the `.254` gateway of each addressed, up interface in the VRF. */
export function nxosArp(ctx: CliContext, vrf: string): string {
  const rows = interfacesOf(ctx.device.running)
    .filter((f) => f.address && nxosUp(ctx, f) && !f.name.startsWith('loopback') && (vrf === 'all' || vrfOf(ctx, f.name) === vrf))
    .map((f) => {
      const own = (f.address as string).split('.');
      const peer = [...own.slice(0, 3), own[3] === '254' ? '1' : '254'].join('.');
      return `${col(peer, 16)}${col('00:04:00', 10)}${col(macOf(peer, 0xfe, 'cisco'), 16)}${f.name}`;
    });
  const context = vrf === 'all' ? 'all contexts' : `context ${vrf}`;
  return [
    '',
    'Flags: * - Adjacencies learnt on non-active FHRP router',
    '       + - Adjacencies synced via CFSoE',
    '       # - Adjacencies Throttled for Glean',
    '       CP - Added via L2RIB, Control plane Adjacencies',
    '       PS - Added via L2RIB, Peer Sync',
    '       RO - Re-Originated Peer Sync Entry',
    '       D - Static Adjacencies attached to down interface',
    '',
    `IP ARP Table for ${context}`,
    `Total number of entries: ${rows.length}`,
    'Address         Age       MAC Address     Interface       Flags',
    ...rows,
    '',
  ].join('\n');
}

/** `show lldp neighbors`: a core switch on the first up front-panel port. */
export function nxosLldp(ctx: CliContext): string {
  const port = interfacesOf(ctx.device.running).find((f) => f.name.startsWith('Ethernet') && nxosUp(ctx, f));
  const name = `core-${(addressNumber(ctx.device.host) % 100).toString().padStart(2, '0')}`;
  const rows = port ? [`${col(name, 21)}${col(short(port.name), 16)}${col('120', 11)}${col('BR', 12)}Ethernet1/48`] : [];
  return [
    'Capability codes:',
    '  (R) Router, (B) Bridge, (T) Telephone, (C) DOCSIS Cable Device',
    '  (W) WLAN Access Point, (P) Repeater, (S) Station, (O) Other',
    'Device ID            Local Intf      Hold-time  Capability  Port ID',
    ...rows,
    '',
    `Total entries displayed: ${rows.length}`,
    '',
  ].join('\n');
}

/** `show lldp neighbors detail`: the same core switch as `show lldp neighbors`, in NX-OS's detail layout. */
export function nxosLldpDetail(ctx: CliContext): string {
  const port = interfacesOf(ctx.device.running).find((f) => f.name.startsWith('Ethernet') && nxosUp(ctx, f));
  const name = `core-${(addressNumber(ctx.device.host) % 100).toString().padStart(2, '0')}`;
  const block = port
    ? [
        `Chassis id: ${macOf(ctx.device.host, 0xfd, 'cisco')}`,
        'Port id: Ethernet1/48',
        `Local Port id: ${short(port.name)}`,
        'Port Description: to-leaf',
        `System Name: ${name}`,
        'System Description: Cisco Nexus Operating System (NX-OS) Software 9.3(8)',
        'TAC support: http://www.cisco.com/tac',
        'Copyright (c) 2002-2021, Cisco Systems, Inc. All rights reserved.',
        'Time remaining: 103 seconds',
        'System Capabilities: B, R',
        'Enabled Capabilities: B, R',
        'Management Address: not advertised',
        'Management Address IPV6: not advertised',
        'Vlan ID: 1',
        '',
      ]
    : [];
  return [
    'Capability codes:',
    '  (R) Router, (B) Bridge, (T) Telephone, (C) DOCSIS Cable Device',
    '  (W) WLAN Access Point, (P) Repeater, (S) Station, (O) Other',
    'Device ID            Local Intf      Hold-time  Capability  Port ID  ',
    '',
    ...block,
    '',
    `Total entries displayed: ${port ? 1 : 0}`,
    '',
  ].join('\n');
}

/** `show mac address-table`: one learned MAC per up access port. */
export function nxosMacTable(ctx: CliContext): string {
  const rows = interfacesOf(ctx.device.running)
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.name.startsWith('Ethernet') && nxosUp(ctx, f) && !trunk(ctx, f.name))
    .map(({ f, i }) => `*${(f.accessVlan ?? '1').padStart(5)}     ${col(macOf(`10.${i}.0.${i + 10}`, i, 'cisco'), 17)}${col('dynamic', 9)}${col('0', 10)}${col('F', 7)}${col('F', 5)}${short(f.name)}`);
  return [
    'Legend: ',
    '        * - primary entry, G - Gateway MAC, (R) - Routed MAC, O - Overlay MAC',
    '        age - seconds since last seen,+ - primary entry using vPC Peer-Link,',
    '        (T) - True, (F) - False, C - ControlPlane MAC, ~ - vsan',
    '   VLAN     MAC Address      Type      age     Secure NTFY Ports',
    '---------+-----------------+--------+---------+------+----+------------------',
    ...rows,
    '',
  ].join('\n');
}

const NO_BGP = '% BGP is not running\n';

/** NX-OS `show bgp ipv4 unicast summary`. */
export function nxosBgpSummary(ctx: CliContext): string {
  const bgp = bgpOf(ctx);
  if (!bgp) return NO_BGP;
  const total = bgp.peers.reduce((n, p) => n + p.received, 0);
  const rows = bgp.peers.map((p) => {
    const state = p.shutdown ? 'Shut (Admin)' : p.established ? String(p.received) : 'Active';
    return `${col(p.address, 16)}4 ${String(p.remoteAs).padStart(10)} ${String(p.msgRcvd).padStart(10)} ${String(p.msgSent).padStart(10)} ${String(p.established ? total + 1 : 0).padStart(8)}    0    0 ${col(bgpAge(p.since), 8)} ${state}`;
  });
  return [
    'BGP summary information for VRF default, address family IPv4 Unicast',
    `BGP router identifier ${bgp.routerId}, local AS number ${bgp.localAs}`,
    `BGP table version is ${total + 1}, IPv4 Unicast config peers ${bgp.peers.length}, capable peers ${bgp.peers.filter((p) => p.established).length}`,
    `${total} network entries and ${total} paths using ${total * 240} bytes of memory`,
    `BGP attribute entries [${bgp.peers.length}/${bgp.peers.length * 164}], BGP AS path entries [1/6]`,
    'BGP community entries [0/0], BGP clusterlist entries [0/0]',
    '',
    'Neighbor        V    AS    MsgRcvd    MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd',
    ...rows,
    '',
  ].join('\n');
}

/** NX-OS `show bgp ipv4 unicast neighbors`. */
export function nxosBgpNeighbors(ctx: CliContext): string {
  const bgp = bgpOf(ctx);
  if (!bgp) return NO_BGP;
  return bgp.peers
    .map((p) => {
      const lines = [`BGP neighbor is ${p.address}, remote AS ${p.remoteAs}, ${p.remoteAs === bgp.localAs ? 'ibgp' : 'ebgp'} link, Peer index ${3 + bgp.peers.indexOf(p)}`];
      if (p.description) lines.push(`  Description: ${p.description}`);
      lines.push(`  BGP version 4, remote router ID ${p.established ? p.address : '0.0.0.0'}`, '  Neighbor vrf: default');
      lines.push(p.established ? `  BGP state = Established, up for ${bgpAge(p.since)}` : `  BGP state = ${p.shutdown ? 'Shut (Admin)' : 'Active'}, down for ${bgpAge(p.since)}`);
      lines.push('  Peer is directly attached, interface mgmt0', '  Last read 00:00:14, hold time = 180, keepalive interval is 60 seconds', '  Last written 00:00:28, keepalive timer expiry due 00:00:31');
      lines.push(`  Received ${p.msgRcvd} messages, 0 notifications, 0 bytes in queue`, `  Sent ${p.msgSent} messages, 0 notifications, 0(0) bytes in queue`);
      lines.push(`  Connections established ${p.established ? 1 : 0}, dropped 0`, '  Last reset by us never, due to No error', '  Last reset by peer never, due to No error', '');
      lines.push('  For address family: IPv4 Unicast', `  BGP table version ${p.received + 1}, neighbor version ${p.established ? p.received + 1 : 0}`);
      lines.push(`  ${p.accepted} accepted prefixes (${p.accepted} paths), consuming ${p.accepted * 240} bytes of memory`, `  ${p.received - p.accepted} received prefixes treated as withdrawn`);
      lines.push(`  ${p.sent} sent prefixes (${p.sent} paths)`, '  Inbound soft reconfiguration allowed(always)', '');
      if (p.established) lines.push(`  Local host: ${ctx.device.host}, Local port: 179`, `  Foreign host: ${p.address}, Foreign port: ${40000 + (addressNumber(p.address) % 20000)}`, '  fd = 80', '');
      return lines.join('\n');
    })
    .join('\n');
}

/** NX-OS `show environment` of a Nexus 9300v: two supplies (one shut), fans, module 1 sensors. */
export function nxosEnvironment(): string {
  const rule = (n: number): string => '-'.repeat(n);
  return [
    'Power Supply:',
    'Voltage: 12.0 Volts',
    'Power                              Actual        Actual        Total',
    'Supply    Model                    Output     Input        Capacity    Status',
    '                                   (Watts )     (Watts )     (Watts )',
    '-------  -------------------  -----------  -----------  -----------  --------------',
    '1        NXA-PAC-650W-PE             89 W         97 W        650 W     Ok',
    '2        NXA-PAC-650W-PE              0 W          0 W        650 W     Shutdown',
    '',
    'Fan:',
    rule(75),
    'Fan             Model                Hw     Direction       Status',
    rule(75),
    'Fan1(sys_fan1)  NXA-FAN-30CFM-B      --     front-to-back   Ok',
    'Fan2(sys_fan2)  NXA-FAN-30CFM-B      --     front-to-back   Ok',
    'Fan_in_PS1      --                   --     front-to-back   Ok',
    'Fan_in_PS2      --                   --     front-to-back   Shutdown',
    'Fan Zone Speed: Zone 1: 0x60',
    'Fan Air Filter : NotSupported',
    '',
    'Temperature:',
    rule(68),
    'Module   Sensor        MajorThresh   MinorThres   CurTemp     Status',
    '                       (Celsius)     (Celsius)    (Celsius)',
    rule(68),
    '1        FRONT           80              70          28         Ok',
    '1        BACK            70              42          24         Ok',
    '1        CPU             90              80          41         Ok',
    '',
  ].join('\n');
}

/** NX-OS `show system resources` (CPU and memory steady per device). */
export function nxosSystemResources(ctx: CliContext): string {
  const idle = 90 + (addressNumber(ctx.device.host) % 8);
  const user = ((100 - idle) * 0.75).toFixed(2);
  const kernel = ((100 - idle) * 0.25).toFixed(2);
  return [
    'Load average:   1 minute: 0.34   5 minutes: 0.40   15 minutes: 0.42',
    'Processes   :   723 total, 1 running',
    `CPU states  :   ${user}% user,   ${kernel}% kernel,   ${idle.toFixed(2)}% idle`,
    `        CPU0 states  :   ${user}% user,   ${kernel}% kernel,   ${idle.toFixed(2)}% idle`,
    'Memory usage:   16409064K total,   6123456K used,   10285608K free',
    'Kernel vmalloc:   0K total,   0K free',
    'Kernel buffers:   155832K Used',
    'Kernel cached :   2785720K Used',
    '',
    'Current memory status: OK',
    '',
  ].join('\n');
}
