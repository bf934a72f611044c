import { bgpAgeSeconds, bgpNeighbors, nxosBgpNeighbors } from './bgp-neighbors';
import { eosEnvironment, iosEnvironment, nxosEnvironment } from './environment';
import { parseEosInterfaceCounters, parseIosInterfaceCounters, parseNxosInterfaceCounters } from './interface-counters';
import { junosAgo, junosUsers, parseJunosInterfaces } from './junos.getters';
import { junosBgpNeighbors, junosElapsedSeconds, junosEnvironment, junosSnmp, parseJunosInterfaceCounters, parseJunosLldpDetail, parseJunosSwitchingTable, parseJunosVlans } from './junos.operational';
import { lldpCapabilities, parseEosLldpDetail, parseIosLldpDetail, parseNxosLldpDetail } from './lldp-detail';
import { nxosFlapSeconds } from './nxos-ssh.getters';

// Outputs in the vendors' documented layouts (not the simulator's), including older variants.

const IOS_INTERFACES = `GigabitEthernet0/1 is up, line protocol is up
  Hardware is iGbE, address is 5254.0012.3401 (bia 5254.0012.3401)
  MTU 1500 bytes, BW 1000000 Kbit/sec, DLY 10 usec,
  Input queue: 0/75/3/0 (size/max/drops/flushes); Total output drops: 7
     1234 packets input, 567890 bytes, 0 no buffer
     Received 264071 broadcasts (39327 IP multicasts)
     2 input errors, 1 CRC, 0 frame, 0 overrun, 0 ignored
     4321 packets output, 987654 bytes, 0 underruns
     5 output errors, 0 collisions, 1 interface resets
Serial0/0 is administratively down, line protocol is down
  Hardware is GT96K Serial
     0 packets input, 0 bytes, 0 no buffer
     Received 338 broadcasts, 0 runts, 0 giants, 0 throttles
     0 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored, 0 abort
     0 packets output, 0 bytes, 0 underruns
     0 output errors, 0 collisions, 2 interface resets
`;

const EOS_INTERFACES = `Ethernet1 is up, line protocol is up (connected)
  Hardware is Ethernet, address is 5254.0012.3401 (bia 5254.0012.3401)
  Ethernet MTU 9214 bytes, BW 10000000 kbit
     1000 packets input, 120000 bytes
     Received 10 broadcasts, 90 multicast
     0 runts, 0 giants
     3 input errors, 3 CRC, 0 alignment, 0 symbol, 4 input discards
     2000 packets output, 240000 bytes
     Sent 20 broadcasts, 180 multicast
     0 output errors, 0 collisions
     0 late collision, 0 deferred, 6 output discards
Loopback0 is up, line protocol is up (connected)
  Hardware is Loopback
`;

describe('interface counters', () => {
  it('ios: packets are counted as unicast, input queue drops and total output drops as discards, -1 where IOS does not tell', () => {
    const c = parseIosInterfaceCounters(IOS_INTERFACES);
    expect(c['GigabitEthernet0/1']).toEqual({
      rx_unicast_packets: 1234, rx_octets: 567890, tx_unicast_packets: 4321, tx_octets: 987654,
      rx_broadcast_packets: 264071, rx_multicast_packets: 39327, tx_broadcast_packets: -1, tx_multicast_packets: -1,
      rx_errors: 2, tx_errors: 5, rx_discards: 3, tx_discards: 7,
    });
    expect(c['Serial0/0']).toMatchObject({ rx_broadcast_packets: 338, rx_multicast_packets: -1, rx_discards: -1, tx_discards: -1, rx_errors: 0 });
  });

  it('eos: unicast is packets minus broadcasts and multicasts; an interface without counters has -1 everywhere', () => {
    const c = parseEosInterfaceCounters(EOS_INTERFACES);
    expect(c.Ethernet1).toEqual({
      rx_unicast_packets: 900, rx_octets: 120000, tx_unicast_packets: 1800, tx_octets: 240000,
      rx_broadcast_packets: 10, rx_multicast_packets: 90, tx_broadcast_packets: 20, tx_multicast_packets: 180,
      rx_errors: 3, tx_errors: 0, rx_discards: 4, tx_discards: 6,
    });
    expect(Object.values(c.Loopback0).every((v) => v === -1)).toBe(true);
  });
});

