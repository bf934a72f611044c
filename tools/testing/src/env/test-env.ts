import { aptInstall, commandExists, ensureLocalRedis } from '@netpulse/launcher';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { join } from 'node:path';
import { ensureFrrUser, FrrDevice, frrInstalled, startFrrDevice } from './frr-device';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The real parts our tests run against, made ready on any Debian machine with Node and root:
 * Redis (the machine's own when it answers, else a private one), and a private OpenSSH server on a
 * free loopback port with a test user (password and key), and a real router CLI (FRRouting's vtysh
 * behind its own private sshd on 127.18.0.1, see `frr-device.ts`). Used by `.ci/run` (prepare) and by the
 * jest global setup (start/stop). Never touches *:22 and never contacts anything off loopback.
 */
export interface TestEnv {
  namespace: string;
  redisHost: string;
  redisPort: number;
  sshHost: string;
  sshPort: number;
  sshUser: string;
  sshPassword: string;
  sshKeyFile: string;
  stateDir: string;
  /** The FRR vtysh device, or why it could not start. */
  frr: FrrDevice | { error: string };
}

const STATE_ROOT = '/var/lib/netpulse-test';
const TEST_USER = 'nptest';

function log(msg: string): void {
  process.stderr.write(`[test-env] ${msg}\n`);
}

function has(cmd: string): boolean {
  return commandExists(cmd) || existsSync(cmd);
}

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Installs what the tests need (idempotent) and makes sure Redis answers. */
export async function prepare(): Promise<{ redisHost: string; redisPort: number }> {
  const missing: string[] = [];
  if (!has('/usr/sbin/sshd')) missing.push('openssh-server');
  if (!has('sudo')) missing.push('sudo');
  if (!has('ssh-keygen')) missing.push('openssh-client');
  if (!frrInstalled()) missing.push('frr');
  // The CLI's terminal test drives `netpulse bulk` in a real terminal.
  if (!has('tmux')) missing.push('tmux');
  if (missing.length > 0) aptInstall(missing, log);
  const redisHost = process.env.NETPULSE_TEST_REDIS_HOST ?? '127.0.0.1';
  const redisPort = Number(process.env.NETPULSE_TEST_REDIS_PORT ?? 6379);
  await ensureLocalRedis(redisHost, redisPort, STATE_ROOT, log);
  ensureTestUser();
  ensureFrrUser(readFileSync(join(STATE_ROOT, 'password'), 'utf8').trim());
  return { redisHost, redisPort };
}

function ensureTestUser(): void {
  mkdirSync(STATE_ROOT, { recursive: true, mode: 0o700 });
  if (spawnSync('id', [TEST_USER], { stdio: 'ignore' }).status !== 0) {
    execFileSync('useradd', ['-m', '-s', '/bin/bash', TEST_USER]);
  }
  const pwFile = join(STATE_ROOT, 'password');
  if (!existsSync(pwFile)) {
    writeFileSync(pwFile, `np-${randomBytes(9).toString('base64url')}`, { mode: 0o600 });
  }
  const password = readFileSync(pwFile, 'utf8').trim();
  execFileSync('chpasswd', { input: `${TEST_USER}:${password}\n` });
  const keyFile = join(STATE_ROOT, 'id_ed25519');
  if (!existsSync(keyFile)) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'netpulse-test', '-f', keyFile]);
  const home = `/home/${TEST_USER}`;
  mkdirSync(`${home}/.ssh`, { recursive: true });
  // Append, never rewrite: other test runs (and tests) add their own keys to this file concurrently.
  const auth = `${home}/.ssh/authorized_keys`;
  const pub = readFileSync(`${keyFile}.pub`, 'utf8').trim();
  const current = existsSync(auth) ? readFileSync(auth, 'utf8') : '';
  if (!current.includes(pub)) writeFileSync(auth, `${current}${current && !current.endsWith('\n') ? '\n' : ''}${pub}\n`);
  execFileSync('chown', ['-R', `${TEST_USER}:${TEST_USER}`, `${home}/.ssh`]);
  chmodSync(`${home}/.ssh`, 0o700);
  if (existsSync('/etc/sudoers.d')) writeFileSync('/etc/sudoers.d/netpulse-test', `${TEST_USER} ALL=(ALL) ALL\n`, { mode: 0o440 });
}

/** Starts a private sshd on 127.0.0.1:<free port>; resolves once it accepts connections. */
export async function startSshd(dir: string): Promise<{ port: number; pid: number }> {
  mkdirSync('/run/sshd', { recursive: true });
  mkdirSync(dir, { recursive: true });
  const hostKey = join(dir, 'ssh_host_ed25519_key');
  if (!existsSync(hostKey)) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  const port = await freePort();
  const cfg = join(dir, 'sshd_config');
  writeFileSync(
    cfg,
    [
      `Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${hostKey}`, `PidFile ${join(dir, 'sshd.pid')}`,
      'PasswordAuthentication yes', 'KbdInteractiveAuthentication no', 'PubkeyAuthentication yes', 'UsePAM no',
      `AllowUsers ${TEST_USER}`, 'StrictModes no', 'MaxSessions 200', 'MaxStartups 200:30:400', 'LoginGraceTime 30',
      'Subsystem sftp internal-sftp', 'AllowTcpForwarding yes', 'PermitRootLogin no', 'UseDNS no', 'LogLevel INFO', '',
    ].join('\n'),
  );
  const child = spawn('/usr/sbin/sshd', ['-D', '-f', cfg, '-E', join(dir, 'sshd.log')], { stdio: 'ignore', detached: true });
  child.unref();
  for (let i = 0; i < 100; i++) {
    if (await portOpen('127.0.0.1', port)) return { port, pid: child.pid ?? 0 };
    await sleep(50);
  }
  throw new Error(`sshd did not start on 127.0.0.1:${port}; see ${join(dir, 'sshd.log')}`);
}

