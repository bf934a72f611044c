import type { JobInResponse } from '@netpulse/contracts';
import { TestSystem, freePort, readTestEnv } from '@netpulse/testing';
import { setTimeout as sleep } from 'node:timers/promises';

describe('metrics, probes, request ids and API docs', () => {
  const env = readTestEnv();
  let sys: TestSystem;
  let workerPort = 0;

  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 0 });
    workerPort = await freePort();
    sys.spawn('fifo-worker', { NETPULSE_METRICS__PORT: String(workerPort) });
    await sys.waitReady();
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('serves /livez, /readyz and /metrics on the controller without the key, with job metrics', async () => {
    const res = await sys.api.request('POST', '/device/exec', { driver: 'paramiko', connection_args: { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword }, command: 'echo m' }, { headers: { 'X-Request-ID': 'req-e2e-12345678' } });
    expect(res.status).toBe(201);
    await sys.api.waitForJob((res.body as JobInResponse).id);
    for (const p of ['/livez', '/readyz']) expect((await sys.api.request('GET', p, undefined, { noKey: true })).status).toBe(200);
    const metrics = await sys.api.request<string>('GET', '/metrics', undefined, { noKey: true });
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/netpulse_jobs_enqueued_total\{strategy="fifo",driver="paramiko"[^}]*\} 1/);
    expect(metrics.text).toMatch(/netpulse_http_requests_total\{.*route="\/device\/exec".*\}/);
    expect(metrics.text).toContain('netpulse_queue_jobs');
    expect(metrics.text).not.toContain(env.sshPassword);
  });

  it('serves /metrics, /livez, /readyz on a worker port, counting jobs and sessions', async () => {
    const base = `http://127.0.0.1:${workerPort}`;
    expect((await fetch(`${base}/livez`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/netpulse_jobs_completed_total\{strategy="fifo",driver="paramiko",status="finished"[^}]*\} 1/);
    expect(text).toMatch(/netpulse_ssh_sessions_opened_total\{driver="paramiko"[^}]*\} 1/);
    expect(text).toContain('netpulse_process_cpu_user_seconds_total');
  });

  it('binds the worker metrics server to metrics.host, 127.0.0.1 by default (not every address)', async () => {
    const other = await fetch(`http://127.0.0.2:${workerPort}/livez`).then(
      (r) => `answered ${r.status}`,
      (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
    );
    expect(other).toBe('ECONNREFUSED');
  });

  it('carries the request id from the API call into the worker log lines of its job', async () => {
    await sleep(200);
    const lines = sys.logs().split('\n').filter((l) => l.includes('"app":"fifo-worker"') && l.includes('job ended'));
    expect(lines.some((l) => l.includes('req-e2e-12345678'))).toBe(true);
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await sys.api.request<{ openapi: string; paths: Record<string, unknown> }>('GET', '/openapi.json', undefined, { noKey: true });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/device/exec', '/jobs/{id}', '/workers', '/system/stats']));
    const page = await sys.api.request<string>('GET', '/docs', undefined, { noKey: true });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html');
    // Swagger UI comes from this server (node_modules), never from a CDN.
    expect(page.text).not.toMatch(/https?:\/\//);
    for (const src of page.text.match(/(?:src|href)="[^"]+"/g) ?? []) {
      const path = src.slice(src.indexOf('"') + 1, -1);
      const asset = await sys.api.request<string>('GET', path, undefined, { noKey: true });
      expect({ path, status: asset.status }).toEqual({ path, status: 200 });
    }
    const init = await sys.api.request<string>('GET', '/docs/docs-init.js', undefined, { noKey: true });
    expect(init.text).toContain('"/openapi.json"');
    expect((await sys.api.request('GET', '/docs/package.json', undefined, { noKey: true })).status).toBe(404);
  });
});