describe('lldp neighbors detail', () => {
  it('maps capability letters and words to NAPALM names', () => {
    expect(lldpCapabilities('B,R,T')).toEqual(['bridge', 'router', 'telephone']);
    expect(lldpCapabilities('Bridge, Router, WLAN')).toEqual(['bridge', 'router', 'wlan-access-point']);
    expect(lldpCapabilities('not advertised')).toEqual([]);
  });

  it('ios: one entry per block, multi-line system description, canonical local interface, colon MAC', () => {
    const text = `Capability codes:
    (R) Router, (B) Bridge, (T) Telephone, (C) DOCSIS Cable Device

------------------------------------------------
Local Intf: Gi0/1
Chassis id: 0011.2233.4455
Port id: Ethernet12
Port Description: to-access
System Name: spine1.lab

System Description: 
Arista Networks EOS version 4.30.1F
running on an Arista DCS-7050

Time remaining: 98 seconds
System Capabilities: B,R
Enabled Capabilities: R
Management Addresses:
    IP: 127.0.9.1
------------------------------------------------
Local Intf: Po1
Chassis id: 0011.2233.4466
Port id: 0011.2233.4466
Port Description - not advertised
System Name - not advertised
System Description - not advertised

Time remaining: 91 seconds
System Capabilities: T
Enabled Capabilities: T

Total entries displayed: 2
`;
    expect(parseIosLldpDetail(text)).toEqual({
      'GigabitEthernet0/1': [
        {
          parent_interface: '',
          remote_port: 'Ethernet12',
          remote_port_description: 'to-access',
          remote_chassis_id: '00:11:22:33:44:55',
          remote_system_name: 'spine1.lab',
          remote_system_description: 'Arista Networks EOS version 4.30.1F\nrunning on an Arista DCS-7050',
          remote_system_capab: ['bridge', 'router'],
          remote_system_enable_capab: ['router'],
        },
      ],
      'Port-channel1': [
        {
          parent_interface: '',
          remote_port: '0011.2233.4466',
          remote_port_description: '',
          remote_chassis_id: '00:11:22:33:44:66',
          remote_system_name: '',
          remote_system_description: '',
          remote_system_capab: ['telephone'],
          remote_system_enable_capab: ['telephone'],
        },
      ],
    });
  });

  it('eos: neighbours per interface section, quoted values unquoted, interfaces without neighbours absent', () => {
    const text = `Interface Ethernet1 detected 1 LLDP neighbors:

  Neighbor 001c.7300.0001/"Ethernet3", age 4 seconds
  Discovered 5 days, 0:01:02 ago; Last changed 5 days, 0:01:02 ago
  - Chassis ID type: MAC address (4)
    Chassis ID     : 001c.7300.0001
  - Port ID type: Interface name (5)
    Port ID        : "Ethernet3"
  - Time To Live: 120 seconds
  - Port Description: "leaf-facing"
  - System Name: "spine2"
  - System Description: "Arista Networks EOS version 4.28.0F"
  - System Capabilities : Bridge, Router
    Enabled Capabilities: Router

Interface Ethernet2 detected 0 LLDP neighbors:

`;
    expect(parseEosLldpDetail(text)).toEqual({
      Ethernet1: [
        {
          parent_interface: '',
          remote_port: 'Ethernet3',
          remote_port_description: 'leaf-facing',
          remote_chassis_id: '00:1C:73:00:00:01',
          remote_system_name: 'spine2',
          remote_system_description: 'Arista Networks EOS version 4.28.0F',
          remote_system_capab: ['bridge', 'router'],
          remote_system_enable_capab: ['router'],
        },
      ],
    });
  });
});

