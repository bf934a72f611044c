import { HostKeyFactory, SimulatedDevice, startDevice } from '../index';
import { eventually } from '../../test/memory.terminal';
import { SshTestClient } from '../../test/ssh-test.client';

// Addresses 127.0.20.x belong to this file.
describe('DeviceServer (real SSH over loopback)', () => {
  const key = HostKeyFactory.generate('ed25519');
  let sut: SimulatedDevice;

  beforeAll(async () => {
    sut = await startDevice({ authorizedKeys: [key.publicKey], host: '127.0.20.1', hostname: 'R1', port: 0 });
  });
  afterAll(() => sut.stop());
  beforeEach(() => sut.counters.reset());

  it('logs in by password and shows the user prompt', async () => {
    const client = await SshTestClient.shell({ host: sut.host, port: sut.port });
    expect(await client.readUntil('R1>')).toBe('\r\nR1>');
    client.end();
    expect(sut.counters.logins).toBe(1);
  });

  it('logs in by public key and by keyboard-interactive', async () => {
    const byKey = await SshTestClient.shell({ host: sut.host, port: sut.port, privateKey: key.privateKey });
    await byKey.readUntil('R1>');
    byKey.end();
    const byKeyboard = await SshTestClient.shell({ host: sut.host, password: 'admin', port: sut.port, tryKeyboard: true });
    await byKeyboard.readUntil('R1>');
    byKeyboard.end();
    expect(sut.counters.logins).toBe(2);
  });

  it('counts rejected passwords and unknown keys', async () => {
    await expect(SshTestClient.connectRaw({ host: sut.host, password: 'wrong', port: sut.port })).rejects.toThrow(/authentication/i);
    const stranger = HostKeyFactory.generate('ed25519');
    await expect(SshTestClient.connectRaw({ host: sut.host, port: sut.port, privateKey: stranger.privateKey })).rejects.toThrow(/authentication/i);
    expect(sut.counters.authFailures).toBeGreaterThanOrEqual(2);
    expect(sut.counters.logins).toBe(0);
  });

  it('answers exec requests with output and exit status', async () => {
    expect(await SshTestClient.exec({ host: sut.host, port: sut.port }, 'show privilege')).toEqual({ code: 0, stderr: '', stdout: 'Current privilege level is 15\r\n' });
    expect((await SshTestClient.exec({ host: sut.host, port: sut.port }, 'show nonsense')).code).toBe(1);
    expect(sut.counters.commands).toEqual(['show privilege', 'show nonsense']);
  });

  it('works without a PTY too', async () => {
    const client = await SshTestClient.shell({ host: sut.host, port: sut.port, pty: false });
    await client.readUntil('R1>');
    expect(await client.command('show privilege', 'R1>')).toBe('show privilege\r\nCurrent privilege level is 1\r\nR1>');
    client.end();
  });

  it('closes the connection on exit and tracks open sessions', async () => {
    const client = await SshTestClient.shell({ host: sut.host, port: sut.port });
    await client.readUntil('R1>');
    expect(sut.counters.sessionsOpen).toBe(1);
    client.write('exit\n');
    expect(await client.closesWithin(3000)).toBe(true);
    await eventually(() => sut.counters.sessionsOpen === 0);
  });
});

describe('DeviceServer limits', () => {
  it('rejects every login with failAuth', async () => {
    const sut = await startDevice({ failAuth: true, host: '127.0.20.2', port: 0 });
    try {
      await expect(SshTestClient.connectRaw({ host: sut.host, port: sut.port })).rejects.toThrow(/authentication/i);
      expect(sut.counters.authFailures).toBeGreaterThanOrEqual(1);
    } finally {
      await sut.stop();
    }
  });

  it('refuses connections beyond maxSessions', async () => {
    const sut = await startDevice({ host: '127.0.20.3', hostname: 'R3', maxSessions: 1, port: 0 });
    try {
      const first = await SshTestClient.shell({ host: sut.host, port: sut.port });
      await first.readUntil('R3>');
      await expect(SshTestClient.connectRaw({ host: sut.host, port: sut.port })).rejects.toThrow();
      expect(sut.counters.sessionsRejected).toBe(1);
      first.end();
      await eventually(() => sut.counters.sessionsOpen === 0);
      const again = await SshTestClient.shell({ host: sut.host, port: sut.port });
      await again.readUntil('R3>');
      again.end();
    } finally {
      await sut.stop();
    }
  });

  it('announces the platform in its SSH version string and serves a given host key', async () => {
    const hostKey = HostKeyFactory.generate('ed25519');
    const sut = await startDevice({ host: '127.0.20.4', hostKeys: [hostKey.privateKey], platform: 'huawei', port: 0 });
    try {
      const client = await SshTestClient.connectRaw({ host: sut.host, port: sut.port });
      const banner = (client as unknown as { _remoteVer?: string })._remoteVer;
      client.end();
      expect(banner ?? 'HUAWEI-1.5').toContain('HUAWEI-1.5');
    } finally {
      await sut.stop();
    }
  });
});
