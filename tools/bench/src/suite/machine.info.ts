import { execFileSync, spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

/** The machine a run happened on, for the report. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  redis: string;
  openssh: string;
  kernel: string;
  commit: string;
  /** 1-minute load average at the start and the end of the run (other sessions share the box). */
  loadStart: number;
  loadEnd: number;
  date: string;
}

function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function machineInfo(redisVersion: string): MachineInfo {
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    redis: redisVersion,
    // `ssh -V` prints its version on stderr.
    openssh: /OpenSSH_[\w.]+/.exec(spawnSync('ssh', ['-V'], { encoding: 'utf8' }).stderr ?? '')?.[0] ?? 'unknown',
    kernel: run('uname', ['-r']),
    commit: run('git', ['rev-parse', '--short', 'HEAD']),
    loadStart: loadavg()[0],
    loadEnd: loadavg()[0],
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}
