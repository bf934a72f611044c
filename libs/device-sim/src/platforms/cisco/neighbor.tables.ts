import type { CliContext } from '../../shell/shell.types';
import { addressNumber, col, interfacesOf, macOf } from '../common/device.facts';

/**
 * ARP, LLDP and MAC-address tables for Cisco-style platforms, derived from the running config so
 * they are stable per device: each interface with an address has its own entry and one gateway
 * neighbour (`.254` of its subnet, or `.1` when the interface itself is `.254`); the first Ethernet
 * port has one LLDP neighbour; every up access port has learned one MAC address.
 */
interface ArpEntry {
  readonly age: number;
  readonly address: string;
  readonly iface: string;
  readonly mac: string;
}

function arpEntries(ctx: CliContext): ArpEntry[] {
  const out: ArpEntry[] = [];
  interfacesOf(ctx.device.running).forEach((f, i) => {
    if (!f.address || f.shutdown) return;
    const own = f.address.split('.');
    const peer = [...own.slice(0, 3), own[3] === '254' ? '1' : '254'].join('.');
    out.push({ address: f.address, age: -1, iface: f.name, mac: macOf(ctx.device.host, i + 1, 'cisco') });
    out.push({ address: peer, age: 4, iface: f.name, mac: macOf(peer, 0xfe, 'cisco') });
  });
  return out;
}

/** IOS `show ip arp` / `show arp`. */
export function iosArp(ctx: CliContext): string {
  const rows = arpEntries(ctx).map((e) => `Internet  ${col(e.address, 17)}${col(e.age < 0 ? '-' : String(e.age), 11)}${col(e.mac, 16)}ARPA   ${e.iface}`);
  return `Protocol  Address          Age (min)  Hardware Addr   Type   Interface\n${rows.join('\n')}\n`;
}

/** EOS `show ip arp` (only learned neighbours, ages as h:mm:ss). */
export function eosArp(ctx: CliContext): string {
  const rows = arpEntries(ctx)
    .filter((e) => e.age >= 0)
    .map((e) => `${col(e.address, 16)}${col(`0:0${e.age}:00`, 11)}${col(e.mac, 16)}${e.iface}`);
  return `Address         Age (sec)  Hardware Addr   Interface\n${rows.join('\n')}\n`;
}

function firstEthernet(ctx: CliContext): string | undefined {
  return interfacesOf(ctx.device.running).find((f) => /Ethernet/.test(f.name) && !f.shutdown)?.name;
}

function neighborName(ctx: CliContext): string {
  return `core-${(addressNumber(ctx.device.host) % 100).toString().padStart(2, '0')}`;
}

function shortIf(name: string): string {
  return name.replace(/^GigabitEthernet/, 'Gi').replace(/^TenGigabitEthernet/, 'Te').replace(/^Ethernet/, 'Et');
}

/** IOS `show lldp neighbors`. */
export function iosLldp(ctx: CliContext): string {
  const port = firstEthernet(ctx);
  const rows = port ? [`${col(neighborName(ctx), 21)}${col(shortIf(port), 15)}120        B,R             Gi0/48`] : [];
  return [
    'Capability codes:',
    '    (R) Router, (B) Bridge, (T) Telephone, (C) DOCSIS Cable Device',
    '    (W) WLAN Access Point, (P) Repeater, (S) Station, (O) Other',
    '',
    'Device ID           Local Intf     Hold-time  Capability      Port ID',
    ...rows,
    '',
    `Total entries displayed: ${rows.length}`,
    '',
  ].join('\n');
}

/** EOS `show lldp neighbors`. */
export function eosLldp(ctx: CliContext): string {
  const port = firstEthernet(ctx);
  const rows = port ? [`${col(shortIf(port), 11)}${col(neighborName(ctx), 26)}${col('Ethernet48', 22)}120`] : [];
  return [
    'Last table change time   : 0:10:12 ago',
    'Number of table inserts  : 1',
    'Number of table deletes  : 0',
    'Number of table drops    : 0',
    'Number of table age-outs : 0',
    '',
    'Port       Neighbor Device ID       Neighbor Port ID      TTL',
    '---------- ------------------------ --------------------- ---',
    ...rows,
    '',
  ].join('\n');
}

interface MacEntry {
  readonly mac: string;
  readonly port: string;
  readonly vlan: string;
}

function macEntries(ctx: CliContext): MacEntry[] {
  const tree = ctx.device.running;
  return interfacesOf(tree)
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => /Ethernet/.test(f.name) && !f.shutdown && !tree.find([`interface ${f.name}`])?.children.some((c) => c.text === 'switchport mode trunk'))
    .map(({ f, i }) => ({ mac: macOf(`10.${i}.0.${i + 10}`, i, 'cisco'), port: shortIf(f.name), vlan: f.accessVlan ?? '1' }));
}