export function portOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(500, () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(false));
    s.connect(port, host, () => {
      s.destroy();
      resolve(true);
    });
  });
}

export async function startTestEnv(): Promise<{ env: TestEnv; sshdPid: number; frrPids: number[]; frrDir?: string }> {
  const { redisHost, redisPort } = await prepare();
  const runId = randomBytes(4).toString('hex');
  const stateDir = join(STATE_ROOT, `run-${runId}`);
  const sshd = await startSshd(stateDir);
  const password = readFileSync(join(STATE_ROOT, 'password'), 'utf8').trim();
  let frr: TestEnv['frr'];
  let frrPids: number[] = [];
  let frrDir: string | undefined;
  try {
    const started = await startFrrDevice(runId, password, freePort, portOpen);
    frr = started.device;
    frrPids = started.pids;
    frrDir = started.dir;
  } catch (err) {
    frr = { error: err instanceof Error ? err.message : String(err) };
    log(`FRR device not started: ${frr.error}`);
  }
  const env: TestEnv = {
    namespace: `nptest-${runId}`,
    redisHost,
    redisPort,
    sshHost: '127.0.0.1',
    sshPort: sshd.port,
    sshUser: TEST_USER,
    sshPassword: password,
    sshKeyFile: join(STATE_ROOT, 'id_ed25519'),
    stateDir,
    frr,
  };
  return { env, sshdPid: sshd.pid, frrPids, frrDir };
}

/** The variables through which tests read the environment. */
export function toProcessEnv(env: TestEnv): Record<string, string> {
  return {
    NETPULSE_TEST_NAMESPACE: env.namespace,
    NETPULSE_TEST_REDIS_HOST: env.redisHost,
    NETPULSE_TEST_REDIS_PORT: String(env.redisPort),
    NETPULSE_TEST_SSH_HOST: env.sshHost,
    NETPULSE_TEST_SSH_PORT: String(env.sshPort),
    NETPULSE_TEST_SSH_USER: env.sshUser,
    NETPULSE_TEST_SSH_PASSWORD: env.sshPassword,
    NETPULSE_TEST_SSH_KEY_FILE: env.sshKeyFile,
    NETPULSE_TEST_STATE_DIR: env.stateDir,
    ...('error' in env.frr
      ? { NETPULSE_TEST_FRR_ERROR: env.frr.error }
      : { NETPULSE_TEST_FRR_HOST: env.frr.host, NETPULSE_TEST_FRR_PORT: String(env.frr.port), NETPULSE_TEST_FRR_USER: env.frr.username, NETPULSE_TEST_FRR_HOSTNAME: env.frr.hostname }),
  };
}

export function readTestEnv(): TestEnv {
  const need = (k: string): string => {
    const v = process.env[k];
    if (!v) throw new Error(`${k} is not set: run the tests through jest (its global setup prepares the environment)`);
    return v;
  };
  return {
    namespace: need('NETPULSE_TEST_NAMESPACE'),
    redisHost: need('NETPULSE_TEST_REDIS_HOST'),
    redisPort: Number(need('NETPULSE_TEST_REDIS_PORT')),
    sshHost: need('NETPULSE_TEST_SSH_HOST'),
    sshPort: Number(need('NETPULSE_TEST_SSH_PORT')),
    sshUser: need('NETPULSE_TEST_SSH_USER'),
    sshPassword: need('NETPULSE_TEST_SSH_PASSWORD'),
    sshKeyFile: need('NETPULSE_TEST_SSH_KEY_FILE'),
    stateDir: need('NETPULSE_TEST_STATE_DIR'),
    frr: process.env.NETPULSE_TEST_FRR_HOST ? readFrrDevice() : { error: process.env.NETPULSE_TEST_FRR_ERROR ?? 'not started' },
  };
}

/** The FRR vtysh device of this test run; throws why it is missing (the tests that need it fail). */
export function readFrrDevice(): FrrDevice {
  const host = process.env.NETPULSE_TEST_FRR_HOST;
  if (!host) throw new Error(`the FRR vtysh device is not running: ${process.env.NETPULSE_TEST_FRR_ERROR ?? 'run the tests through jest (its global setup starts it)'}`);
  return {
    host,
    port: Number(process.env.NETPULSE_TEST_FRR_PORT),
    username: process.env.NETPULSE_TEST_FRR_USER ?? '',
    password: process.env.NETPULSE_TEST_SSH_PASSWORD ?? '',
    hostname: process.env.NETPULSE_TEST_FRR_HOSTNAME ?? '',
  };
}
