import { Agent, request } from 'node:http';
import { NetpulseMetrics } from '../metrics/netpulse.metrics';
import type { Readiness } from './probe.handler';
import { ProbeServer } from './probe.server';

interface Reply {
  body: string;
  headers: Record<string, string | string[] | undefined>;
  status: number;
}

function call(port: number, path: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('ProbeServer', () => {
  let readiness: Readiness | Error = true;
  let sut: ProbeServer;
  let port: number;
  const metrics = new NetpulseMetrics('probe-test', { processMetrics: false });

  beforeAll(async () => {
    sut = new ProbeServer({
      host: '127.0.0.1',
      port: 0,
      metrics,
      readyTimeoutMs: 200,
      ready: async () => {
        if (readiness instanceof Error) throw readiness;
        return readiness;
      },
    });
    port = (await sut.listen()).port;
  });

  afterAll(() => sut.close());

  it('binds a free port on loopback', () => {
    expect(port).toBeGreaterThan(0);
    expect(sut.address()).toMatchObject({ address: '127.0.0.1', port });
  });

  it('serves the metrics text exposition', async () => {
    metrics.jobEnqueued('fifo', 'paramiko');
    const r = await call(port, '/metrics');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('text/plain');
    expect(r.body).toMatch(/^netpulse_jobs_enqueued_total\{strategy="fifo",driver="paramiko",app="probe-test"\} 1$/m);
  });

  it('answers /livez while the event loop runs', async () => {
    const r = await call(port, '/livez');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ status: 'ok' });
  });

  it.each<[string, Readiness | Error, number, Record<string, unknown>]>([
    ['true', true, 200, { status: 'ready' }],
    ['false', false, 503, { status: 'not ready', reason: 'not ready' }],
    ['a reason', { ready: false, reason: 'redis: connection refused' }, 503, { status: 'not ready', reason: 'redis: connection refused' }],
    ['ready object', { ready: true }, 200, { status: 'ready' }],
    ['a throw', new Error('boom'), 503, { status: 'not ready', reason: 'readiness check failed: boom' }],
  ])('/readyz when ready() returns %s', async (_name, verdict, status, body) => {
    readiness = verdict;
    const r = await call(port, '/readyz');
    expect(r.status).toBe(status);
    expect(JSON.parse(r.body)).toEqual(body);
  });

  it('/readyz is 503 when ready() hangs past its timeout', async () => {
    const hanging = new ProbeServer({ host: '127.0.0.1', port: 0, readyTimeoutMs: 50, ready: () => new Promise<boolean>(() => undefined) });
    const p = (await hanging.listen()).port;
    try {
      const r = await call(p, '/readyz');
      expect(r.status).toBe(503);
      expect(JSON.parse(r.body)).toEqual({ status: 'not ready', reason: 'readiness check took longer than 50 ms' });
    } finally {
      await hanging.close();
    }
  });

  it('answers HEAD without a body, 404 elsewhere, 405 for other methods', async () => {
    readiness = true;
    const head = await call(port, '/readyz', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await call(port, '/jobs')).status).toBe(404);
    expect((await call(port, '/metrics?x=1')).status).toBe(200);
    const post = await call(port, '/metrics', 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('closes cleanly, twice, and frees the port', async () => {
    const s = new ProbeServer({ host: '127.0.0.1', port: 0 });
    const p = (await s.listen()).port;
    expect((await call(p, '/livez')).status).toBe(200);
    expect((await call(p, '/metrics')).status).toBe(404);
    await s.close();
    await s.close();
    expect(s.address()).toBeNull();
    await expect(call(p, '/livez')).rejects.toThrow(/ECONNREFUSED/);
    const again = new ProbeServer({ host: '127.0.0.1', port: p });
    await again.listen();
    await again.close();
  });

  it('closes without waiting for a scraper\'s idle keep-alive connection', async () => {
    const s = new ProbeServer({ host: '127.0.0.1', port: 0 });
    const p = (await s.listen()).port;
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      request({ host: '127.0.0.1', port: p, path: '/livez', agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      })
        .on('error', reject)
        .end();
    });
    const started = Date.now();
    await s.close();
    expect(Date.now() - started).toBeLessThan(1000);
    agent.destroy();
  });

  it('rejects a port already in use and a bad port option', async () => {
    await expect(new ProbeServer({ host: '127.0.0.1', port }).listen()).rejects.toThrow(/EADDRINUSE/);
    expect(() => new ProbeServer({ port: 70000 })).toThrow('port must be an integer from 0 to 65535');
  });
});
