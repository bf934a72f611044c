import { createServer, Server } from 'node:http';
import { HttpError } from './http.error';
import { HttpTransport } from './http.transport';

describe('HttpTransport against a local HTTP server', () => {
  let server: Server;
  let port: number;
  const connections: number[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000).unref();
      if (req.url === '/big') return void res.end('x'.repeat(10_000));
      req.pipe(res);
    });
    server.on('connection', () => connections.push(Date.now()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.70.20', resolve));
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const sut = (): HttpTransport => new HttpTransport({ scheme: 'http', host: '127.0.70.20', port, timeoutMs: 5000 });

  it('reuses one keep-alive connection for consecutive requests', async () => {
    const t = sut();
    connections.length = 0;
    try {
      for (const body of ['a', 'b', 'c']) expect((await t.request({ method: 'POST', path: '/echo', body })).body.toString()).toBe(body);
      expect(connections).toHaveLength(1);
    } finally {
      t.close();
    }
  });

  it('classifies a cut-off answer, an abort and a closed transport', async () => {
    const t = sut();
    await expect(t.request({ method: 'GET', path: '/big', maxBytes: 1000 })).rejects.toMatchObject({ kind: 'too_large' });
    const ac = new AbortController();
    const pending = t.request({ method: 'GET', path: '/slow', signal: ac.signal });
    ac.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted', message: `Request to 127.0.70.20:${port} aborted` });
    await expect(t.request({ method: 'GET', path: '/slow', timeoutMs: 100 })).rejects.toMatchObject({ kind: 'timeout' });
    t.close();
    await expect(t.request({ method: 'GET', path: '/echo' })).rejects.toBeInstanceOf(HttpError);
  });
});
