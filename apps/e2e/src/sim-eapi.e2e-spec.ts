import type { JobInResponse } from '@netpulse/contracts';
import { TestSystem } from '@netpulse/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';

/** The `npm run sim` command (its built entry point) with an arista_eos device: eAPI is on by default. */
describe('sim command: arista_eos serves eAPI on 443 (HTTPS) and 80 by default, answering pyeapi jobs', () => {
  const root = resolve(__dirname, '..', '..', '..');
  // A fresh address per run: the default eAPI ports are fixed, so concurrent runs must not share one.
  const host = `127.18.${randomInt(10, 250)}.${randomInt(1, 250)}`;
  let sim: ChildProcess;
  let table = '';
  let sys: TestSystem;

  beforeAll(async () => {
    sim = spawn(process.execPath, ['dist/libs/device-sim/src/cli/sim.cli.js', '--devices', '1', '--platform', 'arista_eos', '--bind', host, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    table = await new Promise<string>((ok, fail) => {
      let out = '';
      let err = '';
      sim.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ctrl-C to stop')) ok(out);
      });
      sim.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      sim.once('exit', (code) => fail(new Error(`sim exited with ${String(code)}: ${err}${out}`)));
      setTimeout(() => fail(new Error(`sim did not start in 20 s: ${err}${out}`)), 20_000).unref();
    });
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
    if (sim && sim.exitCode === null) {
      const exited = new Promise((r) => sim.once('exit', r));
      sim.kill('SIGINT');
      await exited;
    }
  });

  it('lists the eAPI ports in its table', () => {
    const lines = table.split('\n');
    const head = lines.find((l) => l.startsWith('#'));
    const row = lines.find((l) => l.startsWith('1 '));
    expect(head).toMatch(/eapi https\s+eapi http$/);
    expect(row).toMatch(new RegExp(`^1 +${host.replace(/\./g, '\\.')} +\\d+ +arista_eos .* 443 +80$`));
  });

  it.each([
    ['fifo', 'https'],
    ['pinned', 'https'],
    ['fifo', 'http'],
    ['pinned', 'http'],
  ])('answers a pyeapi job on the %s queue over %s (default port)', async (queue_strategy, transport) => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'pyeapi', queue_strategy, connection_args: { transport, host, username: 'admin', password: 'admin' }, command: ['show version', 'show hostname'] });
    expect(res.status).toBe(201);
    if (queue_strategy === 'pinned') expect(res.body.queue).toBe(`HostQ_${host}`);
    else expect(res.body.queue).not.toMatch(/^HostQ_/);
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id, 30_000);
    expect(job.status).toBe('finished');
    expect(job.result?.retval?.map((r) => [r.exit_status, r.stderr])).toEqual([
      [0, ''],
      [0, ''],
    ]);
    expect(job.result?.retval?.[0].stdout).toMatchObject({ version: expect.any(String) });
    expect(job.result?.retval?.[1].stdout).toMatchObject({ hostname: 'sim-1' });
  });
});
