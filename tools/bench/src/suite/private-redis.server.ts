import { freePort } from '@netpulse/testing';
import { redisAnswers } from '@netpulse/launcher';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A Redis of the bench's own: its CPU is then the system's alone (the machine's Redis is shared
 * with other sessions' tests), and it runs as the README recommends for production (AOF,
 * `appendfsync everysec`, `noeviction`).
 */
export class PrivateRedisServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly version: string,
    private readonly dir: string,
  ) {}

  readonly host = '127.0.0.1';

  get pid(): number {
    return this.child.pid ?? 0;
  }

  static async start(dir: string): Promise<PrivateRedisServer> {
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const version = /v=([\d.]+)/.exec(execFileSync('redis-server', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--logfile', join(dir, 'redis.log')],
      // Its own process group: Ctrl-C in the terminal must not stop Redis before the system that uses it is torn down.
      { stdio: 'ignore', detached: true },
    );
    for (let i = 0; i < 100; i++) {
      if (await redisAnswers('127.0.0.1', port)) return new PrivateRedisServer(child, port, version, dir);
      if (child.exitCode !== null) break;
      await sleep(50);
    }
    child.kill('SIGKILL');
    throw new Error(`redis-server did not answer on 127.0.0.1:${port}; see ${join(dir, 'redis.log')}`);
  }

  stop(): Promise<void> {
    const child = this.child;
    const done = (): void => rmSync(this.dir, { recursive: true, force: true });
    if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(done());
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        done();
        resolve();
      });
      child.kill('SIGTERM');
    });
  }
}
