import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** True when a Redis answers PING at host:port within the timeout. */
export function redisAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = new Socket();
    let buf = '';
    const done = (ok: boolean): void => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('error', () => done(false));
    sock.connect(port, host, () => sock.write('PING\r\n'));
    sock.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('\r\n')) done(buf.startsWith('+PONG') || buf.startsWith('-NOAUTH'));
    });
  });
}

export function commandExists(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian packages when running as root with apt (a fresh machine); else explains what to install. */
export function aptInstall(pkgs: string[], log: (m: string) => void): void {
  if (process.getuid?.() !== 0 || !commandExists('apt-get')) {
    throw new Error(`missing ${pkgs.join(', ')}: install with your package manager (Debian/Ubuntu: sudo apt-get install ${pkgs.join(' ')})`);
  }
  log(`installing ${pkgs.join(', ')} with apt-get (one time)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
}

/**
 * Makes sure a Redis answers on 127.0.0.1:port: the one already there, or a private local one
 * (installed from Debian's archive when missing) that keeps nothing on disk.
 */
export async function ensureLocalRedis(host: string, port: number, stateDir: string, log: (m: string) => void): Promise<'existing' | 'started'> {
  if (await redisAnswers(host, port)) return 'existing';
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`Redis at ${host}:${port} does not answer (only a local Redis is started automatically)`);
  if (!commandExists('redis-server')) aptInstall(['redis-server'], log);
  mkdirSync(stateDir, { recursive: true });
  log(`no Redis answers on ${host}:${port}; starting a local one`);
  execFileSync('redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'yes', '--save', '', '--appendonly', 'no',
    '--pidfile', join(stateDir, `redis-${port}.pid`), '--logfile', join(stateDir, `redis-${port}.log`),
  ]);
  for (let i = 0; i < 50; i++) {
    if (await redisAnswers('127.0.0.1', port)) return 'started';
    await sleep(100);
  }
  throw new Error(`redis-server did not answer on 127.0.0.1:${port}; see ${join(stateDir, `redis-${port}.log`)}`);
}
