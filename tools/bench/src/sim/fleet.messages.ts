/** One fleet the simulator child starts: `count` identical devices from `firstHost` on. */
export interface FleetSpec {
  count: number;
  platform: string;
  /** First loopback address (bench fleets live in 127.0.100.0/22 and above). */
  firstHost: string;
  /** Delay before each command's output, ms. */
  latencyMs: number;
  /** Delay before each authentication answer, ms (a TACACS round trip). */
  loginDelayMs: number;
}

export interface SimDevice {
  host: string;
  port: number;
}

/** Child → parent. */
export type FleetChildMessage =
  | { type: 'progress'; started: number; total: number }
  | { type: 'ready'; fleets: SimDevice[][] }
  | { type: 'failed'; error: string }
  | { type: 'stopped' };

/** Parent → child. */
export type FleetParentMessage = { type: 'stop' };