/** IOS `show mac address-table`. */
export function iosMacTable(ctx: CliContext): string {
  const rows = macEntries(ctx).map((e) => `${e.vlan.padStart(4)}    ${col(e.mac, 19)}DYNAMIC     ${e.port}`);
  return `          Mac Address Table\n-------------------------------------------\n\nVlan    Mac Address       Type        Ports\n----    -----------       --------    -----\n${rows.join('\n')}\nTotal Mac Addresses for this criterion: ${rows.length}\n`;
}

/** EOS `show mac address-table`. */
export function eosMacTable(ctx: CliContext): string {
  const rows = macEntries(ctx).map((e) => `${e.vlan.padStart(4)}    ${col(e.mac, 19)}DYNAMIC     ${col(e.port, 11)}1       0:01:10 ago`);
  return `          Mac Address Table\n------------------------------------------------------------------\n\nVlan    Mac Address       Type        Ports      Moves   Last Move\n----    -----------       ----        -----      -----   ---------\n${rows.join('\n')}\nTotal Mac Addresses for this criterion: ${rows.length}\n`;
}

/** The LLDP neighbour on the first Ethernet port: a core switch whose chassis MAC is stable per device. */
function lldpNeighbor(ctx: CliContext): { chassis: string; local: string; name: string } | undefined {
  const local = firstEthernet(ctx);
  if (!local) return undefined;
  return { chassis: macOf(ctx.device.host, 0xfd, 'cisco'), local, name: neighborName(ctx) };
}

/** IOS `show lldp neighbors detail` (the neighbour is an IOS-XE core switch). */
export function iosLldpDetail(ctx: CliContext): string {
  const n = lldpNeighbor(ctx);
  const rows = n
    ? [
        '------------------------------------------------',
        `Local Intf: ${shortIf(n.local)}`,
        `Chassis id: ${n.chassis}`,
        'Port id: Gi0/48',
        'Port Description: GigabitEthernet0/48',
        `System Name: ${n.name}`,
        '',
        'System Description: ',
        'Cisco IOS Software [Amsterdam], Catalyst L3 Switch Software (CAT9K_IOSXE), Version 17.3.4, RELEASE SOFTWARE (fc3)',
        'Technical Support: http://www.cisco.com/techsupport',
        'Copyright (c) 1986-2021 by Cisco Systems, Inc.',
        'Compiled Fri 16-Jul-21 13:09 by mcpre',
        '',
        'Time remaining: 104 seconds',
        'System Capabilities: B,R',
        'Enabled Capabilities: B,R',
        'Management Addresses:',
        `    IP: ${ctx.device.host.split('.').slice(0, 3).join('.')}.250`,
        'Auto Negotiation - supported, enabled',
        'Physical media capabilities:',
        '    1000baseT(FD)',
        '    100base-TX(FD)',
        'Media Attachment Unit type: 30',
        'Vlan ID: 1',
        '',
      ]
    : [];
  return [...rows, '', `Total entries displayed: ${n ? 1 : 0}`, ''].join('\n');
}

/** EOS `show lldp neighbors detail`: one section per Ethernet port, the neighbour an EOS spine. */
export function eosLldpDetail(ctx: CliContext): string {
  const n = lldpNeighbor(ctx);
  const ports = interfacesOf(ctx.device.running).filter((f) => /^Ethernet/.test(f.name));
  const out: string[] = [];
  for (const port of ports) {
    const here = n?.local === port.name;
    out.push(`Interface ${port.name} detected ${here ? 1 : 0} LLDP neighbors:`, '');
    if (!n || !here) continue;
    out.push(
      `  Neighbor ${n.chassis}/"Ethernet48", age 22 seconds`,
      '  Discovered 2 days, 3:04:05 ago; Last changed 2 days, 3:04:05 ago',
      '  - Chassis ID type: MAC address (4)',
      `    Chassis ID     : ${n.chassis}`,
      '  - Port ID type: Interface name (5)',
      '    Port ID        : "Ethernet48"',
      '  - Time To Live: 120 seconds',
      `  - Port Description: "to ${ctx.device.hostname}"`,
      `  - System Name: "${n.name}"`,
      '  - System Description: "Arista Networks EOS version 4.28.0F running on an Arista Networks DCS-7280SR-48C6"',
      '  - System Capabilities : Bridge, Router',
      '    Enabled Capabilities: Bridge, Router',
      '  - Management Address Subtype: IPv4 (1)',
      `    Management Address        : ${ctx.device.host.split('.').slice(0, 3).join('.')}.250`,
      '    Interface Number Subtype  : ifIndex (2)',
      '    Interface Number          : 999001',
      '    OID String                : ',
      '  - IEEE802.1 Port VLAN ID: 1',
      '  - IEEE802.3 Maximum Frame Size: 9236 bytes',
      '',
    );
  }
  return `${out.join('\n')}\n`;
}
