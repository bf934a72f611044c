import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NetpulseApiError } from './netpulse-api.error';
import { NetpulseClient } from './netpulse.client';

/** A stand-in server on loopback; `handler` answers each request. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

describe('NetpulseClient', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))));

  it('retries a submit on 503 with the same Idempotency-Key', async () => {
    const keys: string[] = [];
    const { url, server } = await serve((req, res) => {
      keys.push(String(req.headers['idempotency-key']));
      if (keys.length < 3) return json(res, 503, { detail: 'No node available' });
      json(res, 201, { id: 'j1', status: 'queued' });
    });
    servers.push(server);
    const sut = new NetpulseClient({ url, apiKey: 'k' });
    await expect(sut.exec({ driver: 'netmiko', connection_args: { host: '127.0.0.1' }, command: 'show clock' })).resolves.toMatchObject({ id: 'j1' });
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
  });

  it('falls back to polling when the server ignores ?wait=', async () => {
    let reads = 0;
    const { url, server } = await serve((req, res) => {
      reads++;
      json(res, 200, { id: 'j1', status: reads < 4 ? 'started' : 'finished' });
    });
    servers.push(server);
    const sut = new NetpulseClient({ url, apiKey: 'k', pollIntervalMs: 20 });
    const seen: string[] = [];
    const job = await sut.waitForJob('j1', { onUpdate: (j) => seen.push(j.status) });
    expect(job.status).toBe('finished');
    expect(reads).toBe(4);
    expect(seen).toEqual(['started', 'finished']);
  });

  it('turns refusals and unreachable servers into readable errors', async () => {
    const { url, server } = await serve((_req, res) => json(res, 403, { detail: 'Invalid or missing API key.' }));
    servers.push(server);
    const err = await new NetpulseClient({ url, apiKey: 'bad' }).listJobs({ host: '127.0.0.1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetpulseApiError);
    expect((err as NetpulseApiError).status).toBe(403);
    expect((err as Error).message).toMatch(/^GET \/jobs\?host=127\.0\.0\.1: 403 Invalid or missing API key\. \(check the API key/);
  });

  it('follows a job event stream, sends Last-Event-ID and reports a refused stream as an API error', async () => {
    const seen: (string | undefined)[] = [];
    const { url, server } = await serve((req, res) => {
      seen.push(req.headers['last-event-id'] as string | undefined);
      if (req.url === '/jobs/missing/events') return json(res, 404, { detail: 'Job missing not found' });
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('id: 2\nevent: started\ndata: {"id":"j1","status":"started"}\n\n');
      setTimeout(() => res.end('id: 3\nevent: finished\ndata: {"id":"j1","status":"finished"}\n\n'), 20);
    });
    servers.push(server);
    const sut = new NetpulseClient({ url, apiKey: 'k' });
    const events = [];
    for await (const ev of sut.jobEvents('j1', { lastEventId: '1' })) events.push([ev.id, ev.event]);
    expect(events).toEqual([['2', 'started'], ['3', 'finished']]);
    expect(seen).toEqual(['1']);
    const err = await (async () => {
      for await (const ev of sut.jobEvents('missing')) void ev;
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NetpulseApiError);
    expect((err as NetpulseApiError).status).toBe(404);
  });
});
