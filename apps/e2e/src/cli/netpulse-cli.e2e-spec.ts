import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem, freePort, readTestEnv } from '@netpulse/testing';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const CLI = join(__dirname, '..', '..', '..', '..', 'dist', 'tools', 'cli', 'src', 'main.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real `netpulse` command, as a user runs it (no TTY: no colours, no progress bar). */
function netpulse(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the netpulse command against the real system', () => {
  let sys: TestSystem;
  let dev: SimulatedDevice;
  let slow: SimulatedDevice;
  const dir = mkdtempSync(join(tmpdir(), 'np-cli-'));
  let env: Record<string, string>;

  beforeAll(async () => {
    dev = await startDevice({ platform: 'cisco_ios', host: '127.33.0.1', port: 0, password: 'cli-pw' });
    slow = await startDevice({ platform: 'cisco_ios', host: '127.33.0.2', port: 0, password: 'cli-pw', latencyMs: 1500 });
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1 });
    env = { NETPULSE_URL: sys.api.baseUrl, NETPULSE_API_KEY: sys.apiKey, DEV_PW: 'cli-pw' };
  });
  afterAll(async () => {
    await sys?.stop();
    await dev?.stop();
    await slow?.stop();
  });

  it('exec runs a command and prints its output; --json gives the job', async () => {
    const human = await netpulse(['exec', '--host', dev.host, '--port', String(dev.port), '--device-type', 'cisco_ios', '-u', 'admin', '--password-env', 'DEV_PW', '-c', 'show clock', '--fifo'], env);
    expect(human.stderr).toBe('');
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^job \S+ {2}finished {2}FifoQ 127\.33\.0\.1/);
    expect(human.stdout).toContain('$ show clock  ✓');
    const json = await netpulse(['--json', 'exec', '--host', dev.host, '--port', String(dev.port), '--device-type', 'cisco_ios', '-u', 'admin', '--password-env', 'DEV_PW', '-c', 'show version', '--parse', 'ntc'], env);
    expect(json.code).toBe(0);
    const job = JSON.parse(json.stdout) as JobInResponse;
    expect(job.status).toBe('finished');
    expect(job.queue).toBe(`HostQ_${dev.host}`);
    expect(Array.isArray(job.result?.retval?.[0].parsed)).toBe(true);
    expect(json.stdout).not.toContain('cli-pw');
  });

  it('bulk runs an inventory: a bad row and an unreachable device are reported, the rest run; exit 1', async () => {
    const csv = join(dir, 'devices.csv');
    writeFileSync(csv, [
      'host,port,device_type',
      `${dev.host},${dev.port},cisco_ios`,
      `${slow.host},${slow.port},cisco_ios`,
      '127.0.0.1,1,cisco_ios',
      `${dev.host},${dev.port}`,
      ',22,cisco_ios',
    ].join('\n'));
    const outDir = join(dir, 'out');
    const res = await netpulse(['bulk', '--inventory', csv, '-u', 'admin', '--password-env', 'DEV_PW', '-c', 'show clock', '--fifo', '--out', outDir], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/127\.33\.0\.1 .* finished/);
    expect(res.stdout).toMatch(/127\.33\.0\.2 .* finished/);
    expect(res.stdout).toMatch(/127\.0\.0\.1 .* finished .* 1 /);
    expect(res.stdout).toContain('line 5: 2 columns, the header has 3');
    expect(res.stdout).toContain("'host' is required for each device");
    expect(res.stdout).toMatch(/5 devices: 2 ok, 3 failed/);
    expect(readdirSync(outDir).sort()).toEqual(['127.0.0.1.txt', '127.33.0.1.txt', '127.33.0.2.txt']);
    expect(readFileSync(join(outDir, '127.33.0.1.txt'), 'utf8')).toMatch(/^\$ show clock\n/);
  });

  it('job --watch follows a job to its end; cancel takes a queued job off its queue', async () => {
    const base = ['--host', slow.host, '--port', String(slow.port), '--device-type', 'cisco_ios', '-u', 'admin', '--password-env', 'DEV_PW', '--pinned', '--no-wait', '--json'];
    // Ten commands at 1.5 s each keep the device busy while the second job waits behind it (each CLI
    // call below starts a Node process, which takes seconds on a loaded machine).
    const first = JSON.parse((await netpulse(['exec', ...base, '-c', ...Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 'show version' : 'show clock'))], env)).stdout) as JobInResponse;
    const second = JSON.parse((await netpulse(['exec', ...base, '-c', 'show clock'], env)).stdout) as JobInResponse;
    const cancel = await netpulse(['cancel', second.id], env);
    expect(cancel.code).toBe(0);
    const watched = await netpulse(['--json', 'job', first.id, '--watch'], env);
    expect(watched.code).toBe(0);
    expect((JSON.parse(watched.stdout) as JobInResponse).status).toBe('finished');
    const cancelled = JSON.parse((await netpulse(['--json', 'job', second.id], env)).stdout) as JobInResponse;
    expect(cancelled.status).toBe('canceled');
    const listed = await netpulse(['jobs', '--host', slow.host], env);
    expect(listed.stdout).toContain(first.id);
  });

  it("job --watch prints a detached launch's output as it arrives, then how the task ended", async () => {
    const t = readTestEnv();
    const res = await sys.api.post<JobInResponse>('/device/exec', {
      driver: 'paramiko',
      connection_args: { host: t.sshHost, port: t.sshPort, username: t.sshUser, password: t.sshPassword },
      command: 'for i in 1 2 3; do echo watched$i; sleep 0.4; done',
      detach: true,
    });
    expect(res.status).toBe(201);
    const watched = await netpulse(['job', res.body.id, '--watch'], env);
    expect(watched.code).toBe(0);
    expect(watched.stdout).toMatch(/^watched1\nwatched2\nwatched3\njob /);
    expect(watched.stderr).toMatch(/finished\n.*detached task \S+ completed\n$/s);
    await sys.api.delete(`/detached-tasks/${res.body.task_id ?? ''}`).catch(() => undefined);
  });

  it('says clearly what is wrong: a refused key, an unreachable server, a bad flag', async () => {
    const refused = await netpulse(['jobs'], { ...env, NETPULSE_API_KEY: 'wrong-key' });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/^netpulse: GET \/jobs: 403 Invalid or missing API key\. \(check the API key/);
    const closed = await freePort();
    const down = await netpulse(['--url', `http://127.0.0.1:${closed}`, 'workers'], env);
    expect(down.code).toBe(3);
    expect(down.stderr).toBe(`netpulse: cannot reach NetPulse at http://127.0.0.1:${closed}: ECONNREFUSED\n`);
    const usage = await netpulse(['exec', '--host', dev.host, '--port', 'x', '-c', 'show clock'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('netpulse: --port must be a port number (got x)\n');
  });

  it('bulk shows a live progress bar on a terminal (tmux)', async () => {
    const csv = join(dir, 'tty.csv');
    writeFileSync(csv, `host,port,device_type\n${slow.host},${slow.port},cisco_ios\n${dev.host},${dev.port},cisco_ios\n`);
    const session = `np-cli-${process.pid}`;
    const script = join(dir, 'tty.sh');
    const q = (v: string): string => `'${v.replace(/'/g, `'\\''`)}'`;
    const exports = Object.entries(env).map(([k, v]) => `export ${k}=${q(v)}`).join('\n');
    writeFileSync(script, `${exports}\n${q(process.execPath)} ${q(CLI)} bulk --inventory ${q(csv)} -u admin --password-env DEV_PW -c 'show version' --fifo\nsleep 30\n`);
    execFileSync('tmux', ['new-session', '-d', '-s', session, '-x', '160', '-y', '40', 'sh', script]);
    try {
      let sawBar = false;
      let screen = '';
      for (let i = 0; i < 100 && !/2 devices: 2 ok/.test(screen); i++) {
        screen = execFileSync('tmux', ['capture-pane', '-p', '-t', session]).toString();
        if (/progress \[[█░]+\] \d\/2 \| ✓ \d ✗ \d ⧗ \d running/.test(screen)) sawBar = true;
        await sleep(100);
      }
      expect(sawBar).toBe(true);
      expect(screen).toMatch(/2 devices: 2 ok, 0 failed/);
    } finally {
      execFileSync('tmux', ['kill-session', '-t', session]);
    }
  });
});
