import type { JobInResponse } from '@netpulse/contracts';
import { BigOutputSource, SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';

/** What each platform is asked to do, in its own words; the suite below is the same for all. */
interface PlatformCase {
  show: [string, RegExp];
  /** Lines that configure something, and the text that must then appear in the running config. */
  config: [string[], string];
  badLine: string;
  /** How the platform words its refusal of `badLine` (the last line of its answer). */
  refusal: RegExp;
  bigOutput: string;
  /** Whether `save: true` must land the change in the startup config. */
  saves: boolean;
}

const ciscoLike = (show: RegExp, iface = 'Loopback99', refusal = /^% Invalid input detected at '\^' marker\.$/): PlatformCase => ({
  show: ['show version', show],
  config: [[`interface ${iface}`, 'description conformance-netpulse'], ' description conformance-netpulse'],
  badLine: 'frobnicate the network',
  refusal,
  bigOutput: 'show bigoutput 20000',
  saves: true,
});

const CASES: Record<string, PlatformCase> = {
  cisco_ios: ciscoLike(/Cisco IOS Software/),
  cisco_nxos: ciscoLike(/NX-OS/i, 'loopback99', /^% Invalid command at '\^' marker\.$/),
  cisco_xr: { ...ciscoLike(/IOS XR/i), saves: false },
  arista_eos: ciscoLike(/Arista/i, 'Loopback99', /^% Invalid input$/),
  generic: ciscoLike(/./),
  juniper_junos: {
    show: ['show version', /Junos/i],
    config: [['set interfaces lo0 description conformance-netpulse'], 'description conformance-netpulse;'],
    badLine: 'frobnicate the network',
    refusal: /^unknown command\.$/,
    bigOutput: 'show bigoutput 20000',
    saves: false,
  },
  huawei: {
    show: ['display version', /Huawei|VRP/i],
    config: [['interface LoopBack99', 'description conformance-netpulse'], ' description conformance-netpulse'],
    badLine: 'frobnicate the network',
    refusal: /^Error: Unrecognized command found at '\^' position\.$/,
    bigOutput: 'display bigoutput 20000',
    saves: true,
  },
  nokia_sros: {
    show: ['show version', /TiMOS-B-/],
    config: [['router interface "lo99"', 'description "conformance-netpulse"'], 'description "conformance-netpulse"'],
    badLine: 'frobnicate the network',
    refusal: /^Error: Bad command\.$/,
    bigOutput: 'show bigoutput 20000',
    saves: true,
  },
  hp_comware: {
    show: ['display version', /Comware/i],
    config: [['interface LoopBack99', 'description conformance-netpulse'], ' description conformance-netpulse'],
    badLine: 'frobnicate the network',
    refusal: /^% Unrecognized command found at '\^' position\.$/,
    bigOutput: 'display bigoutput 20000',
    saves: true,
  },
};

describe('netmiko conformance through POST /device/exec (every platform, pinned)', () => {
  let sys: TestSystem;
  const devices = new Map<string, SimulatedDevice>();

  beforeAll(async () => {
    let i = 1;
    for (const platform of Object.keys(CASES)) devices.set(platform, await startDevice({ platform, host: `127.0.64.${i++}`, port: 0, secret: 'en4ble', terminalLength: 20 }));
    sys = await TestSystem.start({ fifoWorkers: 0, nodeWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
    await Promise.all([...devices.values()].map((d) => d.stop()));
  });

  const run = async (platform: string, body: Record<string, unknown>): Promise<JobInResponse> => {
    const d = devices.get(platform) as SimulatedDevice;
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: { device_type: platform, host: d.host, port: d.port, username: 'admin', password: 'admin', secret: 'en4ble' }, ...body });
    expect(res.status).toBe(201);
    return sys.api.waitForJob<JobInResponse>(res.body.id, 30_000);
  };

  describe.each(Object.entries(CASES))('%s', (platform, c) => {
    it('runs a show command (prompt and echo stripped)', async () => {
      const job = await run(platform, { command: c.show[0], enable_mode: true });
      const r = job.result?.retval?.[0];
      expect(r?.exit_status).toBe(0);
      expect(r?.stdout).toMatch(c.show[1]);
      expect(r?.stdout).not.toMatch(/--More--|---- More ----|\(more\)/);
    });

    it('reads a paged output to its end', async () => {
      const job = await run(platform, { command: c.bigOutput });
      expect(String(job.result?.retval?.[0].stdout).replace(/\n$/, '')).toBe(BigOutputSource.text(20000).replace(/\r\n/g, '\n').replace(/\n$/, ''));
    });

    it('applies multi-line config that shows in the running config, and saves when asked', async () => {
      const job = await run(platform, { config: c.config[0], save: c.saves });
      expect(job.result?.retval?.map((r) => r.exit_status)).toEqual(c.config[0].map(() => 0));
      const dev = devices.get(platform) as SimulatedDevice;
      expect(dev.runningConfig).toContain(c.config[1]);
      if (c.saves) expect(dev.startupConfig).toContain(c.config[1]);
    });

    it("flags a bad config line by the platform's own wording; earlier lines applied, later lines not run", async () => {
      const marker = `conformance-mid-${platform}`;
      const lines = platform === 'juniper_junos' ? [`set interfaces lo0 description ${marker}`, c.badLine, 'set system host-name NEVER'] : [c.config[0][0], `description ${marker}`, c.badLine, 'hostname NEVER'];
      const job = await run(platform, { config: lines });
      const codes = job.result?.retval?.map((r) => r.exit_status) ?? [];
      expect(codes.slice(-2)).toEqual([1, 1]);
      const refused = String(job.result?.retval?.[lines.length - 2].stderr);
      expect(refused).toMatch(/^Device reported configuration error: /);
      expect(refused.replace(/^Device reported configuration error: /, '')).toMatch(c.refusal);
      expect(job.result?.retval?.[lines.length - 1].stderr).toBe(`Skipped due to previous error in execution of '${c.badLine}'`);
      const dev = devices.get(platform) as SimulatedDevice;
      if (platform !== 'juniper_junos') expect(dev.runningConfig).toContain(marker);
      expect(dev.runningConfig).not.toContain('NEVER');
    });
  });
});
