import { TestSystem, freePort } from '@netpulse/testing';
import { Server, createServer } from 'node:http';

/**
 * Every address a job will connect to is checked when the request arrives: the device, its jump host,
 * the webhook URL (`security.allowed_targets`) and template URLs (`templates.remote`,
 * `templates.allowed_targets`, never the system's own ports). 400 naming the field.
 */
describe('outbound targets: jump host, webhook and template URLs', () => {
  let sys: TestSystem;
  let tpl: Server;
  let tplPort = 0;
  const seen: string[] = [];
  const device = { host: '127.14.0.1', port: 1, username: 'u', password: 'p' };

  beforeAll(async () => {
    tplPort = await freePort();
    tpl = createServer((req, res) => {
      seen.push(req.url ?? '');
      if (req.url === '/vlan.j2') res.end('vlan {{ id }}');
      else res.writeHead(404).end('no');
    });
    await new Promise<void>((r) => tpl.listen(tplPort, '127.0.0.1', r));
    sys = await TestSystem.start({
      fifoWorkers: 1,
      env: {
        NETPULSE_SECURITY__ALLOWED_TARGETS: '["127.14.0.0/24"]',
        NETPULSE_TEMPLATES__REMOTE: 'true',
        NETPULSE_TEMPLATES__ALLOWED_TARGETS: '["127.0.0.1/32"]',
      },
    });
  });
  afterAll(async () => {
    await sys?.stop();
    tpl?.closeAllConnections();
    await new Promise((r) => tpl?.close(r));
  });

  it.each([
    ['/device/exec', { driver: 'paramiko', connection_args: { ...device, proxy_host: '127.0.0.1' }, command: 'true' }],
    ['/device/exec', { driver: 'paramiko', connection_args: { ...device, proxy_host: '127.0.0.1' }, command: 'true', queue_strategy: 'pinned' }],
    ['/device/test', { driver: 'paramiko', connection_args: { ...device, proxy_host: '127.0.0.1' } }],
  ])('%s refuses a jump host outside the allowlist, naming the field', async (path, body) => {
    const res = await sys.api.post(path, body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ detail: 'connection_args.proxy_host: Target 127.0.0.1 is outside security.allowed_targets' });
  });

  it('refuses a device host outside the allowlist, naming the field', async () => {
    const res = await sys.api.post('/device/exec', { driver: 'paramiko', connection_args: { ...device, host: '127.0.0.1' }, command: 'true' });
    expect(res).toMatchObject({ status: 400, body: { detail: 'connection_args.host: Target 127.0.0.1 is outside security.allowed_targets' } });
  });

  it('refuses a webhook URL outside the allowlist at request time (not accepted and dropped later)', async () => {
    const res = await sys.api.post('/device/exec', { driver: 'paramiko', connection_args: device, command: 'true', webhook: { url: `http://127.0.0.1:${tplPort}/hook` } });
    expect(res).toMatchObject({ status: 400, body: { detail: 'webhook.url: Target 127.0.0.1 is outside security.allowed_targets' } });
    const bulk = await sys.api.post<{ failed: unknown[] }>('/device/bulk', { driver: 'paramiko', connection_args: { username: 'u', password: 'p', port: 1 }, command: 'true', webhook: { url: 'http://127.0.0.1:1/h' }, devices: [{ host: '127.14.0.2' }] });
    expect(bulk.body.failed).toEqual([{ host: '127.14.0.2', reason: 'webhook.url: Target 127.0.0.1 is outside security.allowed_targets' }]);
  });

  it("refuses a job's template URL outside templates.allowed_targets or on the system's own port, before queueing", async () => {
    const own = await sys.api.post('/device/exec', { driver: 'paramiko', connection_args: device, command: 'x', rendering: { name: 'jinja2', template: `${sys.baseUrl}/jobs?X-API-KEY=${sys.apiKey}`, context: {} } });
    expect(own.status).toBe(400);
    expect(own.body).toEqual({ detail: expect.stringMatching(/^rendering\.template: Template URL http:\/\/127\.0\.0\.1:\d+\/jobs refused: .* one of this system's own ports/) });
    expect(own.text).not.toContain(sys.apiKey);
    const outside = await sys.api.post('/device/exec', { driver: 'paramiko', connection_args: device, command: 'x', parsing: { name: 'textfsm', template: 'http://127.0.0.2:9/t' } });
    expect(outside).toMatchObject({ status: 400, body: { detail: 'parsing.template: Template URL http://127.0.0.2:9/t refused: Target 127.0.0.2 (resolves to 127.0.0.2) is outside templates.allowed_targets [127.0.0.1/32]' } });
  });

  it("renders from an allowed template server, never from the API's own port, and a closed port reads like a 404", async () => {
    const ok = await sys.api.post('/template/render', { name: 'jinja2', template: `http://127.0.0.1:${tplPort}/vlan.j2`, context: { id: 7 } });
    expect(ok).toMatchObject({ status: 200, body: 'vlan 7' });
    const own = await sys.api.post('/template/render', { name: 'jinja2', template: `${sys.baseUrl}/jobs?X-API-KEY=${sys.apiKey}` });
    expect(own.status).toBe(400);
    expect(own.text).not.toContain('"id"');
    const closedPort = await freePort();
    const closed = await sys.api.post<{ detail: string }>('/template/render', { name: 'jinja2', template: `http://127.0.0.1:${closedPort}/t.j2` });
    const missing = await sys.api.post<{ detail: string }>('/template/render', { name: 'jinja2', template: `http://127.0.0.1:${tplPort}/t.j2` });
    expect(closed.status).toBe(400);
    expect(missing.status).toBe(400);
    expect(closed.body.detail.replace(String(closedPort), 'P')).toBe(missing.body.detail.replace(String(tplPort), 'P'));
  });
});
