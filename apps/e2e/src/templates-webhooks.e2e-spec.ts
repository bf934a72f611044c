import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { freePort, TestSystem, waitUntil } from '@netpulse/testing';
import { createServer, IncomingMessage, Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

interface Received {
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
  at: number;
}

describe('templates (render, parse, in jobs) and webhooks', () => {
  let sys: TestSystem;
  let dev: SimulatedDevice;
  let hook: Server;
  let hookPort = 0;
  const received: Received[] = [];
  const attempts: Received[] = [];
  let failNext = 0;
  const conn = () => ({ device_type: 'cisco_ios', host: dev.host, port: dev.port, username: 'admin', password: 'admin', secret: 'admin' });

  beforeAll(async () => {
    dev = await startDevice({ platform: 'cisco_ios', host: '127.0.68.1', port: 0, hostname: 'TPL1' });
    hookPort = await freePort();
    hook = createServer((req, res) => {
      let data = '';
      req.on('data', (d: Buffer) => (data += d.toString()));
      req.on('end', () => {
        if (req.url === '/hang') return; // never answers
        const r = { body: JSON.parse(data) as Record<string, unknown>, headers: req.headers, at: Date.now() };
        attempts.push(r);
        if (failNext > 0) {
          failNext--;
          res.writeHead(500).end();
          return;
        }
        received.push(r);
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => hook.listen(hookPort, '127.0.0.1', r));
    sys = await TestSystem.start({ fifoWorkers: 1, nodeWorkers: 1, env: { NETPULSE_WEBHOOK__SIGNING_SECRET: 'hook-secret' } });
  });
  afterAll(async () => {
    await sys?.stop();
    await dev?.stop();
    hook?.closeAllConnections();
    await new Promise((r) => hook?.close(r));
  });

  it('renders a Jinja2 template to a JSON string and answers engine errors per the contract', async () => {
    const ok = await sys.api.post('/template/render', { name: 'jinja2', template: 'hostname {{ name | upper }}', context: { name: 'r1' } });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('"hostname R1"');
    expect(await sys.api.post('/template/render/nope', { template: 'x' })).toMatchObject({ status: 404, body: { detail: 'Renderer nope not found' } });
    expect(await sys.api.post('/template/render', { name: 'jinja2' })).toMatchObject({ status: 400, body: { detail: 'Template source is required' } });
  });

  it('parses with TextFSM and TTP, and refuses an unknown parser with 404', async () => {
    const template = 'Value NAME (\\S+)\nValue ADDR (\\S+)\n\nStart\n  ^${NAME}\\s+${ADDR} -> Record\n';
    const parsed = await sys.api.post('/template/parse', { name: 'textfsm', template, context: 'Gi0/1 127.0.0.1\nGi0/2 127.0.0.2\n' });
    expect(parsed.body).toEqual([
      { NAME: 'Gi0/1', ADDR: '127.0.0.1' },
      { NAME: 'Gi0/2', ADDR: '127.0.0.2' },
    ]);
    const ttp = await sys.api.post('/template/parse/ttp', { template: '<group name="ports">\n{{ port }} {{ addr | IP }}\n</group>', context: 'Gi0/1 127.0.0.1\nGi0/2 127.0.0.2\n' });
    expect(ttp).toMatchObject({ status: 200, body: { _root_template_: [{ ports: [{ port: 'Gi0/1', addr: '127.0.0.1' }, { port: 'Gi0/2', addr: '127.0.0.2' }] }] } });
    expect(await sys.api.post('/template/parse/ttp', { template: '', context: 'y' })).toMatchObject({ status: 400 });
    expect(await sys.api.post('/template/parse/genie', { template: 'x', context: 'y' })).toMatchObject({ status: 404, body: { detail: 'Parser genie not found' } });
  });

  it('renders a config template in a job, one line per rendered line, and fills the job command', async () => {
    const res = await sys.api.post<JobInResponse>('/device/exec', {
      driver: 'netmiko',
      connection_args: conn(),
      config: { ifaces: ['Loopback11', 'Loopback12'] },
      rendering: { name: 'jinja2', template: '{% for i in ifaces %}interface {{ i }}\n description tpl-{{ i }}\n{% endfor %}' },
    });
    expect(res.status).toBe(201);
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
    expect(job.status).toBe('finished');
    expect(job.command).toEqual(['interface Loopback11', ' description tpl-Loopback11', 'interface Loopback12', ' description tpl-Loopback12']);
    expect(job.result?.retval).toHaveLength(4);
    expect(dev.runningConfig).toContain('description tpl-Loopback12');
  });

  it('parses each result with the ntc template for the platform and command', async () => {
    const res = await sys.api.post<JobInResponse>('/device/exec', {
      driver: 'netmiko',
      connection_args: conn(),
      command: 'show version',
      parsing: { name: 'textfsm', use_ntc_template: true, ntc_template_args: { platform: 'cisco_ios', command: 'show version' } },
    });
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
    const parsed = job.result?.retval?.[0].parsed as Record<string, unknown>[];
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed[0]).toMatchObject({ hostname: 'TPL1' });
  });

  it('delivers a signed job.completed webhook; a receiver failing twice gets exactly three attempts at the intervals', async () => {
    failNext = 2;
    attempts.length = 0;
    const res = await sys.api.post<JobInResponse>('/device/exec', {
      driver: 'netmiko',
      connection_args: conn(),
      command: 'show clock',
      webhook: { url: `http://127.0.0.1:${hookPort}/hook`, retry_intervals: [1, 2], max_retries: 3, headers: { 'X-Custom': 'yes' } },
    });
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id);
    expect(job.status).toBe('finished');
    await waitUntil('the webhook receiver got a delivery', () => !(received.length === 0), { timeoutMs: 10000, intervalMs: 100 });
    await sleep(1500);
    expect(received).toHaveLength(1);
    expect(attempts).toHaveLength(3);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(900);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(1900);
    expect(new Set(attempts.map((a) => a.headers['x-netpulse-delivery'])).size).toBe(1);
    const { body, headers } = received[0];
    expect(body).toMatchObject({ id: job.id, status: 'finished', event_type: 'job.completed', final: true, device_name: dev.host, device: { host: dev.host, device_type: 'cisco_ios' } });
    expect((body.result as { type: string }).type).toBe('successful');
    expect(Object.keys(body)).toEqual(['id', 'status', 'event_type', 'final', 'timestamp', 'started_at', 'ended_at', 'duration', 'result', 'device', 'task_id', 'device_name', 'command']);
    expect(headers['x-custom']).toBe('yes');
    expect(headers['x-netpulse-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('fires job.failed for a job that expires in its queue', async () => {
    const slow = await startDevice({ platform: 'cisco_ios', host: '127.0.68.2', port: 0, hangOnCommand: 'show tech-support' });
    try {
      const c = { device_type: 'cisco_ios', host: slow.host, port: slow.port, username: 'admin', password: 'admin' };
      await sys.api.post('/device/exec', { driver: 'netmiko', connection_args: c, command: 'show tech-support', execution_timeout: 4 });
      const late = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: c, command: 'show clock', ttl: 1, webhook: { url: `http://127.0.0.1:${hookPort}/hook` } });
      const job = await sys.api.waitForJob<JobInResponse>(late.body.id, 15_000);
      expect(job.result?.error?.type).toBe('JobExpired');
      await waitUntil('the webhook of the job arrived', () => received.some((r) => r.body.id === job.id), { timeoutMs: 5000, intervalMs: 100 });
      expect(received.find((r) => r.body.id === job.id)?.body).toMatchObject({ event_type: 'job.failed', status: 'failed', result: { type: 'failed', error: { type: 'JobExpired' } } });
    } finally {
      await slow.stop();
    }
  });

  it('keeps jobs unaffected by a webhook target that hangs or refuses', async () => {
    const hang = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(), command: 'show clock', webhook: { url: `http://127.0.0.1:${hookPort}/hang`, timeout: 0.5, max_retries: 0 } });
    const refused = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(), command: 'show clock', webhook: { url: 'http://127.0.0.1:1/x', max_retries: 0 } });
    for (const r of [hang, refused]) expect((await sys.api.waitForJob<JobInResponse>(r.body.id)).status).toBe('finished');
    const after = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(), command: 'show clock' });
    expect((await sys.api.waitForJob<JobInResponse>(after.body.id)).status).toBe('finished');
  });

  it('rejects unknown renderer, parser and webhook names in /device/exec with 422 listing the known ones', async () => {
    const res = await sys.api.post<{ detail: string }>('/device/exec', { driver: 'netmiko', connection_args: conn(), command: 'x', parsing: { name: 'genie', template: 'x' } });
    expect(res.status).toBe(422);
    expect(res.body.detail).toContain("parsing.name\n  Input should be 'textfsm' or 'ttp'");
  });
});
