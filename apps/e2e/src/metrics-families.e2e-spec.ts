import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { MetricSample, TestSystem, freePort, parseExposition, readTestEnv } from '@netpulse/testing';
import { readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Every metric family moves under a mixed load, and every app's /metrics parses as valid exposition. */
describe('metric families under mixed load', () => {
  const env = readTestEnv();
  let sys: TestSystem;
  let dev: SimulatedDevice;
  let hook: Server;
  const ports: number[] = [];

  beforeAll(async () => {
    dev = await startDevice({ platform: 'cisco_ios', host: '127.0.72.1', port: 0 });
    hook = createServer((_req, res) => res.writeHead(200).end());
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    sys = await TestSystem.start({ fifoWorkers: 0 });
    for (const role of ['fifo-worker', 'node-worker'] as const) {
      const port = await freePort();
      ports.push(port);
      sys.spawn(role, { NETPULSE_METRICS__PORT: String(port) });
    }
    await sys.waitReady();
  });
  afterAll(async () => {
    await sys?.stop();
    await dev?.stop();
    await new Promise((r) => hook?.close(r));
  });

  it('moves every family', async () => {
    const hookPort = (hook.address() as { port: number }).port;
    const linux = { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword };
    const cisco = { device_type: 'cisco_ios', host: dev.host, port: dev.port, username: 'admin', password: 'admin', keepalive: 1 };
    const bodies = [
      { driver: 'paramiko', connection_args: linux, command: 'echo ok', webhook: { url: `http://127.0.0.1:${hookPort}/` } },
      { driver: 'paramiko', connection_args: { ...linux, port: 1 }, command: 'true' },
      { driver: 'netmiko', connection_args: cisco, command: 'show clock' },
      { driver: 'netmiko', connection_args: cisco, command: 'show version' },
    ];
    for (const b of bodies) await sys.api.waitForJob<JobInResponse>((await sys.api.post<JobInResponse>('/device/exec', b)).body.id);
    await sleep(2500); // a keepalive probe and the webhook delivery

    const samples: MetricSample[] = [];
    samples.push(...parseExposition((await sys.api.request<string>('GET', '/metrics', undefined, { noKey: true })).text));
    for (const p of ports) samples.push(...parseExposition(await (await fetch(`http://127.0.0.1:${p}/metrics`)).text()));
    const total = (name: string): number => samples.filter((s) => s.name === name).reduce((a, s) => a + s.value, 0);
    const present = (name: string): boolean => samples.some((s) => s.name === name);

    for (const counter of [
      'netpulse_http_requests_total',
      'netpulse_jobs_enqueued_total',
      'netpulse_jobs_completed_total',
      'netpulse_ssh_sessions_opened_total',
      'netpulse_ssh_sessions_reused_total',
      'netpulse_ssh_session_failures_total',
      'netpulse_keepalive_probes_total',
      'netpulse_webhook_deliveries_total',
    ]) {
      if (total(counter) <= 0) throw new Error(`${counter} did not move`);
    }
    for (const histogram of ['netpulse_http_request_duration_seconds', 'netpulse_job_queue_wait_seconds', 'netpulse_job_execution_seconds']) {
      if (total(`${histogram}_count`) <= 0) throw new Error(`${histogram} has no observations`);
    }
    if (total('netpulse_node_capacity') <= 0) throw new Error('netpulse_node_capacity is 0');
    if (total('netpulse_node_pinned') < 1) throw new Error('netpulse_node_pinned is 0');
    for (const gauge of ['netpulse_queue_jobs', 'netpulse_ssh_sessions_open', 'netpulse_self_healing_total']) expect([gauge, present(gauge)]).toEqual([gauge, true]);
  });

  it('a worker answers its probes (and has its SIGTERM drain in place) before it takes any job', () => {
    // Each worker process writes its log lines in order: the probe server must come before its consumers.
    for (const [role, consuming] of [
      ['fifo-worker', '"msg":"fifo worker consuming"'],
      ['node-worker', '"msg":"node registered"'],
    ] as const) {
      const app = sys.apps.find((a) => a.opts.role === role && a.opts.env.NETPULSE_METRICS__PORT !== undefined);
      const log = app ? readFileSync(join(sys.logDir, `${app.opts.label}.log`), 'utf8') : '';
      const probes = log.indexOf('"msg":"probe server listening"');
      expect([role, probes >= 0]).toEqual([role, true]);
      expect([role, probes < log.indexOf(consuming)]).toEqual([role, true]);
    }
  });
});
