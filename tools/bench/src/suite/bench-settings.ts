/**
 * The scale of every scenario. `full` is sized to finish in about 10-12 minutes on a 2-core machine
 * (`npm run bench`); `smoke` runs the same code at toy scale in well under a minute (CI).
 */
export interface BenchSettings {
  mode: 'full' | 'smoke';
  /** `log.level` of the apps: `info` is the default a user runs with (one line per job). */
  logLevel: string;
  warmLatency: { warmup: number; jobs: number; fifoJobs: number; runs: number; cpuRequests: number };
  sessionReuse: { devicesPerRun: number; laterJobs: number; fifoJobs: number; latencyMs: number; loginDelayMs: number; runs: number };
  realSshd: { warmup: number; laterJobs: number; fifoJobs: number; runs: number };
  throughput: { devices: number; bulkSize: number; submitters: number; maxInFlight: number; fifoBulkSize: number; fifoSubmitters: number; fifoMaxInFlight: number; warmupMs: number; steadyMs: number; windows: number; drainMs: number };
  density: { sizes: number[]; idleSeconds: number; keepaliveS: number; wakes: number };
  bulk: { devices: number; warmRepeats: number; /** The large request: the devices listed this many times each (10 × 1,000 = 10,000 jobs). */ largeRepeat: number };
  scaleOut: { controllerCounts: number[]; nodeCounts: number[]; rounds: number; devices: number; warmupMs: number; steadyMs: number; windows: number };
  /** Renders and parses timed per mode (inline, pool); warm pinned jobs measured with and without an attacker. */
  templateIsolation: { renders: number; parses: number; pinnedJobs: number };
}

export const FULL_SETTINGS: BenchSettings = {
  mode: 'full',
  logLevel: 'info',
  warmLatency: { warmup: 1000, jobs: 200, fifoJobs: 50, runs: 3, cpuRequests: 2000 },
  sessionReuse: { devicesPerRun: 5, laterJobs: 9, fifoJobs: 10, latencyMs: 50, loginDelayMs: 500, runs: 3 },
  realSshd: { warmup: 5, laterJobs: 30, fifoJobs: 20, runs: 3 },
  throughput: { devices: 500, bulkSize: 250, submitters: 4, maxInFlight: 1000, fifoBulkSize: 100, fifoSubmitters: 2, fifoMaxInFlight: 300, warmupMs: 5000, steadyMs: 24_000, windows: 3, drainMs: 60_000 },
  density: { sizes: [100, 1000, 5000], idleSeconds: 20, keepaliveS: 10, wakes: 50 },
  bulk: { devices: 1000, warmRepeats: 3, largeRepeat: 10 },
  scaleOut: { controllerCounts: [1, 2, 4], nodeCounts: [1, 2, 4], rounds: 1, devices: 500, warmupMs: 3000, steadyMs: 8000, windows: 2 },
  templateIsolation: { renders: 1000, parses: 60, pinnedJobs: 300 },
};

export const SMOKE_SETTINGS: BenchSettings = {
  mode: 'smoke',
  logLevel: 'info',
  warmLatency: { warmup: 2, jobs: 6, fifoJobs: 3, runs: 2, cpuRequests: 20 },
  sessionReuse: { devicesPerRun: 1, laterJobs: 2, fifoJobs: 2, latencyMs: 50, loginDelayMs: 100, runs: 1 },
  realSshd: { warmup: 1, laterJobs: 2, fifoJobs: 2, runs: 1 },
  throughput: { devices: 10, bulkSize: 10, submitters: 1, maxInFlight: 40, fifoBulkSize: 10, fifoSubmitters: 1, fifoMaxInFlight: 20, warmupMs: 500, steadyMs: 1500, windows: 1, drainMs: 10_000 },
  density: { sizes: [20], idleSeconds: 1, keepaliveS: 10, wakes: 3 },
  bulk: { devices: 20, warmRepeats: 1, largeRepeat: 2 },
  scaleOut: { controllerCounts: [1, 2], nodeCounts: [1, 2], rounds: 1, devices: 10, warmupMs: 500, steadyMs: 1000, windows: 1 },
  templateIsolation: { renders: 20, parses: 3, pinnedJobs: 10 },
};
