import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import { DriverValidationError } from '../core/device-driver';
import { NapalmDriver } from './napalm.driver';

describe('NapalmDriver on simulated ios and eos', () => {
  const sut = new NapalmDriver();
  const devices: Record<string, SimulatedDevice> = {};
  const args = (type: string): Record<string, unknown> => ({ device_type: type, hostname: devices[type].host, username: 'admin', password: 'admin', optional_args: { port: devices[type].port, secret: 'en-secret' } });
  const ctx = (jobId = 'job-1'): ExecContext => ({ jobId, signal: new AbortController().signal, maxOutputBytes: 64 << 20 });
  const req = (type: string, extras: Record<string, unknown> = {}, driver_args: Record<string, unknown> | null = null): DriverRequest => ({ connection_args: args(type), driver_args, extras });

  beforeAll(async () => {
    devices.cisco_ios = await startDevice({ platform: 'cisco_ios', host: '127.19.1.1', port: 0, hostname: 'R1', secret: 'en-secret', terminalLength: 24 });
    devices.cisco_nxos = await startDevice({ platform: 'cisco_nxos', host: '127.19.1.3', port: 0, hostname: 'nx1', secret: 'en-secret', terminalLength: 24 });
    devices.arista_eos = await startDevice({ platform: 'arista_eos', host: '127.19.1.2', port: 0, hostname: 'leaf1', secret: 'en-secret', terminalLength: 24 });
  });
  afterAll(async () => {
    await Promise.all(Object.values(devices).map((d) => d.stop()));
  });

  it('refuses an unknown napalm platform naming the supported ones, and maps netmiko names', () => {
    expect(() => sut.validate({ connection_args: { device_type: 'vyos', host: 'h', username: 'u', password: 'p' }, driver_args: null, extras: {} })).toThrow(DriverValidationError);
    try {
      sut.validate({ connection_args: { device_type: 'vyos', host: 'h', username: 'u', password: 'p' }, driver_args: null, extras: {} });
    } catch (err) {
      expect((err as DriverValidationError).errors[0].msg).toMatch(/unsupported napalm driver 'vyos'; supported: eos, ios, junos, nxos_ssh/);
    }
    expect(() => sut.validate({ connection_args: { device_type: 'cisco_ios', hostname: 'h', username: 'u', password: 'p' }, driver_args: null, extras: {} })).not.toThrow();
    expect(() => sut.validate({ connection_args: { device_type: 'eos', host: 'h', username: 'u', password: 'p', optional_args: { port: 'x' } }, driver_args: null, extras: {} })).toThrow(DriverValidationError);
  });

  it.each(['cisco_ios', 'arista_eos'])('%s: getters answer NAPALM structures, CLI passes through, unknown getters fail naming the supported ones', async (type) => {
    const s = await sut.connect(args(type));
    try {
      const r = await s.send(
        ['get_facts', 'get_interfaces', 'get_interfaces_ip', 'get_interfaces_counters', 'get_arp_table', 'get_lldp_neighbors', 'get_lldp_neighbors_detail', 'get_vlans', 'get_mac_address_table', 'get_bgp_neighbors', 'get_environment', 'get_users', 'get_ntp_servers', 'get_config', 'show version', 'get_bogus'],
        req(type),
        ctx(),
      );
      const byCmd = Object.fromEntries(r.map((x) => [x.command, x]));
      for (const x of r.slice(0, -1)) expect({ cmd: x.command, exit: x.exit_status, err: x.stderr }).toEqual({ cmd: x.command, exit: 0, err: '' });
      const facts = byCmd.get_facts.stdout as Record<string, unknown>;
      expect(facts).toEqual({
        uptime: expect.any(Number),
        vendor: type === 'cisco_ios' ? 'Cisco' : 'Arista',
        os_version: expect.stringMatching(/\S/),
        serial_number: expect.stringMatching(/\S/),
        model: expect.stringMatching(/\S/),
        hostname: type === 'cisco_ios' ? 'R1' : 'leaf1',
        fqdn: expect.stringMatching(type === 'cisco_ios' ? /^R1\.sim\.local$/ : /^leaf1/),
        interface_list: expect.arrayContaining([type === 'cisco_ios' ? 'GigabitEthernet1/0/1' : 'Ethernet1']),
      });
      const ifs = byCmd.get_interfaces.stdout as Record<string, Record<string, unknown>>;
      const first = ifs[type === 'cisco_ios' ? 'GigabitEthernet1/0/1' : 'Ethernet1'];
      expect(first).toEqual({ is_up: true, is_enabled: true, description: 'uplink', last_flapped: expect.any(Number), speed: 1000, mtu: expect.any(Number), mac_address: expect.stringMatching(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/) });
      const mgmt = type === 'cisco_ios' ? 'Vlan1' : 'Management1';
      expect(byCmd.get_interfaces_ip.stdout).toEqual({ [mgmt]: { ipv4: { [devices[type].host]: { prefix_length: 24 } } } });
      const counters = byCmd.get_interfaces_counters.stdout as Record<string, Record<string, number>>;
      const up = counters[type === 'cisco_ios' ? 'GigabitEthernet1/0/1' : 'Ethernet1'];
      const down = counters[type === 'cisco_ios' ? 'GigabitEthernet1/0/3' : 'Ethernet3'];
      expect(Object.keys(up).sort()).toEqual(['rx_broadcast_packets', 'rx_discards', 'rx_errors', 'rx_multicast_packets', 'rx_octets', 'rx_unicast_packets', 'tx_broadcast_packets', 'tx_discards', 'tx_errors', 'tx_multicast_packets', 'tx_octets', 'tx_unicast_packets']);
      expect(up.rx_octets).toBeGreaterThan(up.rx_unicast_packets);
      expect(up.rx_unicast_packets).toBeGreaterThan(0);
      if (type === 'cisco_ios') expect(up.tx_broadcast_packets).toBe(-1);
      else expect(up.tx_broadcast_packets).toBeGreaterThan(0);
      expect(down.rx_octets).toBe(0);
      const later = await s.send(['get_interfaces_counters'], req(type), ctx());
      const [upLater] = [(later[0].stdout as Record<string, Record<string, number>>)[type === 'cisco_ios' ? 'GigabitEthernet1/0/1' : 'Ethernet1']];
      expect(upLater.rx_octets).toBeGreaterThanOrEqual(up.rx_octets);
      const lldp = byCmd.get_lldp_neighbors_detail.stdout as Record<string, unknown[]>;
      expect(lldp).toEqual({
        [type === 'cisco_ios' ? 'GigabitEthernet1/0/1' : 'Ethernet1']: [
          {
            parent_interface: '',
            remote_port: type === 'cisco_ios' ? 'Gi0/48' : 'Ethernet48',
            remote_port_description: type === 'cisco_ios' ? 'GigabitEthernet0/48' : `to ${type === 'cisco_ios' ? 'R1' : 'leaf1'}`,
            remote_chassis_id: expect.stringMatching(/^([0-9A-F]{2}:){5}FD$/),
            remote_system_name: expect.stringMatching(/^core-\d\d$/),
            remote_system_description: expect.stringMatching(type === 'cisco_ios' ? /^Cisco IOS Software/ : /^Arista Networks EOS/),
            remote_system_capab: ['bridge', 'router'],
            remote_system_enable_capab: ['bridge', 'router'],
          },
        ],
      });
      const bgp = byCmd.get_bgp_neighbors.stdout as { global: { router_id: string; peers: Record<string, Record<string, unknown>> } };
      const subnet = devices[type].host.split('.').slice(0, 3).join('.');
      expect(bgp.global.router_id).toBe(devices[type].host);
      expect(bgp.global.peers[`${subnet}.254`]).toEqual({
        local_as: expect.any(Number),
        remote_as: 65100,
        remote_id: `${subnet}.254`,
        is_up: true,
        is_enabled: true,
        description: 'core uplink',
        uptime: expect.any(Number),
        address_family: { ipv4: { received_prefixes: expect.any(Number), accepted_prefixes: expect.any(Number), sent_prefixes: expect.any(Number) } },
      });
      expect((bgp.global.peers[`${subnet}.254`].uptime as number) > 0).toBe(true);
      expect(bgp.global.peers[`${subnet}.253`]).toMatchObject({ remote_as: 65200, is_up: false, is_enabled: false, description: 'backup transit', uptime: -1 });
      const env = byCmd.get_environment.stdout as Record<string, Record<string, Record<string, unknown>>>;
      expect(Object.keys(env).sort()).toEqual(['cpu', 'fans', 'memory', 'power', 'temperature']);
      expect(Object.values(env.fans).every((f) => f.status === true)).toBe(true);
      expect(Object.keys(env.fans).length).toBeGreaterThan(1);
      expect(Object.values(env.temperature)[0]).toEqual({ temperature: expect.any(Number), is_alert: false, is_critical: false });
      expect(Object.values(env.power)[0]).toEqual({ status: true, capacity: type === 'cisco_ios' ? 250 : 500, output: type === 'cisco_ios' ? -1 : expect.any(Number) });
      expect(env.cpu['0']).toEqual({ '%usage': expect.any(Number) });
      expect(env.memory.used_ram).toBeLessThan(env.memory.available_ram as unknown as number);
      const arp = byCmd.get_arp_table.stdout as Array<Record<string, unknown>>;
      expect(arp).toContainEqual({ interface: mgmt, mac: expect.stringMatching(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/), ip: '127.19.1.254', age: 240 });
      expect(Object.values(byCmd.get_lldp_neighbors.stdout as Record<string, unknown[]>)[0]).toEqual([{ hostname: expect.stringMatching(/^core-/), port: expect.any(String) }]);
      expect((byCmd.get_vlans.stdout as Record<string, unknown>)['10']).toEqual({ name: 'USERS', interfaces: type === 'cisco_ios' ? ['GigabitEthernet1/0/3', 'GigabitEthernet1/0/4'] : [] });
      const macs = byCmd.get_mac_address_table.stdout as Array<Record<string, unknown>>;
      expect(macs.length).toBeGreaterThan(0);
      expect(macs[0]).toEqual({ mac: expect.stringMatching(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/), interface: expect.stringMatching(/Ethernet/), vlan: expect.any(Number), static: false, active: true, moves: expect.any(Number), last_move: expect.any(Number) });
      expect(byCmd.get_users.stdout).toEqual({ admin: { level: 15, password: expect.stringMatching(/^\$/), sshkeys: [] } });
      expect(byCmd.get_ntp_servers.stdout).toEqual({});
      const cfg = byCmd.get_config.stdout as Record<string, string>;
      expect(cfg.running).toMatch(type === 'cisco_ios' ? /^!\nversion 15\.2/ : /hostname leaf1/);
      expect(cfg.candidate).toBe('');
      expect(byCmd['show version'].stdout).toMatch(type === 'cisco_ios' ? /Cisco IOS Software/ : /Arista/);
      expect(byCmd.get_bogus.exit_status).toBe(1);
      expect(byCmd.get_bogus.stderr).toMatch(/^get_bogus is not supported for (ios|eos); supported getters: get_arp_table, get_bgp_neighbors, get_config, get_environment, get_facts, /);
    } finally {
      await s.close();
    }
  });

  it('eos: load_merge_candidate → compare_config → discard on dry_run, commit otherwise; a refused line discards the candidate', async () => {
    const dev = devices.arista_eos;
    const s = await sut.connect(args('arista_eos'));
    try {
      const lines = ['interface Loopback77', 'description napalm-merge', 'ntp server 127.19.9.9', 'snmp-server community netpulse ro', 'snmp-server location lab rack 7'];
      const dry = await s.config(lines, req('arista_eos', { dry_run: true }), ctx('job-dry'));
      expect(dry).toHaveLength(1);
      expect(dry[0].exit_status).toBe(0);
      expect(dry[0].stdout).toMatch(/^--- system:\/running-config\n\+\+\+ session:/);
      expect(dry[0].stdout).toMatch(/^\+interface Loopback77$/m);
      expect(dry[0].stdout).toMatch(/^\+ntp server 127\.19\.9\.9$/m);
      expect(dev.runningConfig).not.toContain('napalm-merge');

      const done = await s.config(lines, req('arista_eos'), ctx('job-commit'));
      expect(done[0].exit_status).toBe(0);
      expect(done[0].stdout).toMatch(/^\+ description napalm-merge$/m);
      expect(dev.runningConfig).toContain('description napalm-merge');
      const [ntp, snmp] = await s.send(['get_ntp_servers', 'get_snmp_information'], req('arista_eos'), ctx());
      expect(ntp.stdout).toEqual({ '127.19.9.9': {} });
      expect(snmp.stdout).toEqual({ chassis_id: '', community: { netpulse: { acl: '', mode: 'ro' } }, contact: '', location: 'lab rack 7' });

      const again = await s.config(lines, req('arista_eos'), ctx('job-again'));
      expect(again[0]).toMatchObject({ exit_status: 0, stdout: '' });

      const bad = await s.config(['interface Loopback78', 'frobnicate the network'], req('arista_eos'), ctx('job-bad'));
      expect(bad).toHaveLength(1);
      expect(bad[0].exit_status).toBe(1);
      expect(bad[0].stderr).toMatch(/^load_merge_candidate failed at 'frobnicate the network': % Invalid input; the candidate was discarded$/);
      expect(dev.runningConfig).not.toContain('Loopback78');
      const [sessions] = await s.send(['show configuration sessions'], req('arista_eos'), ctx());
      expect(sessions.stdout).not.toMatch(/netpulse_/);
    } finally {
      await s.close();
    }
  });

  it('nxos_ssh: the getters answer NAPALM structures; other getters and config say they are not served', async () => {
    const s = await sut.connect(args('cisco_nxos'));
    try {
      const r = await s.send(
        ['get_facts', 'get_interfaces', 'get_interfaces_ip', 'get_arp_table', 'get_lldp_neighbors', 'get_mac_address_table', 'get_vlans', 'get_users', 'get_ntp_servers', 'get_snmp_information', 'get_config', 'get_interfaces_counters', 'get_lldp_neighbors_detail', 'get_bgp_neighbors', 'get_environment', 'get_optics'],
        req('cisco_nxos', {}, { retrieve: 'running' }),
        ctx(),
      );
      const byCmd = Object.fromEntries(r.map((x) => [x.command, x]));
      for (const x of r.slice(0, -1)) expect({ cmd: x.command, exit: x.exit_status, err: x.stderr }).toEqual({ cmd: x.command, exit: 0, err: '' });
      expect(byCmd.get_facts.stdout).toEqual({ uptime: expect.any(Number), vendor: 'Cisco', os_version: '9.3(8)', serial_number: expect.stringMatching(/^9N3K/), model: 'Nexus9000 C9300v', hostname: 'nx1', fqdn: 'nx1', interface_list: expect.arrayContaining(['Ethernet1/1', 'mgmt0', 'loopback0']) });
      const ifs = byCmd.get_interfaces.stdout as Record<string, Record<string, unknown>>;
      expect(ifs['Ethernet1/1']).toEqual({ is_up: true, is_enabled: true, description: 'uplink', last_flapped: expect.any(Number), speed: 10000, mtu: 1500, mac_address: expect.stringMatching(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/) });
      expect(ifs['Ethernet1/1'].last_flapped as number).toBeGreaterThan(3600);
      expect(ifs['Ethernet1/3']).toMatchObject({ is_up: false, is_enabled: true, last_flapped: -1 });
      expect(ifs.loopback0).toMatchObject({ is_up: true, speed: 8000, mac_address: '' });
      expect(byCmd.get_interfaces_ip.stdout).toEqual({ mgmt0: { ipv4: { '127.19.1.3': { prefix_length: 24 } } }, loopback0: { ipv4: { '127.19.1.3': { prefix_length: 32 } } } });
      expect(byCmd.get_arp_table.stdout).toEqual([{ interface: 'mgmt0', mac: expect.stringMatching(/^([0-9A-F]{2}:){5}FE$/), ip: '127.19.1.254', age: 240 }]);
      expect(byCmd.get_lldp_neighbors.stdout).toEqual({ 'Ethernet1/1': [{ hostname: expect.stringMatching(/^core-\d\d$/), port: 'Ethernet1/48' }] });
      const macs = byCmd.get_mac_address_table.stdout as Array<Record<string, unknown>>;
      expect(macs.length).toBeGreaterThan(0);
      expect(macs.every((m) => m.interface !== 'Ethernet1/1')).toBe(true);
      expect(macs[0]).toEqual({ mac: expect.stringMatching(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/), interface: 'Ethernet1/2', vlan: 1, static: false, active: true, moves: -1, last_move: -1 });
      expect((byCmd.get_vlans.stdout as Record<string, unknown>)['10']).toEqual({ name: 'USERS', interfaces: expect.any(Array) });
      expect(byCmd.get_users.stdout).toEqual({ admin: { level: 15, password: expect.stringMatching(/^\$5\$/), sshkeys: [] } });
      expect(byCmd.get_config.stdout).toEqual({ running: expect.stringMatching(/hostname nx1/), startup: '', candidate: '' });
      const counters = byCmd.get_interfaces_counters.stdout as Record<string, Record<string, number>>;
      expect(counters['Ethernet1/1'].rx_octets).toBeGreaterThan(0);
      expect(counters['Ethernet1/1'].rx_unicast_packets).toBeGreaterThan(counters['Ethernet1/1'].rx_broadcast_packets);
      expect(Object.values(counters['Ethernet1/1']).every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
      expect(counters['Ethernet1/3']).toMatchObject({ rx_octets: 0, tx_unicast_packets: 0 });
      expect(counters.loopback0).toMatchObject({ rx_unicast_packets: -1, rx_discards: -1, rx_errors: 0 });
      expect(byCmd.get_lldp_neighbors_detail.stdout).toEqual({
        'Ethernet1/1': [
          {
            parent_interface: '',
            remote_port: 'Ethernet1/48',
            remote_port_description: 'to-leaf',
            remote_chassis_id: expect.stringMatching(/^([0-9A-F]{2}:){5}FD$/),
            remote_system_name: expect.stringMatching(/^core-\d\d$/),
            remote_system_description: 'Cisco Nexus Operating System (NX-OS) Software 9.3(8)\nTAC support: http://www.cisco.com/tac\nCopyright (c) 2002-2021, Cisco Systems, Inc. All rights reserved.',
            remote_system_capab: ['bridge', 'router'],
            remote_system_enable_capab: ['bridge', 'router'],
          },
        ],
      });
      const bgp = byCmd.get_bgp_neighbors.stdout as { global: { router_id: string; peers: Record<string, Record<string, unknown>> } };
      expect(bgp.global.router_id).toBe('127.19.1.3');
      expect(bgp.global.peers['127.19.1.254']).toEqual({
        local_as: expect.any(Number),
        remote_as: 65100,
        remote_id: '127.19.1.254',
        is_up: true,
        is_enabled: true,
        description: 'core uplink',
        uptime: expect.any(Number),
        address_family: { ipv4: { received_prefixes: expect.any(Number), accepted_prefixes: expect.any(Number), sent_prefixes: expect.any(Number) } },
      });
      expect(bgp.global.peers['127.19.1.254'].uptime as number).toBeGreaterThan(0);
      expect(bgp.global.peers['127.19.1.253']).toMatchObject({ remote_as: 65200, is_up: false, is_enabled: false, uptime: -1, remote_id: '0.0.0.0', description: 'backup transit' });
      const env = byCmd.get_environment.stdout as { power: Record<string, unknown>; fans: Record<string, { status: boolean }>; temperature: Record<string, unknown>; cpu: Record<string, { '%usage': number }>; memory: unknown };
      expect(env.power).toEqual({ '1': { status: true, capacity: 650, output: 89 }, '2': { status: false, capacity: 650, output: 0 } });
      expect(env.fans['Fan1(sys_fan1)']).toEqual({ status: true });
      expect(env.fans.Fan_in_PS2).toEqual({ status: false });
      expect(env.temperature.CPU).toEqual({ temperature: 41, is_alert: false, is_critical: false });
      expect(env.cpu['0']['%usage']).toBeGreaterThan(0);
      expect(env.memory).toEqual({ available_ram: 16409064, used_ram: 6123456 });
      expect(byCmd.get_optics).toMatchObject({ exit_status: 1, stderr: expect.stringMatching(/^get_optics is not supported for nxos_ssh; supported getters: get_arp_table, get_bgp_neighbors, get_config, get_environment, get_facts, /) });
      const cfg = await s.config(['hostname NEVER'], req('cisco_nxos'), ctx());
      expect(cfg[0]).toMatchObject({ exit_status: 1, stderr: expect.stringMatching(/not available for nxos_ssh: use driver netmiko/) });
    } finally {
      await s.close();
    }
  });

});
