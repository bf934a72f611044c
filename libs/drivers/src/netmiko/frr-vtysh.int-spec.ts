import { readFrrDevice } from '@netpulse/testing';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import { NetmikoDriver } from './netmiko.driver';
import type { NetmikoSession } from './netmiko.session';

/**
 * A real router CLI no one here wrote: FRRouting's vtysh over SSH (the test environment starts it
 * behind a private sshd on loopback), driven as `cisco_ios`. Only in-daemon state is changed.
 */
describe('NetmikoDriver on a real FRRouting vtysh (cisco_ios)', () => {
  const frr = readFrrDevice();
  const sut = new NetmikoDriver();
  const args = (): Record<string, unknown> => ({ device_type: 'cisco_ios', host: frr.host, port: frr.port, username: frr.username, password: frr.password });
  const ctx = (): ExecContext => ({ jobId: 'j', signal: new AbortController().signal, maxOutputBytes: 1 << 20 });
  const req = (driver_args: Record<string, unknown> | null = null): DriverRequest => ({ connection_args: args(), driver_args, extras: {} });
  const tag = `NP-INT-${process.pid}`;

  it('finds the prompt and runs show commands, echo and prompt stripped', async () => {
    expect(await sut.test(args())).toMatchObject({ device_type: 'cisco_ios', prompt: `${frr.hostname}#` });
    const s = await sut.connect(args());
    try {
      const r = await s.send(['show version', 'show running-config'], req(), ctx());
      expect(r.map((x) => x.exit_status)).toEqual([0, 0]);
      expect(r[0].stdout).toMatch(/^FRRouting \d+\.\d+/);
      expect(String(r[0].stdout)).not.toContain(`${frr.hostname}#`);
      expect(r[1].stdout).toMatch(/^Building configuration/);
      expect(r[1].stdout).toContain(`hostname ${frr.hostname}`);
    } finally {
      await s.close();
    }
  });

  it('applies config that then shows in the running config', async () => {
    const s = await sut.connect(args());
    try {
      const r = await s.config([`ip prefix-list ${tag}-A seq 5 permit 10.18.0.0/16`, `route-map ${tag}-RM permit 10`, ` description set-by-netpulse`], req(), ctx());
      expect(r.map((x) => [x.exit_status, x.stderr])).toEqual([[0, ''], [0, ''], [0, '']]);
      const show = await s.send(['show running-config'], req(), ctx());
      expect(show[0].stdout).toContain(`ip prefix-list ${tag}-A seq 5 permit 10.18.0.0/16`);
      expect(show[0].stdout).toMatch(new RegExp(`route-map ${tag}-RM permit 10\\n description set-by-netpulse`));
    } finally {
      await s.close();
    }
  });

  it("flags a bad line by vtysh's own wording, and the lines after it do not run", async () => {
    const s = await sut.connect(args());
    try {
      const r = await s.config([`ip prefix-list ${tag}-B seq 5 permit 10.19.0.0/16`, 'no-such-command 1', `ip prefix-list ${tag}-NEVER seq 5 permit 10.20.0.0/16`], req(), ctx());
      expect(r.map((x) => x.exit_status)).toEqual([0, 1, 1]);
      expect(r[1].stderr).toBe('Device reported configuration error: % Unknown command: no-such-command 1');
      expect(r[2].stderr).toBe("Skipped due to previous error in execution of 'no-such-command 1'");
      const show = await s.send(['show running-config'], req(), ctx());
      expect(show[0].stdout).toContain(`${tag}-B`);
      expect(show[0].stdout).not.toContain(`${tag}-NEVER`);
    } finally {
      await s.close();
    }
  });

  it("flags an incomplete line (`% Command incomplete`) and honours error_pattern as the override", async () => {
    const s = await sut.connect(args());
    try {
      const incomplete = await s.config(['ip route'], req(), ctx());
      expect(incomplete[0]).toMatchObject({ exit_status: 1, stderr: 'Device reported configuration error: % Command incomplete: ip route' });
      // An override that does not match vtysh's wording lets the bad line pass, as the original does.
      const overridden = await s.config(['no-such-command 2'], req({ error_pattern: 'NEVER-PRINTED' }), ctx());
      expect(overridden[0].exit_status).toBe(0);
      expect(overridden[0].stdout).toContain('% Unknown command: no-such-command 2');
    } finally {
      await s.close();
    }
  });

  it('keeps one session across jobs, as a pinned worker does (config mode left, prompt re-found)', async () => {
    const s = (await sut.connect(args())) as NetmikoSession;
    try {
      for (let i = 0; i < 3; i++) {
        const c = await s.config([`ip prefix-list ${tag}-P seq ${10 + i} permit 10.${30 + i}.0.0/16`], req(), ctx());
        expect(c[0].exit_status).toBe(0);
        expect(await s.probe()).toBe(true);
        const show = await s.send(['show ip prefix-list'], req(), ctx());
        expect(show[0].stdout).toContain(`seq ${10 + i} permit 10.${30 + i}.0.0/16`);
        expect(s.currentPrompt).toBe(`${frr.hostname}#`);
      }
    } finally {
      await s.close();
    }
  });
});