describe('bgp neighbors', () => {
  it('reads BGP ages in every form devices print', () => {
    expect(bgpAgeSeconds('00:12:34')).toBe(754);
    expect(bgpAgeSeconds('1d02h')).toBe(93600);
    expect(bgpAgeSeconds('2w3d')).toBe(1468800);
    expect(bgpAgeSeconds('1y2w')).toBe(32745600);
    expect(bgpAgeSeconds('never')).toBe(-1);
  });

  it('ios: summary for router ID and AS, neighbor blocks for the rest; denied inbound prefixes are not accepted', () => {
    const summary = `BGP router identifier 127.0.1.1, local AS number 65001
BGP table version is 9, main routing table version 9

Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd
127.0.1.2       4        65002      50      52        9    0    0 00:40:10        8
127.0.1.3       4        65003       0       0        1    0    0 never    Active
`;
    const neighbors = `BGP neighbor is 127.0.1.2,  remote AS 65002, external link
 Description: to isp
  BGP version 4, remote router ID 127.0.9.2
  BGP state = Established, up for 00:40:10
 For address family: IPv4 Unicast
                                 Sent       Rcvd
  Prefix activity:               ----       ----
    Prefixes Current:               4          8 (Consumes 640 bytes)
                                   Outbound    Inbound
  Local Policy Denied Prefixes:    --------    -------
    route-map:                            0          2
    Total:                                0          2
BGP neighbor is 127.0.1.3,  remote AS 65003, external link
  BGP version 4, remote router ID 0.0.0.0
  BGP state = Active
`;
    expect(bgpNeighbors('cisco_ios', summary, neighbors)).toEqual({
      global: {
        router_id: '127.0.1.1',
        peers: {
          '127.0.1.2': { local_as: 65001, remote_as: 65002, remote_id: '127.0.9.2', is_up: true, is_enabled: true, description: 'to isp', uptime: 2410, address_family: { ipv4: { received_prefixes: 8, accepted_prefixes: 6, sent_prefixes: 4 } } },
          '127.0.1.3': { local_as: 65001, remote_as: 65003, remote_id: '0.0.0.0', is_up: false, is_enabled: true, description: '', uptime: -1, address_family: { ipv4: { received_prefixes: -1, accepted_prefixes: -1, sent_prefixes: -1 } } },
        },
      },
    });
  });

  it('eos: accepted prefixes from the summary PfxAcc column, a shut peer is not enabled; no BGP is {}', () => {
    const summary = `BGP summary information for VRF default
Router identifier 127.0.2.1, local AS number 65010
Neighbor Status Codes: m - Under maintenance
  Neighbor         V AS           MsgRcvd   MsgSent  InQ OutQ  Up/Down State   PfxRcd PfxAcc
  127.0.2.2        4 65020             80        81    0    0    1d02h Estab   12     11
  127.0.2.3        4 65030              0         0    0    0 00:01:00 Idle(Admin)
`;
    const neighbors = `BGP neighbor is 127.0.2.2, remote AS 65020, external link
  BGP version 4, remote router ID 127.0.2.2, VRF default
  BGP state is Established, up for 1d02h
  Prefix Statistics:
                         Sent      Rcvd     Best Paths     Best ECMP Paths
    IPv4 Unicast:           3        12             11                   0
Local AS is 65010, local router ID 127.0.2.1
BGP neighbor is 127.0.2.3, remote AS 65030, external link
 Description: spare
  BGP version 4, remote router ID 0.0.0.0, VRF default
  BGP state is Idle, Administratively shut down
Local AS is 65010, local router ID 127.0.2.1
`;
    const r = bgpNeighbors('arista_eos', summary, neighbors);
    expect(r.global.router_id).toBe('127.0.2.1');
    expect(r.global.peers['127.0.2.2']).toEqual({ local_as: 65010, remote_as: 65020, remote_id: '127.0.2.2', is_up: true, is_enabled: true, description: '', uptime: 93600, address_family: { ipv4: { received_prefixes: 12, accepted_prefixes: 11, sent_prefixes: 3 } } });
    expect(r.global.peers['127.0.2.3']).toMatchObject({ is_up: false, is_enabled: false, description: 'spare', uptime: -1 });
    expect(bgpNeighbors('arista_eos', '% BGP inactive\n', '')).toEqual({});
  });
});

describe('environment', () => {
  it('ios: fans, the system temperature against its thresholds, supplies, one-minute CPU, memory pools in bytes', () => {
    const env = `Switch 1 FAN 1 is OK
Switch 1 FAN 2 is FAULTY
SYSTEM TEMPERATURE is OK
System Temperature Value: 70 Degree Celsius
Yellow Threshold : 66 Degree Celsius
Red Threshold    : 76 Degree Celsius
SW  PID                 Serial#     Status           Sys Pwr  PoE Pwr  Watts
--  ------------------  ----------  ---------------  -------  -------  -----
1A  PWR-C2-640WAC       DCB1234ABC  OK               Good     Good     640/370
1B  PWR-C2-640WAC       DCB1234ABD  No Input Power   Bad      Bad      640/370
`;
    const cpu = 'CPU utilization for five seconds: 5%/1%; one minute: 7%; five minutes: 6%\n PID Runtime(ms) ...\n';
    const memory = `                Head    Total(b)     Used(b)     Free(b)   Lowest(b)  Largest(b)
Processor    2A4C1F0   366096884   156713372   209383512   206627908   208853280
      I/O    7000000    16777216    11823176     4954040     4949392     4930876
`;
    expect(iosEnvironment(env, cpu, memory)).toEqual({
      fans: { 'Switch 1 FAN 1': { status: true }, 'Switch 1 FAN 2': { status: false } },
      temperature: { system: { temperature: 70, is_alert: true, is_critical: false } },
      power: { '1A': { status: true, capacity: 640, output: -1 }, '1B': { status: false, capacity: 640, output: -1 } },
      cpu: { '0': { '%usage': 7 } },
      memory: { available_ram: 366096884 + 16777216, used_ram: 156713372 + 11823176 },
    });
  });

  it('ios without environment support answers empty tables, not made-up values', () => {
    expect(iosEnvironment("% Invalid input detected at '^' marker.\n", '', '')).toEqual({ fans: {}, temperature: {}, power: {}, cpu: {}, memory: { available_ram: -1, used_ram: -1 } });
  });

  it('eos: cooling, temperature, power tables, CPU from top, memory from show version in kB', () => {
    const cooling = `System cooling status is: Ok
Ambient temperature: 25C
Airflow: frontToBackAirflow
Fan            Status  Configured Speed  Actual Speed
-------------- ------- ----------------- ------------
1/1            Ok      40%               41%
2/1            Failed  40%               0%
`;
    const temperature = `System temperature status is: Ok

                                                                        Alert    Critical
                                              Temp     Setpoint                Limit    Limit
Sensor         Description                     (C)      (C)        Status      (C)      (C)
-------------- ------------------------------- -------- ---------- ------- -------- --------
TempSensor1    Cpu temp sensor                 88.0     (85.0)     Ok      85.0     95.0
`;
    const power = `Power                            Input   Output  Output
Supply  Model            Capacity Current Current Power  Status  Uptime
------- ---------------- -------- ------- ------- ------ ------- --------------
1       PWR-500AC-R      500W     0.54A   9.80A   118.4W Ok      2 days, 3:04:05
Total   ---------------- 500W     ------- ------- 118.4W -------
`;
    const top = '%Cpu(s):  4.1 us,  1.2 sy,  0.0 ni, 94.4 id,  0.0 wa,  0.2 hi,  0.1 si,  0.0 st\n';
    const version = 'Total memory: 4000000 kB\nFree memory: 1000000 kB\n';
    expect(eosEnvironment(cooling, temperature, power, top, version)).toEqual({
      fans: { '1/1': { status: true }, '2/1': { status: false } },
      temperature: { TempSensor1: { temperature: 88, is_alert: true, is_critical: false } },
      power: { '1': { status: true, capacity: 500, output: 118.4 } },
      cpu: { '0': { '%usage': 5.6 } },
      memory: { available_ram: 4000000, used_ram: 3000000 },
    });
  });
});

