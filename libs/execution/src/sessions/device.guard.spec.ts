import { ParamikoDriver } from '@netpulse/drivers';
import { AllowedTargetsPolicy } from '@netpulse/net-policy';
import type { DeviceProtectionStore } from '@netpulse/state';
import { DeviceGuard, DeviceProtectionError } from './device.guard';

describe('DeviceGuard allowlist at connect', () => {
  // The refusal comes before any protection state is read or any socket opened.
  const untouched = new Proxy({}, { get: () => () => Promise.reject(new Error('protection store must not be used')) }) as unknown as DeviceProtectionStore;
  const guard = new DeviceGuard(untouched, { breaker_failures: 5, breaker_cooldown: 30, auth_failures: 3, auth_window: 300 }).useTargets(new AllowedTargetsPolicy(['127.14.0.0/24']));
  const driver = new ParamikoDriver();

  it('refuses a jump host outside security.allowed_targets even when the device is inside', async () => {
    const args = { host: '127.14.0.1', port: 1, username: 'u', password: 'p', proxy_host: '127.0.0.1' };
    const err = await guard.connect(driver, args, new AbortController().signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeviceProtectionError);
    expect((err as Error).message).toBe('connection_args.proxy_host: Target 127.0.0.1 is outside security.allowed_targets');
  });

  it('refuses a device written as an IPv4-mapped IPv6 address outside the list', async () => {
    const err = await guard.connect(driver, { host: '::ffff:127.0.0.1', username: 'u', password: 'p' }, new AbortController().signal).catch((e: unknown) => e);
    expect((err as Error).message).toBe('connection_args.host: Target ::ffff:127.0.0.1 is outside security.allowed_targets');
  });
});
