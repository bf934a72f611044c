import { readTestEnv } from '@netpulse/testing';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import { ParamikoDriver } from './paramiko.driver';
import type { ParamikoSession } from './paramiko.session';

describe('ParamikoSession commands, sudo, scripts and expect (real sshd)', () => {
  const env = readTestEnv();
  const driver = new ParamikoDriver();
  const args = { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword };
  const ctx = (): ExecContext => ({ jobId: 'j', signal: new AbortController().signal, maxOutputBytes: 1 << 20 });
  const req = (driver_args: Record<string, unknown> | null = null): DriverRequest => ({ connection_args: args, driver_args, extras: {} });
  let sut: ParamikoSession;

  beforeAll(async () => {
    sut = await driver.connect(args);
  });

  afterAll(async () => {
    await sut.close();
  });

  describe('sudo', () => {
    it.each([false, true])('runs as root without the password in stdout or stderr (get_pty %s)', async (get_pty) => {
      const r = await sut.send(['id -u', 'echo out; echo err >&2'], req({ sudo: true, get_pty }), ctx());
      expect(r[0]).toMatchObject({ stdout: get_pty ? '0\r\n' : '0\n', exit_status: 0 });
      expect(r[1].stdout).toBe(get_pty ? 'out\r\nerr\r\n' : 'out\n');
      expect(r[1].stderr).toBe(get_pty ? '' : 'err\n');
      expect(JSON.stringify(r)).not.toContain(env.sshPassword);
    });

    it('never feeds the password to a command that reads stdin', async () => {
      const r = await sut.send(['cat; echo done'], req({ sudo: true }), ctx());
      expect(r[0]).toMatchObject({ stdout: 'done\n', exit_status: 0 });
    });

    // No check that it ends before the timeout: sudo serialises authentications of one user (and
    // waits ~2 s after each failure), so concurrent sudo runs on the shared test host can delay it.
    it.each([false, true])('fails on a wrong password without leaking it or our markers (get_pty %s)', async (get_pty) => {
      const r = await sut.send(['id -u'], req({ sudo: true, sudo_password: 'wrong-password', get_pty, timeout: 15 }), ctx());
      expect(r[0].exit_status).not.toBe(0);
      const text = `${String(r[0].stdout)}${r[0].stderr}`;
      expect(text).toMatch(/incorrect password|try again|no password|timed out/i);
      expect(text).not.toMatch(/wrong-password|NP_SUDO_|NP_READY_/);
    });

    it('applies sudo, environment and stop_on_error on the config path', async () => {
      const r = await sut.config(['echo $WHO', 'id -u', 'false', 'echo after'], req({ sudo: true, environment: { WHO: 'me' }, stop_on_error: false }), ctx());
      expect(r).toHaveLength(1);
      expect(r[0]).toMatchObject({ stdout: 'me\n\n0\n\n\nafter\n', exit_status: 1 });
      expect(JSON.stringify(r)).not.toContain(env.sshPassword);
    });
  });

  describe('script_content', () => {
    const script = 'echo "in $(pwd) as $(id -un) with $GREETING"\nexit 7\n';

    it('runs through send([]) with working_directory and environment', async () => {
      const r = await sut.send([], req({ script_content: script, working_directory: '/tmp', environment: { GREETING: 'hi there' } }), ctx());
      expect(r).toHaveLength(1);
      expect(r[0]).toMatchObject({ command: 'script_execution_bash', stdout: `in /tmp as ${env.sshUser} with hi there\n`, exit_status: 7 });
      expect(r[0].metadata).toMatchObject({ script_content_length: script.length });
    });

    it('runs through config([]) (the original returned [] here) and with another interpreter', async () => {
      const r = await sut.config([], req({ script_content: 'print(6 * 7)\n', script_interpreter: 'python3' }), ctx());
      expect(r).toEqual([expect.objectContaining({ command: 'script_execution_python3', stdout: '42\n', exit_status: 0 })]);
    });

    it('runs under a PTY without echoing the script, and under sudo', async () => {
      const pty = await sut.runScript(req({ script_content: 'echo one\necho two\n', get_pty: true }), ctx());
      expect(pty[0]).toMatchObject({ stdout: 'one\r\ntwo\r\n', exit_status: 0 });
      const root = await sut.runScript(req({ script_content: 'id -u\nread x || echo no-stdin-left\n', sudo: true }), ctx());
      expect(root[0]).toMatchObject({ stdout: '0\nno-stdin-left\n', exit_status: 0 });
      expect(JSON.stringify(root)).not.toContain(env.sshPassword);
    });
  });

  describe('expect_map', () => {
    it('answers prompts given as regex or text under a PTY', async () => {
      const cmd = 'read -p "Name: " n; read -p "Continue? [y/n] " c; echo "hello $n $c"';
      const r = await sut.send([cmd], req({ expect_map: { 'Name: $': 'ann', 'Continue? [y/n]': 'y' }, timeout: 20 }), ctx());
      expect(r[0].exit_status).toBe(0);
      expect(String(r[0].stdout)).toContain('hello ann y');
    });

    it('sends Ctrl-C and ends with -1 when the output stops changing with no prompt matched', async () => {
      const r = await sut.send(['read -p "Unexpected? " x; echo never'], req({ expect_map: { 'Name:': 'ann' }, expect_idle_timeout: 0.5, timeout: 20 }), ctx());
      expect(r[0].exit_status).toBe(-1);
      expect(r[0].stderr).toContain('No expect_map prompt matched');
      expect(String(r[0].stdout)).not.toContain('never');
    });

    it('sends Ctrl-C and ends with -1 on the overall timeout while output keeps changing', async () => {
      const r = await sut.send(['while true; do echo tick; sleep 0.1; done'], req({ expect_map: { 'Name:': 'ann' }, timeout: 1 }), ctx());
      expect(r[0].exit_status).toBe(-1);
      expect(r[0].stderr).toContain('timed out');
      expect(String(r[0].stdout)).toContain('tick');
    });
  });

  it('reports a bad environment variable name as the command result', async () => {
    const r = await sut.send(['true'], req({ environment: { 'X;reboot': '1' } }), ctx());
    expect(r[0]).toMatchObject({ exit_status: 1, stderr: expect.stringContaining("'X;reboot' is not a valid variable name") });
  });
});
