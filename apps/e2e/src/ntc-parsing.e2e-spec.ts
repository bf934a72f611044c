import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';

/** `use_ntc_template: true` alone: the platform comes from device_type, the command from each result. */
describe('ntc parsing without ntc_template_args (netmiko on the simulator)', () => {
  let sys: TestSystem;
  let ios: SimulatedDevice;
  let nxos: SimulatedDevice;
  const conn = (d: SimulatedDevice, device_type: string) => ({ device_type, host: d.host, port: d.port, username: 'admin', password: 'admin', secret: 'admin' });

  beforeAll(async () => {
    ios = await startDevice({ platform: 'cisco_ios', host: '127.18.2.1', port: 0, hostname: 'NTC1' });
    nxos = await startDevice({ platform: 'cisco_nxos', host: '127.18.2.2', port: 0, hostname: 'NTC2' });
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 0 });
  });
  afterAll(async () => {
    await sys?.stop();
    await Promise.all([ios?.stop(), nxos?.stop()]);
  });

  const run = async (body: Record<string, unknown>): Promise<JobInResponse> => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', queue_strategy: 'fifo', ...body });
    expect(res.status).toBe(201);
    return sys.api.waitForJob<JobInResponse>(res.body.id, 30_000);
  };

  it('returns records for show version and show ip interface brief, abbreviations included', async () => {
    const job = await run({ connection_args: conn(ios, 'cisco_ios'), command: ['show version', 'show ip interface brief', 'sh ip int br'], parsing: { name: 'textfsm', use_ntc_template: true } });
    expect(job.status).toBe('finished');
    const [version, brief, abbreviated] = job.result?.retval ?? [];
    expect(version.parsed).toEqual([expect.objectContaining({ hostname: 'NTC1', version: expect.stringMatching(/^\d+\.\d+/) })]);
    const rows = brief.parsed as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toContainEqual(expect.objectContaining({ ip_address: ios.host }));
    expect(abbreviated.parsed).toEqual(rows);
    expect(version.metadata.parsing_note).toBeUndefined();
  });

  it('takes the platform from device_type on other platforms too (cisco_nxos_ssh → cisco_nxos)', async () => {
    const job = await run({ connection_args: conn(nxos, 'cisco_nxos_ssh'), command: 'show version', parsing: { name: 'textfsm', use_ntc_template: true, ntc_template_args: {} } });
    expect(job.result?.retval?.[0].parsed).toEqual([expect.objectContaining({ hostname: 'NTC2' })]);
  });

  it('gives parsed null and a note for a command with no template; the other results are still parsed', async () => {
    const job = await run({ connection_args: conn(ios, 'cisco_ios'), command: ['show clock', 'show privilege', 'show version'], parsing: { name: 'textfsm', use_ntc_template: true } });
    expect(job.status).toBe('finished');
    const [clock, privilege, version] = job.result?.retval ?? [];
    expect(Array.isArray(clock.parsed)).toBe(true);
    expect(privilege.parsed).toBeNull();
    expect(privilege.metadata.parsing_note).toBe("No ntc-templates template for platform 'cisco_ios' and command 'show privilege'; parsed is null");
    expect(privilege.exit_status).toBe(0);
    expect(version.parsed).toEqual([expect.objectContaining({ hostname: 'NTC1' })]);
  });

  it('a partial ntc_template_args keeps what it gives: a command given parses every result with that template', async () => {
    const job = await run({ connection_args: conn(ios, 'cisco_ios'), command: 'show ip interface brief', parsing: { name: 'textfsm', use_ntc_template: true, ntc_template_args: { command: 'show ip interface brief' } } });
    expect(job.result?.retval?.[0].parsed).toContainEqual(expect.objectContaining({ ip_address: ios.host }));
  });
});
