import { DeviceDriver, ParamikoDriver, SshError } from '@netpulse/drivers';
import { NetpulseMetrics } from '@netpulse/observability';
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

describe('DeviceGuard breaker and lockout events in the metrics', () => {
  /** The guard's view of the protection state, kept in memory (the Redis store has its own integration test). */
  class MemoryProtection {
    failures = 0;
    openUntil = 0;
    auth = 0;
    breakerOpen(): Promise<{ until: number; failures: number } | null> {
      return Promise.resolve(this.openUntil > Date.now() ? { until: this.openUntil, failures: this.failures } : null);
    }
    connectionFailed(_t: string, threshold: number, cooldownMs: number): Promise<boolean> {
      this.failures++;
      const opens = threshold > 0 && this.failures >= threshold;
      if (opens) this.openUntil = Date.now() + cooldownMs;
      return Promise.resolve(opens);
    }
    connectionSucceeded(): Promise<void> {
      this.failures = 0;
      return Promise.resolve();
    }
    authFailureCount(): Promise<{ count: number; ttlMs: number }> {
      return Promise.resolve({ count: this.auth, ttlMs: 60_000 });
    }
    authFailed(): Promise<number> {
      return Promise.resolve(++this.auth);
    }
    authSucceeded(): Promise<void> {
      this.auth = 0;
      return Promise.resolve();
    }
  }

  /** A driver whose every connect fails with `kind`, counting the attempts that reached it. */
  const failing = (kind: 'connect' | 'auth'): { driver: DeviceDriver; attempts: () => number } => {
    let n = 0;
    const driver = {
      name: 'paramiko',
      connect: () => {
        n++;
        return Promise.reject(new SshError(kind === 'auth' ? 'All configured authentication methods failed' : 'connect ECONNREFUSED', kind));
      },
    } as unknown as DeviceDriver;
    return { driver, attempts: () => n };
  };

  const events = async (metrics: NetpulseMetrics): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    const metric = (await metrics.registry.getSingleMetric('netpulse_device_protection_events_total')?.get()) ?? { values: [] };
    for (const v of metric.values) out[`${String(v.labels.guard)}:${String(v.labels.event)}`] = v.value;
    return out;
  };

  it('counts the breaker opening once at its threshold and every connect it refuses', async () => {
    const metrics = new NetpulseMetrics('test', { processMetrics: false });
    const store = new MemoryProtection();
    const guard = new DeviceGuard(store as unknown as DeviceProtectionStore, { breaker_failures: 3, breaker_cooldown: 60, auth_failures: 0, auth_window: 300 }).useMetrics(metrics);
    const { driver, attempts } = failing('connect');
    const args = { host: '127.14.1.1', port: 1, username: 'u', password: 'p' };
    for (let i = 0; i < 5; i++) await guard.connect(driver, args, new AbortController().signal).catch(() => undefined);
    expect(attempts()).toBe(3);
    expect(await events(metrics)).toEqual({ 'breaker:opened': 1, 'breaker:refused': 2 });
  });

  it('counts the lockout guard engaging at auth_failures and the logins it holds back', async () => {
    const metrics = new NetpulseMetrics('test', { processMetrics: false });
    const store = new MemoryProtection();
    const guard = new DeviceGuard(store as unknown as DeviceProtectionStore, { breaker_failures: 0, breaker_cooldown: 60, auth_failures: 2, auth_window: 300 }).useMetrics(metrics);
    const { driver, attempts } = failing('auth');
    const args = { host: '127.14.1.2', port: 1, username: 'u', password: 'wrong' };
    for (let i = 0; i < 4; i++) await guard.connect(driver, args, new AbortController().signal).catch(() => undefined);
    expect(attempts()).toBe(2);
    expect(await events(metrics)).toEqual({ 'lockout:opened': 1, 'lockout:refused': 2 });
  });
});
