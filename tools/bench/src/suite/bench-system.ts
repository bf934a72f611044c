import { TestSystem } from '@netpulse/testing';
import { readFileSync } from 'node:fs';
import type { BenchContext } from '../scenarios/bench-context';
import { CpuSampler } from '../measure/cpu.sampler';
import { RedisStats } from '../measure/redis-stats';
import { HttpJsonClient } from '../load/http-json.client';
import { JobEventsWatcher } from '../load/job-events.watcher';
import { JobRecordReader } from '../load/job-record.reader';
import { JobWaiter } from '../load/job.waiter';
import type { FleetSpec } from '../sim/fleet.messages';
import { SimFleetProcess } from '../sim/sim-fleet.process';

export interface BenchSystemOptions {
  fifoWorkers: number;
  nodeWorkers: number;
  /** Controller processes on the one API port (`launcher.controllers`). */
  controllers?: number;
  /** Extra NETPULSE_* settings (e.g. `NETPULSE_WORKER__PINNED_PER_NODE`). */
  env?: Record<string, string>;
}

/**
 * One scenario's world: the simulator child, the system's processes, a lean HTTP client and a job
 * record reader, all registered for teardown the moment they exist.
 */
export class BenchSystem {
  private constructor(
    readonly sys: TestSystem,
    readonly sim: SimFleetProcess | null,
    readonly http: HttpJsonClient,
    readonly records: JobRecordReader,
    private readonly ctx: BenchContext,
    private readonly stopAll: () => Promise<void>,
  ) {}

  private events: JobEventsWatcher | null = null;

  /** `fleets`: start a simulator for this system (stopped with it), or use one the caller owns. */
  static async start(ctx: BenchContext, opts: BenchSystemOptions, fleets: FleetSpec[] | SimFleetProcess): Promise<BenchSystem> {
    let sim: SimFleetProcess | null = fleets instanceof SimFleetProcess ? fleets : null;
    const stopSim = fleets instanceof SimFleetProcess ? async () => undefined : ctx.teardown.add('simulator', async () => sim?.stop());
    if (Array.isArray(fleets) && fleets.length > 0) {
      ctx.progress(`  starting the simulator (${fleets.map((f) => `${f.count} × ${f.platform}`).join(', ')})`);
      sim = await SimFleetProcess.start(fleets, ctx.progress);
    }
    ctx.progress(`  starting the system (${opts.controllers ?? 1} controller, ${opts.fifoWorkers} fifo-worker, ${opts.nodeWorkers} node-worker)`);
    let sys: TestSystem | null = null;
    const stopSys = ctx.teardown.add('system', async () => sys?.stop());
    sys = await TestSystem.start({
      fifoWorkers: opts.fifoWorkers,
      nodeWorkers: opts.nodeWorkers,
      env: { NETPULSE_LOG__LEVEL: ctx.settings.logLevel, NETPULSE_LAUNCHER__CONTROLLERS: String(opts.controllers ?? 1), ...opts.env },
      redis: { host: ctx.redisHost, port: ctx.redisPort, namespacePrefix: 'npbench', logRoot: ctx.logRoot },
    });
    const http = new HttpJsonClient(sys.baseUrl, sys.apiKey, 64);
    const records = new JobRecordReader(ctx.redisHost, ctx.redisPort, sys.namespace);
    const stopClients = ctx.teardown.add('clients', async () => {
      http.close();
      records.close();
    });
    const bs: BenchSystem = new BenchSystem(sys, sim, http, records, ctx, async () => {
      await bs.events?.stop();
      await stopClients();
      await stopSys();
      await stopSim();
    });
    return bs;
  }

  /**
   * A waiter for sequential latency series. On the bench's own Redis it learns from keyspace
   * notifications when to read the job; on a shared Redis it polls the API.
   */
  async waiter(): Promise<JobWaiter> {
    if (this.ctx.redisPid > 0) this.events ??= await JobEventsWatcher.start(this.ctx.redisHost, this.ctx.redisPort, this.sys.namespace);
    return new JobWaiter(this.http, this.events);
  }

  /** A waiter that polls `GET /jobs/{id}` back to back, as a naive client does. */
  pollingWaiter(): JobWaiter {
    return new JobWaiter(this.http, null);
  }

  /** The devices of fleet `i` as given to `start`. */
  devices(i = 0): { host: string; port: number }[] {
    return this.sim?.fleets[i] ?? [];
  }

  /** The processes of a role, with their children (a controller cluster's workers). */
  pidsOf(role: 'controller' | 'fifo-worker' | 'node-worker'): number[] {
    const top = this.sys.apps.filter((a) => a.opts.role === role && a.pid !== undefined).map((a) => a.pid ?? 0);
    return top.flatMap((pid) => [pid, ...childPids(pid)]);
  }

  /** A sampler over every process of the scenario (Redis only when it is the bench's own). */
  cpuSampler(redisPid: number): CpuSampler {
    const groups: Record<string, number[]> = {
      controller: this.pidsOf('controller'),
      'fifo-worker': this.pidsOf('fifo-worker'),
      'node-worker': this.pidsOf('node-worker'),
      simulator: this.sim ? [this.sim.pid] : [],
    };
    if (redisPid > 0) groups.redis = [redisPid];
    return new CpuSampler(groups);
  }

  /** A new connection for server-side Redis figures (the caller closes it). */
  redisStats(): RedisStats {
    return new RedisStats(this.ctx.redisHost, this.ctx.redisPort);
  }

  async stop(): Promise<void> {
    await this.stopAll();
  }
}

/** Direct children of a process, from /proc (empty when it is gone). */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
