import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import type { DriverExecutionResult } from '@netpulse/contracts';
import type { DriverRequest, DriverSession, ExecContext } from '../core/device-driver';
import { DriverValidationError } from '../core/device-driver';
import { NapalmDriver } from './napalm.driver';
import { setTimeout as sleep } from 'node:timers/promises';

// Addresses 127.19.3.x belong to this file.
describe('napalm configuration operations on simulated ios and eos (replace, commit-confirm, rollback)', () => {
  const sut = new NapalmDriver();
  const devices: Record<string, SimulatedDevice> = {};
  let job = 0;
  const args = (type: string): Record<string, unknown> => ({ device_type: type, hostname: devices[type].host, username: 'admin', password: 'admin', optional_args: { port: devices[type].port, secret: 'en' } });
  const ctx = (): ExecContext => ({ jobId: `cfg-job-${++job}`, signal: new AbortController().signal, maxOutputBytes: 64 << 20 });
  const req = (type: string, driver_args: Record<string, unknown> | null = null, extras: Record<string, unknown> = {}): DriverRequest => ({ connection_args: args(type), driver_args, extras });
  const one = async (s: DriverSession, type: string, command: string): Promise<DriverExecutionResult> => (await s.send([command], req(type), ctx()))[0];

  beforeAll(async () => {
    // timerScale 0.02: IOS counts `configure replace ... time` in minutes; a one-minute timer fires after 1.2 s.
    devices.cisco_ios = await startDevice({ platform: 'cisco_ios', host: '127.19.3.1', port: 0, hostname: 'R1', secret: 'en', timerScale: 0.02 });
    devices.arista_eos = await startDevice({ platform: 'arista_eos', host: '127.19.3.2', port: 0, hostname: 'leaf1', secret: 'en' });
  });
  afterAll(async () => {
    await Promise.all(Object.values(devices).map((d) => d.stop()));
  });

  it('validates driver_args before anything is queued: types, and what each platform commit-confirm takes', () => {
    const invalid = (type: string, driverArgs: Record<string, unknown>): string[] => {
      try {
        sut.validate({ connection_args: { device_type: type, host: '127.19.3.9', username: 'admin', password: 'admin' }, driver_args: driverArgs, extras: {} });
        return [];
      } catch (err) {
        return (err as DriverValidationError).errors.map((e) => `${e.loc.join('.')}: ${e.msg}`);
      }
    };
    expect(invalid('arista_eos', { revert_in: 30, replace: true, message: 'x' })).toEqual([]);
    expect(invalid('arista_eos', { revert_in: 1.5 })).toEqual(['body.driver_args.revert_in: Value error, revert_in must be a whole number of seconds >= 1']);
    expect(invalid('arista_eos', { replace: 'yes', message: 3 })).toEqual([
      'body.driver_args.replace: Value error, replace must be a boolean (true: load_replace_candidate, the lines are the whole configuration)',
      'body.driver_args.message: Value error, message must be a string (the commit comment)',
    ]);
    expect(invalid('cisco_ios', { revert_in: 90, replace: true })).toEqual(['body.driver_args.revert_in: Value error, revert_in must be a multiple of 60 seconds for ios (the device counts minutes)']);
    expect(invalid('cisco_ios', { revert_in: 120 })[0]).toMatch(/^body\.driver_args\.revert_in: Value error, revert_in with a merge is not supported for ios: commit-confirm on ios is `configure replace <file> time <minutes>`/);
    expect(invalid('cisco_ios', { revert_in: 120, replace: true })).toEqual([]);
    expect(invalid('cisco_nxos', { revert_in: 60 })).toEqual(['body.driver_args.revert_in: Value error, revert_in (commit confirm) is not supported for nxos_ssh']);
  });

  describe('eos (configuration sessions)', () => {
    const type = 'arista_eos';
    let s: DriverSession;
    beforeAll(async () => {
      s = await sut.connect(args(type));
    });
    afterAll(() => s.close());

    it('load_replace_candidate: the lines become the whole configuration; the diff has what goes and what comes; commit saves', async () => {
      const dev = devices[type];
      const running = String((await one(s, type, 'show running-config')).stdout);
      expect(running).toContain('description uplink');
      const candidate = running.replace('description uplink', 'description replaced-uplink').replace(/^ntp server .*\n/m, '') + '\nntp server 127.19.3.99\n';
      const [r] = await s.config([candidate], req(type, { replace: true }), ctx());
      expect({ exit_status: r.exit_status, stderr: r.stderr }).toEqual({ exit_status: 0, stderr: '' });
      expect(r.stdout).toMatch(/^- description uplink$/m);
      expect(r.stdout).toMatch(/^\+ description replaced-uplink$/m);
      expect(r.stdout).toMatch(/^\+ntp server 127\.19\.3\.99$/m);
      expect(dev.runningConfig).toContain('description replaced-uplink');
      expect(dev.runningConfig).not.toContain('description uplink');
      expect(dev.runningConfig).toContain('router bgp');
      expect(dev.startupConfig).toContain('description replaced-uplink');
      expect(dev.files.get('flash:rollback-0')).toContain('description uplink');
    });

    it('rollback returns to the configuration before the last commit and saves it', async () => {
      const dev = devices[type];
      const r = await one(s, type, 'rollback');
      expect(r).toMatchObject({ exit_status: 0, stderr: '' });
      expect(dev.runningConfig).toContain('description uplink');
      expect(dev.runningConfig).not.toContain('replaced-uplink');
      expect(dev.startupConfig).toContain('description uplink');
    });

    it('revert_in: the commit applies, has_pending_commit is true, and the device rolls it back when the timer ends', async () => {
      const dev = devices[type];
      const [r] = await s.config(['interface Loopback51', 'description timed'], req(type, { revert_in: 2 }), ctx());
      expect(r).toMatchObject({ exit_status: 0, stdout: expect.stringMatching(/^\+ description timed$/m) });
      expect(dev.runningConfig).toContain('description timed');
      expect(dev.startupConfig).not.toContain('description timed');
      expect((await one(s, type, 'has_pending_commit')).stdout).toBe(true);
      await sleep(3000);
      expect(dev.runningConfig).not.toContain('description timed');
      expect((await one(s, type, 'has_pending_commit')).stdout).toBe(false);
    });

    it('revert_in then confirm_commit: the change stays past the timer and is saved', async () => {
      const dev = devices[type];
      await s.config(['interface Loopback52', 'description confirmed'], req(type, { revert_in: 2 }), ctx());
      const confirmed = await one(s, type, 'confirm_commit');
      expect(confirmed).toMatchObject({ exit_status: 0, stderr: '' });
      await sleep(2500);
      expect(dev.runningConfig).toContain('description confirmed');
      expect(dev.startupConfig).toContain('description confirmed');
      const again = await one(s, type, 'confirm_commit');
      expect(again).toMatchObject({ exit_status: 1, stderr: 'confirm_commit failed: there is no pending commit to confirm (no configuration session runs a commit timer)' });
    });

    it('rollback while a commit timer runs rolls the pending commit back at once', async () => {
      const dev = devices[type];
      await s.config(['interface Loopback53', 'description abandoned'], req(type, { revert_in: 600 }), ctx());
      expect(dev.runningConfig).toContain('description abandoned');
      expect((await one(s, type, 'rollback')).exit_status).toBe(0);
      expect(dev.runningConfig).not.toContain('description abandoned');
      expect((await one(s, type, 'has_pending_commit')).stdout).toBe(false);
    });

    it('a commit message is refused before anything changes (EOS keeps no commit comments)', async () => {
      const dev = devices[type];
      const [r] = await s.config(['interface Loopback54'], req(type, { message: 'change 42' }), ctx());
      expect(r).toMatchObject({ exit_status: 1, stderr: expect.stringMatching(/^commit_config\(message=\.\.\.\) is not supported for eos/) });
      expect(dev.runningConfig).not.toContain('Loopback54');
    });
  });

  describe('ios (candidate file over SCP, configure replace)', () => {
    const type = 'cisco_ios';
    let s: DriverSession;
    beforeAll(async () => {
      s = await sut.connect(args(type));
    });
    afterAll(() => s.close());

    it('merge: the candidate file goes over SCP, the diff is the commands to apply, commit applies and saves; staged files are removed', async () => {
      const dev = devices[type];
      const dry = await s.config(['interface Loopback61', ' description merged-ios', 'ntp server 127.19.3.98'], req(type, null, { dry_run: true }), ctx());
      expect(dry[0]).toMatchObject({ exit_status: 0, stdout: '+interface Loopback61\n+ description merged-ios\n+ntp server 127.19.3.98' });
      expect(dev.runningConfig).not.toContain('merged-ios');
      expect([...dev.files.keys()]).toEqual([]);
      const [r] = await s.config(['interface Loopback61', ' description merged-ios', 'ntp server 127.19.3.98'], req(type), ctx());
      expect(r).toMatchObject({ exit_status: 0, stdout: '+interface Loopback61\n+ description merged-ios\n+ntp server 127.19.3.98' });
      expect(dev.runningConfig).toMatch(/^interface Loopback61\n description merged-ios$/m);
      expect(dev.startupConfig).toContain('merged-ios');
      expect([...dev.files.keys()]).toEqual(['flash:rollback_config.txt']);
      expect(dev.counters.commands).toEqual(expect.arrayContaining(['scp -t flash:merge_config.txt']));
    });

    it('merge with a line the device refuses: the configuration before the commit is restored and the result names the line', async () => {
      const dev = devices[type];
      const before = dev.runningConfig;
      const [r] = await s.config(['interface Loopback62', 'frobnicate the network'], req(type), ctx());
      expect(r.exit_status).toBe(1);
      expect(r.stderr).toBe("commit_config failed: the device refused a line of the merge ('frobnicate the network'); the configuration before the commit was restored");
      expect(dev.runningConfig).toBe(before);
    });

    it('replace: the contextual diff, then configure replace; rollback returns to what was there', async () => {
      const dev = devices[type];
      const running = String((await one(s, type, 'show running-config')).stdout);
      const candidate = running.replace(' description merged-ios\n', ' description replaced-ios\n').replace(/^ntp server 127\.19\.3\.98\n/m, '');
      const [r] = await s.config([candidate], req(type, { replace: true }), ctx());
      expect(r.exit_status).toBe(0);
      expect(r.stdout).toBe('interface Loopback61\n -description merged-ios\n +description replaced-ios\n-ntp server 127.19.3.98');
      expect(dev.runningConfig).toContain('description replaced-ios');
      expect(dev.runningConfig).not.toContain('ntp server 127.19.3.98');
      expect((await one(s, type, 'rollback')).exit_status).toBe(0);
      expect(dev.runningConfig).toContain('description merged-ios');
      expect(dev.runningConfig).toContain('ntp server 127.19.3.98');
      expect(dev.startupConfig).toContain('description merged-ios');
    });

    it('replace with revert_in: configure replace ... time N; pending until the timer rolls it back', async () => {
      const dev = devices[type];
      const running = String((await one(s, type, 'show running-config')).stdout);
      const [r] = await s.config([running.replace('description merged-ios', 'description timed-ios')], req(type, { replace: true, revert_in: 60 }), ctx());
      expect(r.exit_status).toBe(0);
      expect(dev.runningConfig).toContain('description timed-ios');
      expect(dev.startupConfig).not.toContain('timed-ios');
      expect(dev.counters.commands).toEqual(expect.arrayContaining(['configure replace flash:candidate_config.txt force time 1']));
      expect((await one(s, type, 'has_pending_commit')).stdout).toBe(true);
      await sleep(2000);
      expect(dev.runningConfig).toContain('description merged-ios');
      expect((await one(s, type, 'has_pending_commit')).stdout).toBe(false);
    });

    it('replace with revert_in, then confirm_commit (configure confirm): the change stays and is saved', async () => {
      const dev = devices[type];
      const running = String((await one(s, type, 'show running-config')).stdout);
      await s.config([running.replace('description merged-ios', 'description kept-ios')], req(type, { replace: true, revert_in: 60 }), ctx());
      expect((await one(s, type, 'confirm_commit')).exit_status).toBe(0);
      await sleep(2000);
      expect(dev.runningConfig).toContain('description kept-ios');
      expect(dev.startupConfig).toContain('description kept-ios');
    });
  });
});
