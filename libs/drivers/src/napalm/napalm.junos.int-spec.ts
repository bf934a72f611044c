import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import type { DriverExecutionResult } from '@netpulse/contracts';
import type { DriverRequest, DriverSession, ExecContext } from '../core/device-driver';
import { NapalmDriver } from './napalm.driver';
import { setTimeout as sleep } from 'node:timers/promises';

// Addresses 127.19.4.x belong to this file.
describe('napalm junos over the Junos SSH CLI (simulated vMX)', () => {
  const sut = new NapalmDriver();
  let dev: SimulatedDevice;
  let s: DriverSession;
  let job = 0;
  const args = (): Record<string, unknown> => ({ device_type: 'juniper_junos', hostname: dev.host, username: 'admin', password: 'admin', optional_args: { port: dev.port } });
  const ctx = (): ExecContext => ({ jobId: `junos-job-${++job}`, signal: new AbortController().signal, maxOutputBytes: 64 << 20 });
  const req = (driver_args: Record<string, unknown> | null = null, extras: Record<string, unknown> = {}): DriverRequest => ({ connection_args: args(), driver_args, extras });
  const one = async (command: string, driverArgs: Record<string, unknown> | null = null): Promise<DriverExecutionResult> => (await s.send([command], req(driverArgs), ctx()))[0];

  beforeAll(async () => {
    // timerScale 0.02: `commit confirmed 1` rolls back after 1.2 s instead of a minute.
    dev = await startDevice({ platform: 'juniper_junos', host: '127.19.4.1', port: 0, hostname: 'vmx1', timerScale: 0.02 });
    s = await sut.connect(args());
  });
  afterAll(async () => {
    await s?.close();
    await dev?.stop();
  });

  it('answers the getters with NAPALM structures', async () => {
    const r = await s.send(['get_facts', 'get_interfaces', 'get_interfaces_ip', 'get_arp_table', 'get_lldp_neighbors', 'get_users', 'get_ntp_servers', 'get_config', 'show version'], req(), ctx());
    const by = Object.fromEntries(r.map((x) => [x.command, x]));
    for (const x of r) expect({ cmd: x.command, exit: x.exit_status, err: x.stderr }).toEqual({ cmd: x.command, exit: 0, err: '' });
    expect(by.get_facts.stdout).toEqual({
      uptime: expect.any(Number),
      vendor: 'Juniper',
      os_version: '21.4R3-S1.6',
      serial_number: expect.stringMatching(/^VM/),
      model: 'VMX',
      hostname: 'vmx1',
      fqdn: 'vmx1',
      interface_list: ['ge-0/0/0', 'ge-0/0/1', 'ge-0/0/2', 'fxp0', 'lo0'],
    });
    expect((by.get_facts.stdout as { uptime: number }).uptime).toBeGreaterThan(86400);
    const ifs = by.get_interfaces.stdout as Record<string, Record<string, unknown>>;
    expect(ifs['ge-0/0/0']).toEqual({ is_up: true, is_enabled: true, description: 'uplink', last_flapped: expect.any(Number), speed: 1000, mtu: 1514, mac_address: expect.stringMatching(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/) });
    expect(ifs['ge-0/0/0'].last_flapped as number).toBeGreaterThan(0);
    expect(ifs['ge-0/0/2']).toMatchObject({ is_up: false, is_enabled: false });
    expect(ifs.lo0).toEqual({ is_up: true, is_enabled: true, description: '', last_flapped: -1, speed: -1, mtu: 0, mac_address: '' });
    expect(by.get_interfaces_ip.stdout).toEqual({ 'fxp0.0': { ipv4: { '127.19.4.1': { prefix_length: 24 } } } });
    expect(by.get_arp_table.stdout).toEqual([{ interface: 'fxp0.0', mac: expect.stringMatching(/^([0-9A-F]{2}:){5}FE$/), ip: '127.19.4.254', age: -1 }]);
    expect(by.get_lldp_neighbors.stdout).toEqual({ 'ge-0/0/0': [{ hostname: expect.stringMatching(/^core-\d\d$/), port: 'ge-0/0/47' }] });
    expect(by.get_users.stdout).toEqual({ admin: { level: 15, password: '', sshkeys: [] } });
    expect(by.get_ntp_servers.stdout).toEqual({});
    expect(by.get_config.stdout).toEqual({ running: expect.stringMatching(/host-name vmx1;/), startup: '', candidate: '' });
    expect(by['show version'].stdout).toMatch(/^Hostname: vmx1$/m);
  });

  it('answers the operational getters (counters, lldp detail, mac table, vlans, snmp, bgp, environment) from the Junos CLI', async () => {
    const names = ['get_interfaces_counters', 'get_lldp_neighbors_detail', 'get_mac_address_table', 'get_vlans', 'get_snmp_information', 'get_bgp_neighbors', 'get_environment'];
    const r = await s.send(names, req(), ctx());
    for (const x of r) expect({ cmd: x.command, exit: x.exit_status, err: x.stderr }).toEqual({ cmd: x.command, exit: 0, err: '' });
    const by = Object.fromEntries(r.map((x) => [x.command, x.stdout])) as Record<string, Record<string, unknown>>;
    const counters = by.get_interfaces_counters as Record<string, Record<string, number>>;
    expect(Object.keys(counters)).toEqual(['ge-0/0/0', 'ge-0/0/1', 'ge-0/0/2', 'fxp0', 'lo0']);
    expect(counters['ge-0/0/0'].rx_octets).toBeGreaterThan(0);
    expect(counters['ge-0/0/0'].rx_unicast_packets).toBeGreaterThan(counters['ge-0/0/0'].rx_broadcast_packets);
    expect(counters['ge-0/0/2']).toMatchObject({ rx_octets: 0, tx_unicast_packets: 0 });
    expect(counters.lo0).toMatchObject({ rx_unicast_packets: -1, tx_broadcast_packets: -1, rx_errors: 0 });
    expect(by.get_lldp_neighbors_detail).toEqual({
      'ge-0/0/0': [
        {
          parent_interface: '',
          remote_port: 'ge-0/0/47',
          remote_port_description: 'to-edge',
          remote_chassis_id: expect.stringMatching(/^([0-9A-F]{2}:){5}FD$/),
          remote_system_name: expect.stringMatching(/^core-\d\d$/),
          remote_system_description: expect.stringMatching(/^Juniper Networks, Inc\. ex4300-48t/),
          remote_system_capab: ['bridge', 'router'],
          remote_system_enable_capab: ['bridge', 'router'],
        },
      ],
    });
    expect(by.get_mac_address_table).toEqual([{ mac: expect.stringMatching(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/), interface: 'ge-0/0/1.0', vlan: 10, static: false, active: true, moves: -1, last_move: -1 }]);
    expect(by.get_vlans).toEqual({ '1': { name: 'default', interfaces: [] }, '10': { name: 'USERS', interfaces: ['ge-0/0/1.0'] } });
    expect(by.get_snmp_information).toEqual({ chassis_id: '', community: { public: { acl: '', mode: 'ro' }, ops: { acl: 'MGMT-HOSTS', mode: 'rw' } }, contact: 'noc-team', location: 'lab-row-4' });
    const bgp = by.get_bgp_neighbors as { global: { router_id: string; peers: Record<string, Record<string, unknown>> } };
    expect(bgp.global.router_id).toBe('127.19.4.1');
    expect(bgp.global.peers['127.19.4.254']).toEqual({
      local_as: 65000 + ((127 * 2 ** 24 + 19 * 2 ** 16 + 4 * 256 + 1) % 500),
      remote_as: 65100,
      remote_id: '127.19.4.254',
      is_up: true,
      is_enabled: true,
      description: 'core-uplink',
      uptime: expect.any(Number),
      address_family: { ipv4: { received_prefixes: expect.any(Number), accepted_prefixes: expect.any(Number), sent_prefixes: expect.any(Number) } },
    });
    expect(bgp.global.peers['127.19.4.254'].uptime as number).toBeGreaterThan(3600);
    expect(bgp.global.peers['127.0.253.9']).toMatchObject({ remote_as: 65200, is_up: false, is_enabled: true, uptime: -1, remote_id: '0.0.0.0', description: 'backup transit' });
    const env = by.get_environment as unknown as { fans: object; temperature: Record<string, unknown>; power: Record<string, unknown>; cpu: Record<string, { '%usage': number }>; memory: unknown };
    expect(Object.keys(env.fans)).toEqual(['Fan Tray 0 Fan 1', 'Fan Tray 0 Fan 2']);
    expect(env.temperature['Routing Engine 0 CPU']).toEqual({ temperature: 45, is_alert: false, is_critical: false });
    expect(env.power).toEqual({ 'PEM 0': { status: true, capacity: -1, output: -1 } });
    expect(env.cpu['0']['%usage']).toBeGreaterThan(0);
    expect(env.memory).toEqual({ available_ram: 16384, used_ram: 3441 });
  });

  it('merge: dry_run shows `show | compare` and changes nothing; commit with a message applies it and the commit log has the comment', async () => {
    const lines = ['set interfaces ge-0/0/1 description napalm-junos', 'set system ntp server 127.19.4.9'];
    const [dry] = await s.config(lines, req(null, { dry_run: true }), ctx());
    expect(dry).toMatchObject({ exit_status: 0, stdout: '[edit system]\n+   ntp {\n+       server 127.19.4.9;\n+   }\n[edit interfaces ge-0/0/1]\n+   description napalm-junos;' });
    expect(dev.runningConfig).not.toContain('napalm-junos');
    const [done] = await s.config(lines, req({ message: 'ticket "42"' }), ctx());
    expect(done).toMatchObject({ exit_status: 0, stderr: '', stdout: dry.stdout });
    expect(dev.runningConfig).toContain('description napalm-junos;');
    expect(dev.startupConfig).toContain('description napalm-junos;');
    expect((await one('show system commit')).stdout).toMatch(/^0 .* by admin via cli\n {4}ticket "42"$/m);
    expect((await one('get_ntp_servers')).stdout).toEqual({ '127.19.4.9': {} });
  });

  it('rollback loads rollback 1 and commits it', async () => {
    expect((await one('rollback')).exit_status).toBe(0);
    expect(dev.runningConfig).not.toContain('napalm-junos');
  });

  it('revert_in is commit confirmed <minutes>: pending until the device rolls it back', async () => {
    const [r] = await s.config(['set interfaces ge-0/0/1 description timed-junos'], req({ revert_in: 60 }), ctx());
    expect(r.exit_status).toBe(0);
    expect(dev.runningConfig).toContain('timed-junos');
    expect((await one('has_pending_commit')).stdout).toBe(true);
    expect((await one('show system commit')).stdout).toMatch(/^0 .* commit confirmed, rollback in 1mins$/m);
    await sleep(2000);
    expect(dev.runningConfig).not.toContain('timed-junos');
    expect((await one('has_pending_commit')).stdout).toBe(false);
  });

  it('revert_in then confirm_commit: the change stays', async () => {
    await s.config(['set interfaces ge-0/0/1 description kept-junos'], req({ revert_in: 60 }), ctx());
    expect((await one('confirm_commit')).exit_status).toBe(0);
    await sleep(2000);
    expect(dev.runningConfig).toContain('kept-junos');
    expect(await one('confirm_commit')).toMatchObject({ exit_status: 1, stderr: 'confirm_commit failed: there is no pending commit to confirm (no commit confirmed timer runs)' });
  });

  it('replace: everything is deleted, the statements are the whole configuration', async () => {
    const current = String((await one('show configuration | display set')).stdout);
    const next = current.replace('description kept-junos', 'description replaced-junos').split('\n').filter((l) => !l.includes('syslog'));
    const [r] = await s.config(next, req({ replace: true }), ctx());
    expect(r.exit_status).toBe(0);
    expect(r.stdout).toContain('[edit interfaces ge-0/0/1]\n-   description kept-junos;\n+   description replaced-junos;');
    expect(r.stdout).toMatch(/^\[edit system\]\n- {3}syslog \{$/m);
    expect(dev.runningConfig).toContain('replaced-junos');
    expect(dev.runningConfig).not.toContain('syslog');
    expect(dev.runningConfig).toContain('host-name vmx1;');
  });

  it('a refused statement discards the candidate and names it; curly text is refused before anything is sent', async () => {
    const before = dev.runningConfig;
    const [bad] = await s.config(['set interfaces ge-0/0/1 description x', 'set frobnicate network'], req(), ctx());
    expect(bad).toMatchObject({ exit_status: 1, stderr: "load_merge_candidate failed at 'set frobnicate network': syntax error.; the candidate was discarded" });
    const [curly] = await s.config(['interfaces {', 'ge-0/0/1 { description y; }', '}'], req(), ctx());
    expect(curly.stderr).toMatch(/^load_merge_candidate failed at 'interfaces \{': junos configuration is taken as set-style statements/);
    expect(dev.runningConfig).toBe(before);
    expect((await one('get_facts')).exit_status).toBe(0);
  });
});
