import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';
import { setTimeout as sleep } from 'node:timers/promises';

type Shape = (value: unknown) => boolean;
const str: Shape = (v) => typeof v === 'string';
const num: Shape = (v) => typeof v === 'number' && Number.isFinite(v);
const int: Shape = (v) => Number.isInteger(v);
const bool: Shape = (v) => typeof v === 'boolean';
const mac: Shape = (v) => typeof v === 'string' && (v === '' || /^([0-9A-F]{2}:){5}[0-9A-F]{2}$/.test(v));
const listOf = (item: Shape): Shape => (v) => Array.isArray(v) && v.every(item);
const dictOf = (item: Shape): Shape => (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(item);
/** Exactly these keys, each of its shape: NAPALM's models have no optional fields. */
const record =
  (fields: Record<string, Shape>): Shape =>
  (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).sort().join() === Object.keys(fields).sort().join() && Object.entries(fields).every(([k, s]) => s((v as Record<string, unknown>)[k]));
const nonEmpty = (s: Shape): Shape => (v) => s(v) && (Array.isArray(v) ? v.length > 0 : Object.keys(v as object).length > 0);

/** NAPALM's documented structure of each served getter (field names, types; units are checked in the driver tests). */
const GETTERS: Record<string, Shape> = {
  get_facts: record({ uptime: num, vendor: str, os_version: str, serial_number: str, model: str, hostname: str, fqdn: str, interface_list: nonEmpty(listOf(str)) }),
  get_interfaces: nonEmpty(dictOf(record({ is_up: bool, is_enabled: bool, description: str, last_flapped: num, speed: num, mtu: int, mac_address: mac }))),
  get_interfaces_ip: nonEmpty(dictOf((v) => record({ ipv4: nonEmpty(dictOf(record({ prefix_length: int }))) })(v))),
  get_arp_table: nonEmpty(listOf(record({ interface: str, mac, ip: str, age: num }))),
  get_lldp_neighbors: nonEmpty(dictOf(nonEmpty(listOf(record({ hostname: str, port: str }))))),
  get_mac_address_table: nonEmpty(listOf(record({ mac, interface: str, vlan: int, static: bool, active: bool, moves: int, last_move: num }))),
  get_vlans: nonEmpty(dictOf(record({ name: str, interfaces: listOf(str) }))),
  get_users: nonEmpty(dictOf(record({ level: int, password: str, sshkeys: listOf(str) }))),
  get_ntp_servers: dictOf(record({})),
  get_snmp_information: record({ chassis_id: str, community: dictOf(record({ acl: str, mode: (v) => v === 'ro' || v === 'rw' })), contact: str, location: str }),
  get_config: record({ running: (v) => str(v) && (v as string).length > 0, startup: str, candidate: str }),
  get_interfaces_counters: nonEmpty(
    dictOf(
      record(
        Object.fromEntries(
          ['tx_errors', 'rx_errors', 'tx_discards', 'rx_discards', 'tx_octets', 'rx_octets', 'tx_unicast_packets', 'rx_unicast_packets', 'tx_multicast_packets', 'rx_multicast_packets', 'tx_broadcast_packets', 'rx_broadcast_packets'].map((k) => [k, int]),
        ),
      ),
    ),
  ),
  get_lldp_neighbors_detail: nonEmpty(
    dictOf(
      nonEmpty(
        listOf(
          record({
            parent_interface: str,
            remote_port: str,
            remote_port_description: str,
            remote_chassis_id: str,
            remote_system_name: str,
            remote_system_description: str,
            remote_system_capab: listOf(str),
            remote_system_enable_capab: listOf(str),
          }),
        ),
      ),
    ),
  ),
  get_bgp_neighbors: nonEmpty(
    dictOf(
      record({
        router_id: str,
        peers: nonEmpty(
          dictOf(
            record({
              local_as: int,
              remote_as: int,
              remote_id: str,
              is_up: bool,
              is_enabled: bool,
              description: str,
              uptime: int,
              address_family: nonEmpty(dictOf(record({ received_prefixes: int, accepted_prefixes: int, sent_prefixes: int }))),
            }),
          ),
        ),
      }),
    ),
  ),
  get_environment: record({
    fans: nonEmpty(dictOf(record({ status: bool }))),
    temperature: nonEmpty(dictOf(record({ temperature: num, is_alert: bool, is_critical: bool }))),
    power: nonEmpty(dictOf(record({ status: bool, capacity: num, output: num }))),
    cpu: nonEmpty(dictOf(record({ '%usage': num }))),
    memory: record({ available_ram: int, used_ram: int }),
  }),
};

const ALL = Object.keys(GETTERS);
const PLATFORMS: Record<string, { host: string; deviceType: string; sim: string; getters: string[] }> = {
  ios: { host: '127.19.2.1', deviceType: 'cisco_ios', sim: 'cisco_ios', getters: ALL },
  eos: { host: '127.19.2.2', deviceType: 'eos', sim: 'arista_eos', getters: ALL },
  junos: { host: '127.19.2.4', deviceType: 'juniper_junos', sim: 'juniper_junos', getters: ALL },
  nxos_ssh: {
    host: '127.19.2.3',
    deviceType: 'cisco_nxos',
    sim: 'cisco_nxos',
    getters: ALL,
  },
};

describe('napalm conformance through POST /device/exec (every getter on every platform, fifo and pinned)', () => {
  let sys: TestSystem;
  const devices = new Map<string, SimulatedDevice>();

  beforeAll(async () => {
    // timerScale 0.02: a Junos `commit confirmed 1` rolls back after 1.2 s.
    for (const [name, p] of Object.entries(PLATFORMS)) devices.set(name, await startDevice({ platform: p.sim, host: p.host, port: 0, secret: 'en4ble', terminalLength: 20, timerScale: name === 'junos' ? 0.02 : 1 }));
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
    await Promise.all([...devices.values()].map((d) => d.stop()));
  });

  const run = async (platform: string, body: Record<string, unknown>): Promise<JobInResponse> => {
    const d = devices.get(platform) as SimulatedDevice;
    const res = await sys.api.post<JobInResponse>('/device/exec', {
      driver: 'napalm',
      connection_args: { device_type: PLATFORMS[platform].deviceType, hostname: d.host, username: 'admin', password: 'admin', optional_args: { port: d.port, secret: 'en4ble' } },
      ...body,
    });
    expect(res.status).toBe(201);
    return sys.api.waitForJob<JobInResponse>(res.body.id, 60_000);
  };

  describe.each(Object.keys(PLATFORMS))('%s', (platform) => {
    it.each(['fifo', 'pinned'])('runs every getter on the %s queue; each answers its NAPALM structure', async (strategy) => {
      const getters = PLATFORMS[platform].getters;
      const job = await run(platform, { command: [...getters, 'show version', 'get_optics'], queue_strategy: strategy });
      expect(job.status).toBe('finished');
      expect(job.queue).toBe(strategy === 'fifo' ? 'FifoQ' : `HostQ_${PLATFORMS[platform].host}`);
      const results = job.result?.retval ?? [];
      expect(results.map((r) => r.command)).toEqual([...getters, 'show version', 'get_optics']);
      for (const r of results.slice(0, -2)) {
        expect({ getter: r.command, exit_status: r.exit_status, stderr: r.stderr }).toEqual({ getter: r.command, exit_status: 0, stderr: '' });
        expect({ getter: r.command, shape: GETTERS[r.command](r.stdout) }).toEqual({ getter: r.command, shape: true });
      }
      expect(results.at(-2)).toMatchObject({ exit_status: 0, stdout: expect.stringMatching(/Cisco IOS Software|Arista|NX-OS|Junos: /) });
      expect(results.at(-1)).toMatchObject({ exit_status: 1, stderr: expect.stringMatching(/^get_optics is not supported for (ios|eos|junos|nxos_ssh); supported getters: get_/) });
    });
  });

  it('keeps a pinned napalm session open between jobs', async () => {
    const dev = devices.get('eos') as SimulatedDevice;
    await run('eos', { command: 'get_facts', queue_strategy: 'pinned' });
    const before = dev.counters.sessionsTotal;
    const job = await run('eos', { command: ['get_vlans'], queue_strategy: 'pinned' });
    expect(job.result?.retval?.[0].exit_status).toBe(0);
    expect(dev.counters.sessionsTotal).toBe(before);
  });

  it.each(['fifo', 'pinned'])('eos config on the %s queue: dry_run shows the session diff and changes nothing; without it the diff is committed', async (strategy) => {
    const dev = devices.get('eos') as SimulatedDevice;
    const marker = `napalm-${strategy}`;
    const lines = ['interface Loopback42', `description ${marker}`];
    const dry = await run('eos', { config: lines, dry_run: true, queue_strategy: strategy });
    expect(dry.result?.retval).toHaveLength(1);
    expect(dry.result?.retval?.[0]).toMatchObject({ exit_status: 0, stdout: expect.stringMatching(new RegExp(`^\\+ description ${marker}$`, 'm')) });
    expect(dev.runningConfig).not.toContain(marker);
    const done = await run('eos', { config: lines, queue_strategy: strategy });
    expect(done.result?.retval?.[0]).toMatchObject({ exit_status: 0, stdout: expect.stringMatching(new RegExp(`^\\+ description ${marker}$`, 'm')) });
    expect(dev.runningConfig).toContain(`description ${marker}`);
  });

  it('ios merge over SCP: compare_config is the result, commit_config applies and saves, the rollback command restores', async () => {
    const dev = devices.get('ios') as SimulatedDevice;
    const job = await run('ios', { config: ['interface Loopback71', ' description e2e-merge'], queue_strategy: 'pinned' });
    expect(job.result?.retval?.[0]).toMatchObject({ exit_status: 0, stdout: '+interface Loopback71\n+ description e2e-merge' });
    expect(dev.runningConfig).toContain(' description e2e-merge');
    expect(dev.startupConfig).toContain(' description e2e-merge');
    const back = await run('ios', { command: ['rollback', 'has_pending_commit'], queue_strategy: 'pinned' });
    expect(back.result?.retval?.map((r) => [r.command, r.exit_status, r.stdout])).toEqual([
      ['rollback', 0, ''],
      ['has_pending_commit', 0, false],
    ]);
    expect(dev.runningConfig).not.toContain('e2e-merge');
  });

  it('eos load_replace_candidate with revert_in: the change is live, has_pending_commit is true, the device rolls it back when nobody confirms', async () => {
    const dev = devices.get('eos') as SimulatedDevice;
    const running = dev.runningConfig;
    const job = await run('eos', { config: [running.replace('description uplink', 'description e2e-replaced')], driver_args: { replace: true, revert_in: 2 } });
    expect(job.result?.retval?.[0]).toMatchObject({ exit_status: 0, stdout: expect.stringMatching(/^- description uplink\n\+ description e2e-replaced$/m) });
    expect(dev.runningConfig).toContain('description e2e-replaced');
    const pending = await run('eos', { command: 'has_pending_commit' });
    expect(pending.result?.retval?.[0]).toMatchObject({ exit_status: 0, stdout: true });
    await sleep(3000);
    expect(dev.runningConfig).toContain('description uplink');
    expect(dev.runningConfig).not.toContain('e2e-replaced');
  });

  it('eos revert_in then confirm_commit: the change outlives the timer', async () => {
    const dev = devices.get('eos') as SimulatedDevice;
    const job = await run('eos', { config: ['interface Loopback72', 'description e2e-confirmed'], driver_args: { revert_in: 2 }, queue_strategy: 'pinned' });
    expect(job.result?.retval?.[0].exit_status).toBe(0);
    const confirm = await run('eos', { command: 'confirm_commit', queue_strategy: 'pinned' });
    expect(confirm.result?.retval?.[0]).toMatchObject({ exit_status: 0, stderr: '' });
    await sleep(2500);
    expect(dev.runningConfig).toContain('description e2e-confirmed');
    expect(dev.startupConfig).toContain('description e2e-confirmed');
  });

  it('junos commit_config with a message and revert_in: commit confirmed with a comment, rolled back by the device when nobody confirms', async () => {
    const dev = devices.get('junos') as SimulatedDevice;
    const job = await run('junos', { config: ['set interfaces ge-0/0/1 description e2e-junos'], driver_args: { message: 'e2e change 7', revert_in: 60 }, queue_strategy: 'pinned' });
    expect(job.result?.retval?.[0]).toMatchObject({ exit_status: 0, stdout: '[edit interfaces ge-0/0/1]\n+   description e2e-junos;' });
    expect(dev.runningConfig).toContain('description e2e-junos;');
    const log = await run('junos', { command: ['show system commit', 'has_pending_commit'], queue_strategy: 'pinned' });
    expect(log.result?.retval?.[0].stdout).toMatch(/^0 .* by \S+ via cli commit confirmed, rollback in 1mins\n {4}e2e change 7$/m);
    expect(log.result?.retval?.[1].stdout).toBe(true);
    await sleep(2000);
    expect(dev.runningConfig).not.toContain('e2e-junos');
  });

  it('answers 400 naming driver_args.revert_in when the platform cannot confirm what is asked', async () => {
    const d = devices.get('ios') as SimulatedDevice;
    const res = await sys.api.post<{ detail: string; errors: Array<{ loc: string[]; msg: string }> }>('/device/exec', {
      driver: 'napalm',
      connection_args: { device_type: 'ios', hostname: d.host, username: 'admin', password: 'admin', optional_args: { port: d.port } },
      config: ['interface Loopback73'],
      driver_args: { revert_in: 90, replace: true },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ loc: ['body', 'driver_args', 'revert_in'], msg: expect.stringContaining('multiple of 60 seconds for ios') })]);
  });

  it('answers /device/test with {driver, host}', async () => {
    const d = devices.get('eos') as SimulatedDevice;
    const res = await sys.api.post<Record<string, unknown>>('/device/test', { driver: 'napalm', connection_args: { device_type: 'arista_eos', hostname: d.host, username: 'admin', password: 'admin', optional_args: { port: d.port } } });
    expect(res.body).toMatchObject({ success: true, result: { driver: 'napalm', host: d.host } });
  });
});
