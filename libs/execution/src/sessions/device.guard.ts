import type { AppConfigValue } from '@netpulse/config';
import { DeviceDriver, DriverConnectOptions, DriverSession, HttpError, KeyFileError, SshError } from '@netpulse/drivers';
import { NetpulseMetrics, sshFailureReason } from '@netpulse/observability';
import type { DeviceProtectionStore } from '@netpulse/state';
import { AllowedTargetsPolicy, connectionTargets } from '@netpulse/net-policy';

/** A connection refused by our own protection, before the device was contacted. */
export class DeviceProtectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeviceProtectionError';
  }
}

/**
 * Opens sessions on behalf of both queues while protecting the device: a circuit breaker after
 * repeated connection failures, and an authentication lockout guard so a wrong password cannot lock
 * the account on TACACS/RADIUS. State is shared by every worker through Redis.
 */
export class DeviceGuard {
  constructor(
    private readonly store: DeviceProtectionStore,
    private readonly cfg: AppConfigValue['protection'],
    /** Handed to every driver's connect: the shared host key store (docs/compatibility.md: SSH host keys remembered on first use) and its warnings. */
    private readonly connectOptions: DriverConnectOptions = {},
    /** Awaited on every new session (the throttled remote clean-up of old detached-task files); must not throw. */
    private readonly onConnected: (session: DriverSession, args: Record<string, unknown>) => Promise<void> = () => Promise.resolve(),
  ) {}

  private metrics: NetpulseMetrics | null = null;
  private readonly openSessions = new WeakMap<DriverSession, () => void>();

  private targets: AllowedTargetsPolicy | null = null;

  /** Refuses devices and jump hosts outside `security.allowed_targets` here too (a name may resolve differently later). */
  useTargets(policy: AllowedTargetsPolicy): this {
    this.targets = policy;
    return this;
  }

  /** Counts sessions opened, reused, failed and closed in the process's metrics. */
  useMetrics(metrics: NetpulseMetrics): this {
    this.metrics = metrics;
    return this;
  }

  /** A session source reused an open session. */
  reused(driver: DeviceDriver): void {
    this.metrics?.sessionReused(driver.name);
  }

  /** A session source closed a session this guard opened. */
  closed(session: DriverSession): void {
    this.openSessions.get(session)?.();
    this.openSessions.delete(session);
  }

  async connect(driver: DeviceDriver, args: Record<string, unknown>, signal: AbortSignal): Promise<DriverSession> {
    const host = String(args.host ?? '');
    const target = `${host}:${String(args.port ?? 'default')}`;
    const username = String(args.username ?? '');
    const refusal = this.targets ? await this.targets.firstRefusal(connectionTargets(args)) : null;
    if (refusal) throw new DeviceProtectionError(refusal.message);
    const open = this.cfg.breaker_failures > 0 ? await this.store.breakerOpen(target) : null;
    if (open) {
      this.metrics?.deviceGuard('breaker', 'refused');
      const s = Math.ceil((open.until - Date.now()) / 1000);
      throw new DeviceProtectionError(`Circuit open for ${target} after ${open.failures} consecutive connection failures; no connection is attempted for another ${s}s`);
    }
    if (this.cfg.auth_failures > 0) {
      const fails = await this.store.authFailureCount(target, username);
      if (fails.count >= this.cfg.auth_failures) {
        this.metrics?.deviceGuard('lockout', 'refused');
        const s = Math.ceil(fails.ttlMs / 1000);
        throw new DeviceProtectionError(
          `Authentication lockout guard: ${fails.count} failed logins for ${username}@${target} within ${this.cfg.auth_window}s; not trying again for ${s}s so the account is not locked`,
        );
      }
    }
    try {
      const session = await driver.connect(args, signal, this.connectOptions);
      await Promise.all([this.store.connectionSucceeded(target), this.store.authSucceeded(target, username)]).catch(() => undefined);
      await this.onConnected(session, args);
      if (this.metrics) this.openSessions.set(session, this.metrics.sessionOpened(driver.name));
      return session;
    } catch (err) {
      // A key file that cannot be read never reached the device: nothing to count against it.
      if (!signal.aborted && !(err instanceof KeyFileError)) {
        this.metrics?.sessionFailed(driver.name, sshFailureReason(err));
        await this.record(err, target, username).catch(() => undefined);
      }
      throw err;
    }
  }

  private async record(err: unknown, target: string, username: string): Promise<void> {
    if ((err instanceof SshError || err instanceof HttpError) && err.kind === 'auth') {
      const count = await this.store.authFailed(target, username, this.cfg.auth_window * 1000);
      if (this.cfg.auth_failures > 0 && count === this.cfg.auth_failures) this.metrics?.deviceGuard('lockout', 'opened');
      return;
    }
    if (await this.store.connectionFailed(target, this.cfg.breaker_failures, this.cfg.breaker_cooldown * 1000)) this.metrics?.deviceGuard('breaker', 'opened');
  }
}
