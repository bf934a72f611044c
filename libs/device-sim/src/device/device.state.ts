import type { ConfigTree } from '../config/config.tree';
import { addressNumber } from '../platforms/common/device.facts';
import type { PlatformProfile } from '../platforms/platform.profile';
import type { DeviceView } from '../shell/shell.types';
import { DeviceCounters } from './device.counters';
import { CommandPattern, matchesCommand, ResolvedDeviceOptions } from './device.options';

/** Which configured fault a command triggers. */
export type Fault = 'drop' | 'flood' | 'hang';

/**
 * One simulated device's state, shared by all its SSH sessions: options, platform, counters and
 * the running/startup configuration that config commands really change.
 */
export class DeviceState implements DeviceView {
  readonly bootedAt: Date;
  readonly counters: DeviceCounters;
  readonly files = new Map<string, string>();
  running: ConfigTree;
  startup: ConfigTree;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly options: ResolvedDeviceOptions,
    readonly profile: PlatformProfile,
  ) {
    this.counters = new DeviceCounters(options.commandHistory);
    this.running = profile.createConfig({
      host: options.host,
      hostname: options.hostname ?? profile.defaultHostname,
      username: options.username,
    });
    this.startup = this.running.clone();
    // A plausible, stable uptime per device (1-30 days) instead of "0 minutes" everywhere.
    const days = 1 + (addressNumber(options.host) % 30);
    this.bootedAt = new Date(Date.now() - days * 86_400_000 - (addressNumber(options.host) % 86_400) * 1000);
  }

  get host(): string {
    return this.options.host;
  }

  get hostname(): string {
    return this.profile.hostnameOf(this.running) ?? this.options.hostname ?? this.profile.defaultHostname;
  }

  get secret(): string {
    return this.options.secret;
  }

  /** Page size a new shell starts with. */
  get terminalLength(): number {
    return this.profile.terminalLength === 0 ? 0 : (this.options.terminalLength ?? this.profile.terminalLength);
  }

  faultFor(command: string): Fault | undefined {
    const faults: ReadonlyArray<readonly [Fault, CommandPattern | undefined]> = [
      ['hang', this.options.hangOnCommand],
      ['drop', this.options.dropOnCommand],
      ['flood', this.options.floodOnCommand],
    ];
    return faults.find(([, pattern]) => matchesCommand(pattern, command))?.[0];
  }

  schedule(seconds: number, action: () => void): () => void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, seconds * 1000 * this.options.timerScale);
    timer.unref();
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Cancels every pending timer (the device is stopping). */
  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  recordConfigLine(): void {
    this.counters.configLines += 1;
  }

  recordSave(): void {
    this.counters.saves += 1;
  }
}
