import { setTimeout as sleep } from 'node:timers/promises';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A real router CLI no one here wrote: FRRouting's `vtysh` behind a private sshd on a loopback
 * address, reached as a test user whose every login runs vtysh (`ForceCommand`). FRR's `zebra` runs
 * with its sockets, pid and config in a private directory, so nothing of the machine's own FRR (if
 * any) is touched. Tests only change in-daemon state (prefix-lists, route-maps, hostname): never
 * routes, interfaces or forwarding, which zebra would push to the kernel.
 */
export interface FrrDevice {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  /** The hostname vtysh shows in its prompt (`np-frr#`). */
  readonly hostname: string;
}

export const FRR_HOST = '127.18.0.1';
export const FRR_USER = 'npfrr';
export const FRR_HOSTNAME = 'np-frr';
const FRR_ROOT = '/var/lib/netpulse-frr';
const VTYSH = '/usr/bin/vtysh';
const ZEBRA = '/usr/lib/frr/zebra';

/** Whether FRR is installed (the prepare step installs Debian's `frr`). */
export function frrInstalled(): boolean {
  return existsSync(VTYSH) && existsSync(ZEBRA);
}

/** The login whose shell is vtysh: member of `frrvty` (FRR's group for the vty sockets). */
export function ensureFrrUser(password: string): void {
  if (spawnSync('id', [FRR_USER], { stdio: 'ignore' }).status !== 0) execFileSync('useradd', ['-m', '-s', '/bin/bash', '-G', 'frrvty', FRR_USER]);
  else execFileSync('usermod', ['-a', '-G', 'frrvty', FRR_USER]);
  execFileSync('chpasswd', { input: `${FRR_USER}:${password}\n` });
}

/** Starts zebra and the sshd in `<root>/run-<runId>`; returns the device and the pids to stop. */
export async function startFrrDevice(
  runId: string,
  password: string,
  freePort: (host: string) => Promise<number>,
  portOpen: (host: string, port: number) => Promise<boolean>,
): Promise<{ device: FrrDevice; pids: number[]; dir: string }> {
  if (!frrInstalled()) throw new Error(`FRRouting is not installed (${VTYSH}, ${ZEBRA}); the test environment's prepare step installs Debian's frr`);
  ensureFrrUser(password);
  mkdirSync(FRR_ROOT, { recursive: true, mode: 0o755 });
  const dir = join(FRR_ROOT, `run-${runId}`);
  mkdirSync(dir, { recursive: true });
  const uid = Number(execFileSync('id', ['-u', 'frr']).toString().trim());
  const vtyGid = Number(execFileSync('getent', ['group', 'frrvty']).toString().split(':')[2]);
  chownSync(dir, uid, vtyGid);
  chmodSync(dir, 0o770);
  for (const [file, text] of [
    ['vtysh.conf', `hostname ${FRR_HOSTNAME}\n`],
    ['zebra.conf', `hostname ${FRR_HOSTNAME}\n`],
  ] as const) {
    writeFileSync(join(dir, file), text, { mode: 0o660 });
    chownSync(join(dir, file), uid, vtyGid);
  }
  const pids: number[] = [];
  try {
    // -P 0: no TCP vty; the daemon is reached through its socket in `dir` only.
    execFileSync(ZEBRA, ['-d', '-u', 'frr', '-g', 'frr', '--vty_socket', dir, '-f', join(dir, 'zebra.conf'), '-i', join(dir, 'zebra.pid'), '-z', join(dir, 'zserv.api'), '-A', '127.0.0.1', '-P', '0', '--log', `file:${join(dir, 'zebra.log')}`], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !existsSync(join(dir, 'zebra.vty')); i++) await sleep(50);
    if (existsSync(join(dir, 'zebra.pid'))) pids.push(Number(readFileSync(join(dir, 'zebra.pid'), 'utf8').trim()));
    if (!existsSync(join(dir, 'zebra.vty'))) throw new Error(`zebra did not start; see ${join(dir, 'zebra.log')}`);

    mkdirSync('/run/sshd', { recursive: true });
    const hostKey = join(dir, 'ssh_host_ed25519_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
    const port = await freePort(FRR_HOST);
    const cfg = join(dir, 'sshd_config');
    writeFileSync(
      cfg,
      [
        `Port ${port}`, `ListenAddress ${FRR_HOST}`, `HostKey ${hostKey}`, `PidFile ${join(dir, 'sshd.pid')}`,
        'PasswordAuthentication yes', 'KbdInteractiveAuthentication no', 'PubkeyAuthentication no', 'UsePAM no',
        `AllowUsers ${FRR_USER}`, 'StrictModes no', 'MaxSessions 50', 'MaxStartups 50:30:100', 'LoginGraceTime 30',
        'AllowTcpForwarding no', 'X11Forwarding no', 'PermitRootLogin no', 'UseDNS no', 'LogLevel INFO',
        `ForceCommand ${VTYSH} --vty_socket ${dir} --config_dir ${dir}`, '',
      ].join('\n'),
    );
    const sshd = spawn('/usr/sbin/sshd', ['-D', '-f', cfg, '-E', join(dir, 'sshd.log')], { stdio: 'ignore', detached: true });
    sshd.unref();
    if (sshd.pid) pids.push(sshd.pid);
    for (let i = 0; i < 100 && !(await portOpen(FRR_HOST, port)); i++) await sleep(50);
    if (!(await portOpen(FRR_HOST, port))) throw new Error(`sshd for FRR did not start on ${FRR_HOST}:${port}; see ${join(dir, 'sshd.log')}`);
    return { device: { host: FRR_HOST, port, username: FRR_USER, password, hostname: FRR_HOSTNAME }, pids, dir };
  } catch (err) {
    stopFrrDevice(pids, dir);
    throw err;
  }
}

/** Stops what `startFrrDevice` started and removes its private directory. */
export function stopFrrDevice(pids: readonly number[], dir: string | undefined): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (dir?.startsWith(`${FRR_ROOT}/run-`)) rmSync(dir, { recursive: true, force: true });
}

