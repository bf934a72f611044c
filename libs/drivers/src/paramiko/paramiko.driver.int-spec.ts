import { readTestEnv } from '@netpulse/testing';
import { readFileSync } from 'node:fs';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import { DriverValidationError } from '../core/device-driver';
import { ParamikoDriver } from './paramiko.driver';

describe('ParamikoDriver (real sshd)', () => {
  const env = readTestEnv();
  const sut = new ParamikoDriver();
  const args = { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword };
  const ctx = (): ExecContext => ({ jobId: 'j', signal: new AbortController().signal, maxOutputBytes: 1 << 20 });
  const req = (driver_args: Record<string, unknown> | null = null): DriverRequest => ({ connection_args: args, driver_args, extras: {} });

  it('runs commands with byte-exact stdout and real exit status', async () => {
    const s = await sut.connect(args);
    try {
      const r = await s.send(['echo hi', 'uname -s', 'printf "a\\tb"', 'echo err >&2; exit 3'], req(), ctx());
      expect(r.map((x) => [x.command, x.stdout, x.stderr, x.exit_status])).toEqual([
        ['echo hi', 'hi\n', '', 0],
        ['uname -s', 'Linux\n', '', 0],
        ['printf "a\\tb"', 'a\tb', '', 0],
        ['echo err >&2; exit 3', '', 'err\n', 3],
      ]);
      expect(r[0].metadata).toMatchObject({ host: env.sshHost });
    } finally {
      await s.close();
    }
  });

  it('authenticates with a private key', async () => {
    const s = await sut.connect({ host: env.sshHost, port: env.sshPort, username: env.sshUser, pkey: readFileSync(env.sshKeyFile, 'utf8') });
    const r = await s.send(['whoami'], req(), ctx());
    expect(r[0].stdout).toBe(`${env.sshUser}\n`);
    await s.close();
  });

  it('aggregates config lines and stops on error', async () => {
    const s = await sut.connect(args);
    const r = await s.config(['echo one', 'false', 'echo never'], req(), ctx());
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ command: 'echo one\nfalse\necho never', stdout: 'one\n\n', exit_status: 1 });
    await s.close();
  });

  it('applies environment and sudo without leaking the password', async () => {
    const s = await sut.connect(args);
    const r = await s.send(['echo $FOO', 'id -u'], req({ environment: { FOO: "it's" } }), ctx());
    expect(r[0].stdout).toBe("it's\n");
    const sudo = await s.send(['id -u'], req({ sudo: true }), ctx());
    expect(sudo[0].stdout).toBe('0\n');
    expect(JSON.stringify(sudo)).not.toContain(env.sshPassword);
    await s.close();
  });

  it('fails to connect with a clear message on a wrong password or closed port', async () => {
    await expect(sut.connect({ ...args, password: 'wrong' })).rejects.toThrow(`Authentication failed for ${env.sshUser}@${env.sshHost}:${env.sshPort}`);
    await expect(sut.connect({ ...args, port: 1 })).rejects.toThrow('Connection refused by 127.0.0.1:1');
  });

  it('reports the SSH banner on test', async () => {
    expect(await sut.test(args)).toMatchObject({ driver: 'paramiko', host: env.sshHost, remote_version: expect.stringMatching(/^SSH-2\.0-OpenSSH/) });
  });

  it('validates connection args by field', () => {
    expect(() => sut.validate({ connection_args: { host: 'h', username: 'u', port: 'x' }, driver_args: null, extras: {} })).toThrow(DriverValidationError);
    try {
      sut.validate({ connection_args: { username: 'u' }, driver_args: null, extras: {} });
    } catch (e) {
      expect((e as DriverValidationError).errors[0].loc).toEqual(['body', 'connection_args', 'host']);
    }
  });
});
