import { aptInstall, commandExists, redisAnswers } from '@netpulse/launcher';
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './test-env';
import { setTimeout as sleep } from 'node:timers/promises';

const run = promisify(execFile);

/** Options of a private Redis Cluster. */
export interface RedisClusterOptions {
  /** Masters (each gets an equal share of the 16384 slots). Default 3, at least 3. */
  masters?: number;
  /** Replicas per master (1 for failover tests). Default 0. */
  replicasPerMaster?: number;
  /** `cluster-node-timeout`, ms: how long a silent master takes to be failed over. Default 2000. */
  nodeTimeoutMs?: number;
  /** Loopback address the nodes bind. Default 127.0.0.1. */
  host?: string;
}

/** One `redis-server` of the cluster. */
export interface ClusterNodeProcess {
  host: string;
  port: number;
  /** The cluster bus port (`cluster-port`). */
  busPort: number;
  dir: string;
  child: ChildProcess;
}

/** A node as `CLUSTER NODES` describes it. */
export interface ClusterNodeInfo {
  id: string;
  address: string;
  port: number;
  role: 'master' | 'replica';
  /** The master's id, for a replica. */
  masterId: string | null;
  failed: boolean;
  connected: boolean;
  /** Slot ranges served, for a master (`0-5460`). */
  slots: string[];
}

function log(msg: string): void {
  process.stderr.write(`[redis-cluster] ${msg}\n`);
}

/** Two free ports on `host` (the client port and its bus port). */
async function portPair(host: string): Promise<[number, number]> {
  const a = await freePort(host);
  let b = await freePort(host);
  while (b === a) b = await freePort(host);
  return [a, b];
}

/**
 * A private Redis Cluster on loopback ports (Debian's `redis-server` with `cluster-enabled yes`), each
 * node in its own directory under one temp dir, created with `redis-cli --cluster create`; started
 * by the suites that need it and removed by `stop()`. The machine's shared Redis is never touched.
 */
export class RedisCluster {
  private stopped = false;
  private readonly exitHook = (): void => {
    for (const n of this.nodes) if (n.child.exitCode === null && n.child.signalCode === null) n.child.kill('SIGKILL');
  };

  private constructor(
    readonly nodes: ClusterNodeProcess[],
    readonly dir: string,
  ) {
    process.once('exit', this.exitHook);
  }