describe('junos and nx-os text', () => {
  it('junos show interfaces: physical state, speed/mtu/mac, last flapped, unit addresses; Unlimited is -1 / 0', () => {
    const text = `Physical interface: ge-0/0/0, Enabled, Physical link is Up
  Interface index: 148, SNMP ifIndex: 526
  Description: to core
  Link-level type: Ethernet, MTU: 9192, Link-mode: Full-duplex, Speed: 10Gbps, BPDU Error: None
  Current address: 00:05:86:71:1a:c0, Hardware address: 00:05:86:71:1a:c0
  Last flapped   : 2024-03-01 10:00:00 UTC (1w2d 03:04 ago)

  Logical interface ge-0/0/0.0 (Index 338) (SNMP ifIndex 527)
    Protocol inet, MTU: 9178
      Addresses, Flags: Is-Preferred Is-Primary
        Destination: 127.0.8/30, Local: 127.0.8.1, Broadcast: 127.0.8.3

Physical interface: ge-0/0/1, Administratively down, Physical link is Down
  Link-level type: Ethernet, MTU: 1514, Speed: 1000mbps
  Last flapped   : Never

Physical interface: lo0, Enabled, Physical link is Up
  Type: Loopback, Link-level type: Unspecified, MTU: Unlimited, Speed: Unlimited
`;
    expect(parseJunosInterfaces(text)).toEqual([
      { name: 'ge-0/0/0', enabled: true, up: true, description: 'to core', mtu: 9192, speed: 10000, mac: '00:05:86:71:1A:C0', lastFlapped: 788640, units: [{ name: 'ge-0/0/0.0', addresses: [{ local: '127.0.8.1', prefix: 30 }] }] },
      { name: 'ge-0/0/1', enabled: false, up: false, description: '', mtu: 1514, speed: 1000, mac: '', lastFlapped: -1, units: [] },
      { name: 'lo0', enabled: true, up: true, description: '', mtu: 0, speed: -1, mac: '', lastFlapped: -1, units: [] },
    ]);
    expect(junosAgo('(03:04:05 ago)')).toBe(11045);
    expect(junosAgo('(2d 00:01 ago)')).toBe(172860);
  });

  it('junos users from display set: class levels, password hash, ssh keys', () => {
    const set = [
      'set system login user alice uid 2001',
      'set system login user alice class super-user',
      'set system login user alice authentication encrypted-password "$6$abc$def"',
      'set system login user alice authentication ssh-ed25519 "ssh-ed25519 AAAAC3 alice@lab"',
      'set system login user bob class read-only',
    ].join('\n');
    expect(junosUsers(set)).toEqual({
      alice: { level: 15, password: '$6$abc$def', sshkeys: ['ssh-ed25519 AAAAC3 alice@lab'] },
      bob: { level: 1, password: '', sshkeys: [] },
    });
  });

  it('nx-os last link flapped in every form it prints', () => {
    expect(nxosFlapSeconds('03:04:05')).toBe(11045);
    expect(nxosFlapSeconds('2d03h')).toBe(183600);
    expect(nxosFlapSeconds('1w2d')).toBe(777600);
    expect(nxosFlapSeconds('1week(s) 2day(s)')).toBe(777600);
    expect(nxosFlapSeconds('never')).toBe(-1);
  });
});

