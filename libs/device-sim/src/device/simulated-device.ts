import type { ParsedKey } from 'ssh2';
import { EapiServer } from '../eapi/eapi.server';
import { PlatformRegistry } from '../platforms/platform.registry';
import { DeviceServer } from '../ssh/device.server';
import { HostKeyFactory } from '../ssh/host-key.factory';
import { DeviceCounters } from './device.counters';
import { DeviceOptions, resolveDeviceOptions, ResolvedDeviceOptions } from './device.options';
import { DeviceState } from './device.state';

/**
 * A running simulated device: where to reach it, how to log in, what it has seen (`counters`) and
 * its live configuration. Get one from `startDevice()` or `startFleet()`; `stop()` when done.
 */
export class SimulatedDevice {
  private stopped = false;

  private constructor(
    private readonly state: DeviceState,
    private readonly server: DeviceServer,
    /** The bound port (the real one when 0 was asked for). */
    readonly port: number,
    /** The eAPI endpoint (`options.eapi`): its bound ports, certificate and counters; undefined when off. */
    readonly eapi: EapiServer | undefined = undefined,
  ) {}

  /** Starts one device; `hostKeys` lets a fleet share one parsed key set. */
  static async start(options: DeviceOptions, hostKeys?: readonly ParsedKey[]): Promise<SimulatedDevice> {
    const resolved = resolveDeviceOptions(options);
    const profile = PlatformRegistry.shared().get(resolved.platform);
    const keys = resolved.hostKeys ? HostKeyFactory.parse(resolved.hostKeys) : (hostKeys ?? HostKeyFactory.defaults());
    const state = new DeviceState(resolved, profile);
    const server = new DeviceServer(state, keys);
    const port = await server.listen(resolved.host, resolved.port);
    let eapi: EapiServer | undefined;
    try {
      eapi = resolved.eapi ? await EapiServer.start(state, resolved.eapi) : undefined;
    } catch (err) {
      await server.close();
      throw err;
    }
    return new SimulatedDevice(state, server, port, eapi);
  }

  get counters(): DeviceCounters {
    return this.state.counters;
  }

  get host(): string {
    return this.state.host;
  }

  /** The current hostname (a `hostname` config change shows here and in the prompt). */
  get hostname(): string {
    return this.state.hostname;
  }

  get options(): ResolvedDeviceOptions {
    return this.state.options;
  }

  get platform(): string {
    return this.state.profile.name;
  }

  /** The running configuration exactly as `show running-config` (or the platform's equivalent) prints it. */
  get runningConfig(): string {
    return this.state.profile.renderConfig(this.state.running, this.state);
  }

  /** Files on the device's file system (`flash:rollback_config.txt` → text), as copies and SCP uploads left them. */
  get files(): ReadonlyMap<string, string> {
    return this.state.files;
  }

  /** The saved configuration, as `write memory` / `save` / Junos `commit` left it. */
  get startupConfig(): string {
    return this.state.profile.renderConfig(this.state.startup, this.state);
  }

  /** Stops listening and cuts every connection; safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.state.dispose();
    await Promise.all([this.server.close(), this.eapi?.close()]);
  }
}
