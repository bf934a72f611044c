import type { JobInResponse } from '@netpulse/contracts';
import { readFrrDevice, TestSystem } from '@netpulse/testing';

/** A real router CLI (FRRouting's vtysh behind a private sshd on loopback) through the REST API, pinned. */
describe('netmiko on a real FRRouting vtysh through POST /device/exec (pinned)', () => {
  const frr = readFrrDevice();
  const tag = `NP-E2E-${process.pid}`;
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 0, nodeWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  const run = async (body: Record<string, unknown>): Promise<JobInResponse> => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: { device_type: 'cisco_ios', host: frr.host, port: frr.port, username: frr.username, password: frr.password }, ...body });
    expect(res.status).toBe(201);
    expect(res.body.queue).toBe(`HostQ_${frr.host}`);
    return sys.api.waitForJob<JobInResponse>(res.body.id, 30_000);
  };

  it('runs show commands, applies config, flags a bad line and skips the rest, all on one reused session', async () => {
    const show = await run({ command: ['show version'] });
    expect(show.result?.retval?.[0]).toMatchObject({ exit_status: 0, stdout: expect.stringMatching(/^FRRouting /) });

    const config = await run({ config: [`ip prefix-list ${tag} seq 5 permit 10.18.0.0/16`, 'no-such-command 1', `ip prefix-list ${tag}-NEVER seq 5 permit 10.20.0.0/16`] });
    expect(config.status).toBe('finished');
    expect(config.result?.retval?.map((r) => [r.exit_status, r.stderr])).toEqual([
      [0, ''],
      [1, 'Device reported configuration error: % Unknown command: no-such-command 1'],
      [1, "Skipped due to previous error in execution of 'no-such-command 1'"],
    ]);

    const after = await run({ command: 'show running-config' });
    expect(after.result?.retval?.[0].stdout).toContain(`ip prefix-list ${tag} seq 5 permit 10.18.0.0/16`);
    expect(after.result?.retval?.[0].stdout).not.toContain(`${tag}-NEVER`);

    expect(show.result?.retval?.[0].metadata.session_reused).toBe(false);
    expect([config, after].map((j) => j.result?.retval?.[0].metadata.session_reused)).toEqual([true, true]);
    expect(new Set([show, config, after].map((j) => j.worker)).size).toBe(1);
  });
});
