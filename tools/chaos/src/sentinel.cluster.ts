import { redisAnswers } from '@netpulse/launcher';
import { freePort } from '@netpulse/testing';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './load.loop';
import { PrivateRedis, ensureBinary } from './private.redis';

export interface RedisAddress {
  host: string;
  port: number;
}

/** Timing of the sentinels. */
export interface SentinelClusterOptions {
  /** A primary silent this long is subjectively down, ms. Default 1000. */
  downAfterMs?: number;
  /** Sentinel `failover-timeout`, ms. Default 5000. */
  failoverTimeoutMs?: number;
}

/**
 * A Redis Sentinel setup of the chaos suite's own, all on 127.0.0.1 free ports: one primary, one
 * replica, three sentinels (quorum 2), each primary/replica persisting with AOF `appendfsync always`.
 * Debian's `redis-sentinel` is installed when missing.
 */
export class SentinelCluster {
  readonly masterName = `chaos-${Math.random().toString(36).slice(2, 8)}`;
  private readonly sentinelProcs: ChildProcess[] = [];

  private constructor(
    readonly primary: PrivateRedis,
    readonly replica: PrivateRedis,
    readonly sentinels: RedisAddress[],
    private readonly dir: string,
  ) {}

  static async start(opts: SentinelClusterOptions = {}): Promise<SentinelCluster> {
    ensureBinary('redis-sentinel', 'redis-sentinel');
    const dir = mkdtempSync(join(tmpdir(), 'netpulse-chaos-sentinel-'));
    const primary = await PrivateRedis.start();
    const replica = await PrivateRedis.start({ args: ['--replicaof', primary.host, String(primary.port)] });
    const ports = [await freePort(), await freePort(), await freePort()];
    const cluster = new SentinelCluster(primary, replica, ports.map((port) => ({ host: '127.0.0.1', port })), dir);
    try {
      await cluster.waitReplicaInSync();
      for (const port of ports) cluster.startSentinel(port, opts);
      for (const s of cluster.sentinels) {
        for (let i = 0; i < 100 && !(await redisAnswers(s.host, s.port, 300)); i++) await sleep(50);
      }
      // The sentinels find each other and the replica through the primary; wait until each knows both.
      await cluster.until(async () => (await cluster.sentinelView()).every((v) => v.sentinels >= 2 && v.replicas >= 1), 20_000, 'sentinels did not discover each other and the replica');
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  /** The primary as the sentinels name it now. */
  async currentPrimary(): Promise<RedisAddress | null> {
    for (const s of this.sentinels) {
      const r = new Redis({ host: s.host, port: s.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await r.connect();
        const addr = (await r.call('SENTINEL', 'get-master-addr-by-name', this.masterName)) as [string, string] | null;
        if (addr) return { host: addr[0], port: Number(addr[1]) };
      } catch {
        // try the next sentinel
      } finally {
        r.disconnect();
      }
    }
    return null;
  }

  /** `kill -9` of the primary; resolves once the sentinels have promoted the replica. */
  async failover(timeoutMs = 30_000): Promise<RedisAddress> {
    const old = await this.currentPrimary();
    await this.primary.kill();
    const seen: { primary: RedisAddress | null } = { primary: null };
    await this.until(async () => {
      const now = await this.currentPrimary();
      seen.primary = now !== null && now.port !== old?.port && (await this.role(now)) === 'master' ? now : null;
      return seen.primary !== null;
    }, timeoutMs, 'the sentinels did not promote the replica');
    if (!seen.primary) throw new Error('no primary after failover');
    return seen.primary;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.sentinelProcs.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.exitCode !== null || p.signalCode !== null) return resolve();
            const t = setTimeout(() => p.kill('SIGKILL'), 2000);
            p.once('exit', () => {
              clearTimeout(t);
              resolve();
            });
            p.kill('SIGTERM');
          }),
      ),
    );
    await Promise.all([this.primary.stop(), this.replica.stop()]);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private startSentinel(port: number, opts: SentinelClusterOptions): void {
    const conf = join(this.dir, `sentinel-${port}.conf`);
    writeFileSync(
      conf,
      [
        `port ${port}`, 'bind 127.0.0.1', 'protected-mode no', 'daemonize no', `dir ${this.dir}`,
        `logfile ${join(this.dir, `sentinel-${port}.log`)}`,
        `sentinel monitor ${this.masterName} ${this.primary.host} ${this.primary.port} 2`,
        `sentinel down-after-milliseconds ${this.masterName} ${opts.downAfterMs ?? 1000}`,
        `sentinel failover-timeout ${this.masterName} ${opts.failoverTimeoutMs ?? 5000}`,
        `sentinel parallel-syncs ${this.masterName} 1`, '',
      ].join('\n'),
    );
    this.sentinelProcs.push(spawn('redis-sentinel', [conf], { stdio: 'ignore' }));
  }

  private async sentinelView(): Promise<{ replicas: number; sentinels: number }[]> {
    return Promise.all(
      this.sentinels.map(async (s) => {
        const r = new Redis({ host: s.host, port: s.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
        try {
          await r.connect();
          const fields = (await r.call('SENTINEL', 'master', this.masterName)) as string[];
          const get = (k: string): number => Number(fields[fields.indexOf(k) + 1] ?? 0);
          return { replicas: get('num-slaves'), sentinels: get('num-other-sentinels') };
        } catch {
          return { replicas: 0, sentinels: 0 };
        } finally {
          r.disconnect();
        }
      }),
    );
  }

  private async role(addr: RedisAddress): Promise<string> {
    const r = new Redis({ ...addr, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await r.connect();
      const info = await r.info('replication');
      return /role:(\w+)/.exec(info)?.[1] ?? 'unknown';
    } catch {
      return 'unreachable';
    } finally {
      r.disconnect();
    }
  }

  private async waitReplicaInSync(): Promise<void> {
    await this.until(async () => {
      const r = new Redis({ host: this.replica.host, port: this.replica.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      try {
        await r.connect();
        return /master_link_status:up/.test(await r.info('replication'));
      } catch {
        return false;
      } finally {
        r.disconnect();
      }
    }, 15_000, 'the replica did not sync with the primary');
  }

  private async until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await check()) return;
      await sleep(100);
    }
    throw new Error(`${what} within ${timeoutMs} ms (logs in ${this.dir})`);
  }
}
