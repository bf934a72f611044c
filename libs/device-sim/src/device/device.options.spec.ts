import { matchesCommand, resolveDeviceOptions } from './device.options';

describe('resolveDeviceOptions', () => {
  it('fills defaults', () => {
    expect(resolveDeviceOptions({})).toMatchObject({ host: '127.0.0.1', password: 'admin', platform: 'cisco_ios', port: 22, secret: 'admin', username: 'admin' });
  });

  it('rejects bad options by name', () => {
    expect(() => resolveDeviceOptions({ latencyMs: -1 })).toThrow('latencyMs must be a finite number >= 0');
    expect(() => resolveDeviceOptions({ port: 70000 })).toThrow('port must be a finite integer >= 0 and <= 65535');
    expect(() => resolveDeviceOptions({ maxSessions: 0 })).toThrow('maxSessions must be');
    expect(() => resolveDeviceOptions({ host: '10.0.0.1' })).toThrow('host must be a loopback address');
  });

  it('matches fault commands by exact text or RegExp', () => {
    expect(matchesCommand('show tech', '  SHOW TECH ')).toBe(true);
    expect(matchesCommand('show tech', 'show tech-support')).toBe(false);
    expect(matchesCommand(/^show log/g, 'show logging')).toBe(true);
    expect(matchesCommand(/^show log/g, 'show logging')).toBe(true);
    expect(matchesCommand(undefined, 'anything')).toBe(false);
  });
});
