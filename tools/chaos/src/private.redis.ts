import { aptInstall, commandExists, redisAnswers } from '@netpulse/launcher';
import { freePort } from '@netpulse/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './load.loop';

/** Options of a private `redis-server`. */
export interface PrivateRedisOptions {
  /** Extra `redis-server` arguments (`['--replicaof', '127.0.0.1', '6400']`). Default none. */
  args?: readonly string[];
  /** Data directory (kept across restarts). Default: a fresh one under the OS temp dir, removed by `stop()`. */
  dir?: string;
  /** Port on 127.0.0.1. Default: a free one. */
  port?: number;
}

function log(msg: string): void {
  process.stderr.write(`[chaos] ${msg}\n`);
}

/** Makes sure a Debian binary exists, installing its package with apt when missing (as the test environment does). */
export function ensureBinary(cmd: string, pkg: string): void {
  if (!commandExists(cmd)) aptInstall([pkg], log);
}

/**
 * A `redis-server` of the chaos suite's own on a free loopback port, persisting every write before it
 * answers (AOF, `appendfsync always`), so a test can kill it and start it again with its data. The
 * machine's shared Redis is never touched.
 */
export class PrivateRedis {
  readonly host = '127.0.0.1';
  private child: ChildProcess | null = null;
  private readonly ownsDir: boolean;

  private constructor(
    readonly port: number,
    readonly dir: string,
    private readonly args: readonly string[],
    ownsDir: boolean,
  ) {
    this.ownsDir = ownsDir;
  }

  static async start(opts: PrivateRedisOptions = {}): Promise<PrivateRedis> {
    ensureBinary('redis-server', 'redis-server');
    const port = opts.port ?? (await freePort());
    const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'netpulse-chaos-redis-'));
    const redis = new PrivateRedis(port, dir, opts.args ?? [], opts.dir === undefined);
    await redis.launch();
    return redis;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** True while the process runs. */
  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** `kill -9`: the crash case; with `appendfsync always` every acknowledged write is on disk. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** Starts the server again on the same port and data directory; resolves once it answers PING. */
  async restart(): Promise<void> {
    if (this.running) await this.signal('SIGKILL');
    await this.launch();
  }

  /** Stops the server and removes a data directory it created. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM', 5000);
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const args = [
      '--port', String(this.port), '--bind', this.host, '--dir', this.dir, '--daemonize', 'no',
      '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', '--maxmemory-policy', 'noeviction',
      '--logfile', join(this.dir, 'redis.log'), '--protected-mode', 'no', ...this.args,
    ];
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await redisAnswers(this.host, this.port, 300)) return;
      if (!this.running) break;
      await sleep(50);
    }
    throw new Error(`redis-server did not answer on ${this.host}:${this.port}; see ${join(this.dir, 'redis.log')}`);
  }

  private signal(sig: NodeJS.Signals, graceMs = 2000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
      child.kill(sig);
    });
  }
}