describe('junos operational text', () => {
  it('show interfaces extensive: traffic statistics, error/drop counts, MAC statistics; -1 without MAC statistics', () => {
    const text = `Physical interface: xe-0/0/3, Enabled, Physical link is Up
  Interface index: 650, SNMP ifIndex: 516, Generation: 141
  Traffic statistics:
   Input  bytes  :           1234567890                 1200 bps
   Output bytes  :            987654321                  800 bps
   Input  packets:              4567890                    2 pps
   Output packets:              3456789                    1 pps
  Input errors:
    Errors: 3, Drops: 4, Framing errors: 0, Runts: 0, Policed discards: 0, L3 incompletes: 0, L2 channel errors: 0, L2 mismatch timeouts: 0, FIFO errors: 0, Resource errors: 0
  Output errors:
    Carrier transitions: 5, Errors: 6, Drops: 7, Collisions: 0, Aged packets: 0, FIFO errors: 0, HS link CRC errors: 0, MTU errors: 0, Resource errors: 0
  MAC statistics:                      Receive         Transmit
    Total octets                    1234567890        987654321
    Total packets                      4567890          3456789
    Unicast packets                    4500000          3400000
    Broadcast packets                    17890            16789
    Multicast packets                    50000            40000
  Logical interface xe-0/0/3.0 (Index 560) (SNMP ifIndex 540) (Generation 150)
    Input packets : 99
    Traffic statistics:
     Input  bytes  :                 5
Physical interface: lo0, Enabled, Physical link is Up
  Traffic statistics:
   Input  bytes  :                   10
   Output bytes  :                   20
  Input errors:
    Errors: 0, Drops: 0, Framing errors: 0
  Output errors:
    Carrier transitions: 0, Errors: 0, Drops: 0
`;
    const c = parseJunosInterfaceCounters(text);
    expect(c['xe-0/0/3']).toEqual({
      rx_octets: 1234567890, tx_octets: 987654321, rx_unicast_packets: 4500000, tx_unicast_packets: 3400000,
      rx_broadcast_packets: 17890, tx_broadcast_packets: 16789, rx_multicast_packets: 50000, tx_multicast_packets: 40000,
      rx_errors: 3, rx_discards: 4, tx_errors: 6, tx_discards: 7,
    });
    expect(c.lo0).toMatchObject({ rx_octets: 10, tx_octets: 20, rx_errors: 0, tx_discards: 0, rx_unicast_packets: -1, tx_multicast_packets: -1 });
    expect(Object.keys(c)).toEqual(['xe-0/0/3', 'lo0']);
  });

  it('show lldp neighbors interface: chassis id as MAC, capability words, management port ID ignored', () => {
    const [n] = parseJunosLldpDetail(`LLDP Neighbor Information:
Local Information:
Index: 3 Time to live: 120 Time mark: Mon Jan 11 10:00:00 2021 Age: 24 secs
Local Interface    : ge-0/0/5
Parent Interface   : ae0
Local Port ID      : 530

Neighbour Information:
Chassis type       : Mac address
Chassis ID         : 00:1c:73:aa:bb:cc
Port type          : Interface name
Port ID            : Ethernet49/1
Port description   : to-leaf
System name        : spine1

System Description : Arista Networks EOS version 4.24.2F running on an Arista Networks DCS-7050SX3-48YC8

System capabilities
        Supported: Bridge Router
        Enabled  : Router

Management Information
Port ID            : 999
`);
    expect(n).toEqual({
      local: 'ge-0/0/5',
      entry: {
        parent_interface: 'ae0', remote_port: 'Ethernet49/1', remote_port_description: 'to-leaf', remote_chassis_id: '00:1C:73:AA:BB:CC', remote_system_name: 'spine1',
        remote_system_description: 'Arista Networks EOS version 4.24.2F running on an Arista Networks DCS-7050SX3-48YC8', remote_system_capab: ['bridge', 'router'], remote_system_enable_capab: ['router'],
      },
    });
  });

  it('show vlans and show ethernet-switching table (ELS): members without the active mark, VLAN names, MAC flags', () => {
    expect(parseJunosVlans(`
Routing instance        VLAN name             Tag          Interfaces
default-switch          default               1
                                                           ge-0/0/0.0*
                                                           ge-0/0/2.0
default-switch          v100                  100          ge-0/0/9.0*

`)).toEqual([{ id: 1, name: 'default', interfaces: ['ge-0/0/0.0', 'ge-0/0/2.0'] }, { id: 100, name: 'v100', interfaces: ['ge-0/0/9.0'] }]);
    expect(parseJunosSwitchingTable(`MAC flags (S - static MAC, D - dynamic MAC, L - locally learned, P - Persistent static)

Ethernet switching table : 2 entries, 1 learned
Routing instance : default-switch
   Vlan                MAC                 MAC         Age    Logical                NH        RTR
   name                address             flags              interface              Index     ID
   default             00:1c:73:00:00:01   D             -   ge-0/0/0.0             0         0
   v100                00:1c:73:00:00:02   S             -   ge-0/0/9.0             0         0
`)).toEqual([
      { vlan: 'default', mac: '00:1C:73:00:00:01', flags: 'D', interface: 'ge-0/0/0.0' },
      { vlan: 'v100', mac: '00:1C:73:00:00:02', flags: 'S', interface: 'ge-0/0/9.0' },
    ]);
  });

  it('snmp from display set: quoted contact/location, read-only/read-write, client list as acl', () => {
    expect(junosSnmp(`set snmp location "Rack 4, Row 2"
set snmp contact "noc@example.net"
set snmp community public authorization read-only
set snmp community private authorization read-write
set snmp community private client-list-name MGMT
`)).toEqual({ chassis_id: '', community: { public: { acl: '', mode: 'ro' }, private: { acl: 'MGMT', mode: 'rw' } }, contact: 'noc@example.net', location: 'Rack 4, Row 2' });
  });

  it('bgp: elapsed times, summary uptime, neighbor blocks for AS, IDs and inet.0 prefixes; not running is {}', () => {
    expect([junosElapsedSeconds('3:04:05'), junosElapsedSeconds('2d 3:04:05'), junosElapsedSeconds('1w2d 0:00:07'), junosElapsedSeconds('45'), junosElapsedSeconds('x')]).toEqual([11045, 183845, 777607, 45, -1]);
    const summary = `Groups: 1 Peers: 2 Down peers: 1
Peer                     AS      InPkt     OutPkt    OutQ   Flaps Last Up/Dwn State|#Active/Received/Accepted/Damped...
127.0.9.2             65100        120        118       0       0     1d 2:00:00 Establ
  inet.0: 5/8/6/0
127.0.9.3             65200          0          0       0       1        3:00 Connect
`;
    const neighbor = `Peer: 127.0.9.2+179 AS 65100 Local: 127.0.9.1+61234 AS 65001
  Description: upstream
  Group: ext                 Routing-Instance: master
  Type: External    State: Established    Flags: <Sync>
  Options: <Preference PeerAS Refresh>
  Peer ID: 127.0.0.2       Local ID: 127.0.0.1       Active Holdtime: 90
  Table inet.0 Bit: 20000
    Received prefixes:            8
    Accepted prefixes:            6
    Advertised prefixes:          3

Peer: 127.0.9.3 AS 65200 Local: unspecified AS 65001
  Type: External    State: Connect    Flags: <>
  Options: <Preference PeerAS Refresh Shutdown>
`;
    expect(junosBgpNeighbors(summary, neighbor)).toEqual({
      global: {
        router_id: '127.0.0.1',
        peers: {
          '127.0.9.2': { local_as: 65001, remote_as: 65100, remote_id: '127.0.0.2', is_up: true, is_enabled: true, description: 'upstream', uptime: 93600, address_family: { ipv4: { received_prefixes: 8, accepted_prefixes: 6, sent_prefixes: 3 } } },
          '127.0.9.3': { local_as: 65001, remote_as: 65200, remote_id: '0.0.0.0', is_up: false, is_enabled: false, description: '', uptime: -1, address_family: { ipv4: { received_prefixes: 0, accepted_prefixes: 0, sent_prefixes: 0 } } },
        },
      },
    });
    expect(junosBgpNeighbors('\nBGP is not running\n', '')).toEqual({});
  });

  it('environment: temperatures in C with non-OK as alert, fans, power without ratings, RE idle and DRAM', () => {
    const env = `Class Item                           Status     Measurement
Temp  PEM 0                          OK         40 degrees C / 104 degrees F
      Routing Engine 0               Check      78 degrees C / 172 degrees F
      FPC 1                          Failed     95 degrees C / 203 degrees F
Fans  Top Fan Tray Fan 1             OK         Spinning at normal speed
      Top Fan Tray Fan 2             Failed
Power PEM 0                          OK
      PEM 1                          Absent
`;
    const re = `Routing Engine status:
  Slot 0:
    Current state                  Master
    DRAM                      3584 MB (4096 MB installed)
    Memory utilization          50 percent
    CPU utilization:
      User                       3 percent
      Idle                      93 percent
  Slot 1:
    Current state                  Backup
    DRAM                      3584 MB
    Memory utilization          10 percent
    CPU utilization:
      Idle                      99 percent
`;
    expect(junosEnvironment(env, re)).toEqual({
      fans: { 'Top Fan Tray Fan 1': { status: true }, 'Top Fan Tray Fan 2': { status: false } },
      temperature: { 'PEM 0': { temperature: 40, is_alert: false, is_critical: false }, 'Routing Engine 0': { temperature: 78, is_alert: true, is_critical: false }, 'FPC 1': { temperature: 95, is_alert: true, is_critical: true } },
      power: { 'PEM 0': { status: true, capacity: -1, output: -1 } },
      cpu: { '0': { '%usage': 7 }, '1': { '%usage': 1 } },
      memory: { available_ram: 3584, used_ram: 1792 },
    });
  });
});