  /**
   * Starts the nodes and creates the cluster; resolves once every slot is served. Tried up to three
   * times on fresh ports (a free port found here can be taken by another process before the node binds it).
   */
  static async start(opts: RedisClusterOptions = {}): Promise<RedisCluster> {
    if ((opts.masters ?? 3) < 3) throw new Error('RedisCluster masters must be at least 3 (redis-cli --cluster create needs three)');
    if (!(opts.host ?? '127.0.0.1').startsWith('127.')) throw new Error('RedisCluster host must be a loopback address (127.0.0.0/8)');
    let lastErr: unknown;
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        return await RedisCluster.startOnce(opts);
      } catch (err) {
        lastErr = err;
        log(`attempt ${attempt} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    throw lastErr instanceof Error ? lastErr : new Error(String(lastErr));
  }

  private static async startOnce(opts: RedisClusterOptions): Promise<RedisCluster> {
    const masters = opts.masters ?? 3;
    const replicas = opts.replicasPerMaster ?? 0;
    const host = opts.host ?? '127.0.0.1';
    if (!commandExists('redis-server') || !commandExists('redis-cli')) aptInstall(['redis-server', 'redis-tools'], log);
    const dir = mkdtempSync(join(tmpdir(), 'netpulse-redis-cluster-'));
    const cluster = new RedisCluster([], dir);
    try {
      for (let i = 0; i < masters * (1 + replicas); i++) {
        const [port, busPort] = await portPair(host);
        const nodeDir = join(dir, String(port));
        mkdirSync(nodeDir);
        cluster.nodes.push({ host, port, busPort, dir: nodeDir, child: cluster.spawnNode(host, port, busPort, nodeDir, opts.nodeTimeoutMs ?? 2000) });
      }
      for (const n of cluster.nodes) await cluster.waitAnswers(n);
      const addrs = cluster.nodes.map((n) => `${n.host}:${n.port}`);
      await run('redis-cli', ['--cluster', 'create', ...addrs, '--cluster-replicas', String(replicas), '--cluster-yes'], { timeout: 60_000 });
      await cluster.waitHealthy(30_000);
      return cluster;
    } catch (err) {
      await cluster.stop();
      throw err;
    }
  }

  /** `host:port` of every node: what `redis.cluster.nodes` gets. */
  get seeds(): string[] {
    return this.nodes.map((n) => `${n.host}:${n.port}`);
  }

  /** The node process on a port. */
  node(port: number): ClusterNodeProcess {
    const n = this.nodes.find((x) => x.port === port);
    if (!n) throw new Error(`no cluster node on port ${port}`);
    return n;
  }

  /** True while a node's process runs. */
  alive(n: ClusterNodeProcess): boolean {
    return n.child.exitCode === null && n.child.signalCode === null;
  }

  /** `CLUSTER NODES` as seen by a live node. */
  async topology(): Promise<ClusterNodeInfo[]> {
    let lastErr: unknown = new Error('no live node');
    for (const n of this.nodes.filter((x) => this.alive(x))) {
      try {
        const { stdout } = await run('redis-cli', ['-h', n.host, '-p', String(n.port), 'cluster', 'nodes'], { timeout: 5000 });
        return stdout.trim().split('\n').filter(Boolean).map(parseNodeLine);
      } catch (err) {
        lastErr = err;
      }
    }
    throw lastErr instanceof Error ? lastErr : new Error(String(lastErr));
  }

  /** The masters now serving slots (failed ones left out). */
  async masters(): Promise<ClusterNodeInfo[]> {
    return (await this.topology()).filter((n) => n.role === 'master' && !n.failed && n.slots.length > 0);
  }

  /** `kill -9` of one node (a master, for a failover test). */
  async kill(port: number): Promise<void> {
    const n = this.node(port);
    if (!this.alive(n)) return;
    await new Promise<void>((resolve) => {
      n.child.once('exit', () => resolve());
      n.child.kill('SIGKILL');
    });
  }

  /**
   * Until every live node reports `cluster_state:ok` and all 16384 slots are served by live masters
   * (after a failover: a replica promoted in the dead master's place).
   */
  async waitHealthy(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const live = this.nodes.filter((x) => this.alive(x));
        const states = await Promise.all(live.map(async (n) => (await run('redis-cli', ['-h', n.host, '-p', String(n.port), 'cluster', 'info'], { timeout: 5000 })).stdout));
        const ok = states.every((s) => /cluster_state:ok/.test(s) && /cluster_slots_ok:16384/.test(s));
        const liveAddrs = new Set(live.map((n) => n.port));
        const masters = await this.masters();
        if (ok && masters.every((m) => liveAddrs.has(m.port)) && masters.reduce((a, m) => a + slotCount(m.slots), 0) === 16384) return;
        last = states.map((s) => /cluster_state:(\w+)/.exec(s)?.[1] ?? '?').join(',');
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      await sleep(200);
    }
    throw new Error(`Redis Cluster not healthy after ${timeoutMs} ms (${last}); logs in ${this.dir}`);
  }

  /** Stops every node and removes the cluster's directory. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    process.removeListener('exit', this.exitHook);
    await Promise.all(
      this.nodes.map(
        (n) =>
          new Promise<void>((resolve) => {
            if (!this.alive(n)) return resolve();
            const t = setTimeout(() => n.child.kill('SIGKILL'), 3000);
            n.child.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            n.child.kill('SIGTERM');
          }),
      ),
    );
    rmSync(this.dir, { recursive: true, force: true });
  }

  private spawnNode(host: string, port: number, busPort: number, dir: string, nodeTimeoutMs: number): ChildProcess {
    const args = [
      '--port', String(port), '--cluster-port', String(busPort), '--bind', host, '--dir', dir, '--daemonize', 'no',
      '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes.conf'), '--cluster-node-timeout', String(nodeTimeoutMs),
      '--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '', '--maxmemory-policy', 'noeviction',
      '--logfile', join(dir, 'redis.log'), '--protected-mode', 'no',
    ];
    return spawn('redis-server', args, { stdio: 'ignore' });
  }

  private async waitAnswers(n: ClusterNodeProcess): Promise<void> {
    for (let i = 0; i < 100; i++) {
      if (await redisAnswers(n.host, n.port, 300)) return;
      if (!this.alive(n)) break;
      await sleep(50);
    }
    throw new Error(`redis-server did not answer on ${n.host}:${n.port}; see ${join(n.dir, 'redis.log')}`);
  }
}

function slotCount(ranges: string[]): number {
  return ranges.reduce((a, r) => {
    const [lo, hi] = r.split('-').map(Number);
    return a + (hi === undefined ? 1 : hi - lo + 1);
  }, 0);
}

/** One line of `CLUSTER NODES`: `<id> <ip:port@bus> <flags> <master> <ping> <pong> <epoch> <link> <slot>...`. */
function parseNodeLine(line: string): ClusterNodeInfo {
  const f = line.split(' ');
  const flags = f[2].split(',');
  const [addr] = f[1].split('@');
  const i = addr.lastIndexOf(':');
  return {
    id: f[0],
    address: addr.slice(0, i),
    port: Number(addr.slice(i + 1)),
    role: flags.includes('master') ? 'master' : 'replica',
    masterId: f[3] === '-' ? null : f[3],
    failed: flags.includes('fail') || flags.includes('fail?'),
    connected: f[7] === 'connected',
    slots: f.slice(8).filter((s) => !s.startsWith('[')),
  };
}