describe('nx-os counters and lldp detail', () => {
  it('show interface: RX/TX sections of Ethernet and mgmt layouts; loopbacks have bytes and errors only', () => {
    const c = parseNxosInterfaceCounters(`mgmt0 is up
admin state is up,
  Hardware: GigabitEthernet, address: 5254.0012.3400 (bia 5254.0012.3400)
  RX
    500 input packets 300 unicast packets 150 multicast packets 50 broadcast packets
    64000 bytes
  TX
    400 output packets 380 unicast packets 15 multicast packets 5 broadcast packets
    52000 bytes
Ethernet1/1 is up
admin state is up, Dedicated Interface
  RX
    900 unicast packets  80 multicast packets  20 broadcast packets
    1000 input packets  128000 bytes
    0 runts  0 giants  1 CRC  0 no buffer
    2 input error  0 short frame  0 overrun   0 underrun  0 ignored
    0 input with dribble  3 input discard
  TX
    1800 unicast packets  150 multicast packets  50 broadcast packets
    2000 output packets  256000 bytes
    4 output error  0 collision  0 deferred  0 late collision
    0 lost carrier  0 no carrier  0 babble  5 output discard
loopback0 is up
admin state is up,
    7 packets input 700 bytes
    0 multicast frames 0 compressed
    1 input errors 0 frame 0 overrun 0 fifo
    8 packets output 800 bytes 0 underruns
    0 output errors 0 collisions 0 fifo
`);
    expect(c.mgmt0).toMatchObject({ rx_unicast_packets: 300, rx_multicast_packets: 150, rx_broadcast_packets: 50, rx_octets: 64000, tx_unicast_packets: 380, tx_octets: 52000, rx_discards: -1 });
    expect(c['Ethernet1/1']).toEqual({
      rx_unicast_packets: 900, rx_multicast_packets: 80, rx_broadcast_packets: 20, rx_octets: 128000, rx_errors: 2, rx_discards: 3,
      tx_unicast_packets: 1800, tx_multicast_packets: 150, tx_broadcast_packets: 50, tx_octets: 256000, tx_errors: 4, tx_discards: 5,
    });
    expect(c.loopback0).toEqual({
      rx_octets: 700, tx_octets: 800, rx_errors: 1, tx_errors: 0,
      rx_unicast_packets: -1, rx_multicast_packets: -1, rx_broadcast_packets: -1, tx_unicast_packets: -1, tx_multicast_packets: -1, tx_broadcast_packets: -1, rx_discards: -1, tx_discards: -1,
    });
  });

  it('show lldp neighbors detail: blocks per chassis id, local port canonical, multi-line description, not advertised is empty', () => {
    expect(parseNxosLldpDetail(`Capability codes:
  (R) Router, (B) Bridge, (T) Telephone, (C) DOCSIS Cable Device
Device ID            Local Intf      Hold-time  Capability  Port ID

Chassis id: 001c.7300.0001
Port id: Ethernet49/1
Local Port id: Eth1/1
Port Description: not advertised
System Name: spine1
System Description: Arista Networks EOS version 4.24.2F
running on an Arista Networks DCS-7050SX3
Time remaining: 98 seconds
System Capabilities: B, R
Enabled Capabilities: R
Management Address: 127.0.0.9
Vlan ID: not advertised

Chassis id: 5254.0012.3402
Port id: mgmt0
Local Port id: mgmt0
Port Description: null
System Name: leaf2
System Description: Cisco Nexus Operating System (NX-OS) Software 9.3(8)
Time remaining: 101 seconds
System Capabilities: B
Enabled Capabilities: B

Total entries displayed: 2
`)).toEqual({
      'Ethernet1/1': [{ parent_interface: '', remote_port: 'Ethernet49/1', remote_port_description: '', remote_chassis_id: '00:1C:73:00:00:01', remote_system_name: 'spine1', remote_system_description: 'Arista Networks EOS version 4.24.2F\nrunning on an Arista Networks DCS-7050SX3', remote_system_capab: ['bridge', 'router'], remote_system_enable_capab: ['router'] }],
      mgmt0: [{ parent_interface: '', remote_port: 'mgmt0', remote_port_description: '', remote_chassis_id: '52:54:00:12:34:02', remote_system_name: 'leaf2', remote_system_description: 'Cisco Nexus Operating System (NX-OS) Software 9.3(8)', remote_system_capab: ['bridge'], remote_system_enable_capab: ['bridge'] }],
    });
  });
});

describe('nx-os bgp and environment', () => {
  it('bgp: summary for router ID, AS and received prefixes; neighbor blocks for accepted/sent, Shut (Admin) is not enabled; not running is {}', () => {
    const summary = `BGP summary information for VRF default, address family IPv4 Unicast
BGP router identifier 127.0.0.1, local AS number 65001
BGP table version is 9, IPv4 Unicast config peers 2, capable peers 1

Neighbor        V    AS    MsgRcvd    MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd
127.0.9.2       4 65100       1200       1100        9    0    0 1w2d     12
127.0.9.3       4 65200          0          0        0    0    0 00:10:00 Shut (Admin)
`;
    const neighbors = `BGP neighbor is 127.0.9.2, remote AS 65100, ebgp link, Peer index 3
  Description: upstream
  BGP version 4, remote router ID 127.0.0.2
  BGP state = Established, up for 1w2d
  For address family: IPv4 Unicast
  10 accepted prefixes (10 paths), consuming 2400 bytes of memory
  4 sent prefixes (4 paths)

BGP neighbor is 127.0.9.3, remote AS 65200, ebgp link, Peer index 4
  BGP version 4, remote router ID 0.0.0.0
  BGP state = Shut (Admin), down for 00:10:00
  For address family: IPv4 Unicast
  0 accepted prefixes (0 paths), consuming 0 bytes of memory
  0 sent prefixes (0 paths)
`;
    expect(nxosBgpNeighbors(summary, neighbors)).toEqual({
      global: {
        router_id: '127.0.0.1',
        peers: {
          '127.0.9.2': { local_as: 65001, remote_as: 65100, remote_id: '127.0.0.2', is_up: true, is_enabled: true, description: 'upstream', uptime: 777600, address_family: { ipv4: { received_prefixes: 12, accepted_prefixes: 10, sent_prefixes: 4 } } },
          '127.0.9.3': { local_as: 65001, remote_as: 65200, remote_id: '0.0.0.0', is_up: false, is_enabled: false, description: '', uptime: -1, address_family: { ipv4: { received_prefixes: 0, accepted_prefixes: 0, sent_prefixes: 0 } } },
        },
      },
    });
    expect(nxosBgpNeighbors('% BGP is not running\n', '')).toEqual({});
  });

  it('environment: supplies with capacity and output, fans, sensors against minor/major thresholds, CPU from idle, memory in kB', () => {
    const env = `Power Supply:
Voltage: 12.0 Volts
Power                              Actual        Actual        Total
Supply    Model                    Output     Input        Capacity    Status
                                   (Watts )     (Watts )     (Watts )
-------  -------------------  -----------  -----------  -----------  --------------
1        NXA-PAC-650W-PE             120 W        131 W        650 W     Ok
2        NXA-PAC-650W-PE               0 W          0 W        650 W     Absent

Fan:
---------------------------------------------------------------------------
Fan             Model                Hw     Direction       Status
---------------------------------------------------------------------------
Fan1(sys_fan1)  NXA-FAN-30CFM-B      --     front-to-back   Ok
Fan2(sys_fan2)  NXA-FAN-30CFM-B      --     front-to-back   Failure

Temperature:
--------------------------------------------------------------------
Module   Sensor        MajorThresh   MinorThres   CurTemp     Status
                       (Celsius)     (Celsius)    (Celsius)
--------------------------------------------------------------------
1        FRONT           80              70          72         Minor
1        CPU             90              80          91         Major
2        ASIC            105             95          50         Ok
`;
    const resources = `Load average:   1 minute: 0.34   5 minutes: 0.40   15 minutes: 0.42
CPU states  :   3.50% user,   1.00% kernel,   95.50% idle
        CPU0 states  :   3.00% user,   1.00% kernel,   96.00% idle
Memory usage:   8000000K total,   3000000K used,   5000000K free
`;
    expect(nxosEnvironment(env, resources)).toEqual({
      power: { '1': { status: true, capacity: 650, output: 120 }, '2': { status: false, capacity: 650, output: 0 } },
      fans: { 'Fan1(sys_fan1)': { status: true }, 'Fan2(sys_fan2)': { status: false } },
      temperature: { FRONT: { temperature: 72, is_alert: true, is_critical: false }, CPU: { temperature: 91, is_alert: true, is_critical: true }, 'module 2 ASIC': { temperature: 50, is_alert: false, is_critical: false } },
      cpu: { '0': { '%usage': 4.5 } },
      memory: { available_ram: 8000000, used_ram: 3000000 },
    });
  });
});
