import { JobInResponse, MASK, maskSecretValues } from '@netpulse/contracts';
import { TestSystem, readTestEnv, waitUntil } from '@netpulse/testing';
import { randomUUID } from 'node:crypto';
import { Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

describe('a large result (written in parts, answered as stored)', () => {
  const env = readTestEnv();
  let sys: TestSystem;
  let hook: Server;
  let hookUrl = '';
  const delivered: string[] = [];

  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 1 });
    hook = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        delivered.push(Buffer.concat(chunks).toString('utf8'));
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await sys?.stop();
    hook?.closeAllConnections();
    await new Promise((resolve) => hook?.close(resolve));
  });

  it('comes back whole and byte-exact through GET /jobs/{id}', async () => {
    const size = 3 * 1024 * 1024 + 17;
    const res = await sys.api.post<JobInResponse>('/device/exec', {
      driver: 'paramiko',
      connection_args: { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword },
      command: [`head -c ${size} /dev/zero | tr '\\0' x; printf '\\n"q" \\303\\251'`, 'echo small'],
    });
    expect(res.status).toBe(201);
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id, 30_000);
    expect(job.status).toBe('finished');
    const [big, small] = job.result?.retval ?? [];
    expect(big.stdout).toBe(`${'x'.repeat(size)}\n"q" é`);
    expect(small.stdout).toBe('small\n');
    // Same keys, same order as every other job answer.
    expect(Object.keys(job)).toEqual(['id', 'status', 'created_at', 'enqueued_at', 'started_at', 'ended_at', 'queue', 'worker', 'result', 'task_id', 'device_name', 'command', 'duration', 'queue_time']);
    const raw = await fetch(`${sys.baseUrl}/jobs/${job.id}`, { headers: { 'X-API-KEY': sys.apiKey } });
    expect(raw.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(raw.headers.get('content-length'))).toBe(Buffer.byteLength(await raw.text()));
    expect((await sys.api.get('/jobs/no-such-job')).status).toBe(404);
  });

  it('comes back the same through ?wait= on POST /device/exec and GET /jobs/{id} (the stored bytes, not re-encoded)', async () => {
    const size = 2 * 1024 * 1024 + 5;
    const headers = { 'X-API-KEY': sys.apiKey, 'Content-Type': 'application/json' };
    const body = JSON.stringify({ driver: 'paramiko', connection_args: { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword }, command: `head -c ${size} /dev/zero | tr '\\0' y; printf ' \\303\\251'` });
    const posted = await fetch(`${sys.baseUrl}/device/exec?wait=30`, { method: 'POST', headers, body });
    expect(posted.status).toBe(201);
    expect(posted.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await posted.text();
    expect(Number(posted.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    const job = JSON.parse(text) as JobInResponse;
    expect(job.status).toBe('finished');
    expect(job.result?.retval?.[0].stdout).toBe(`${'y'.repeat(size)} é`);
    expect(Object.keys(job)).toEqual(['id', 'status', 'created_at', 'enqueued_at', 'started_at', 'ended_at', 'queue', 'worker', 'result', 'task_id', 'device_name', 'command', 'duration', 'queue_time']);
    // GET with and without ?wait= answer the same bytes.
    const waited = await fetch(`${sys.baseUrl}/jobs/${job.id}?wait=5`, { headers });
    const plain = await fetch(`${sys.baseUrl}/jobs/${job.id}`, { headers });
    expect(waited.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await waited.text()).toBe(await plain.text());
    expect((await fetch(`${sys.baseUrl}/jobs/no-such-job?wait=1`, { headers })).status).toBe(404);
  });

  it('is listed by GET /jobs and sent to a webhook read from the stored parts: the same JSON as the job, secrets masked', async () => {
    const size = 2 * 1024 * 1024 + 9;
    const token = `tok-${randomUUID()}`;
    const res = await sys.api.post<JobInResponse>('/device/exec', {
      driver: 'paramiko',
      connection_args: { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword },
      // The webhook's header value is a secret: where the device prints it, it is masked by value.
      command: [`head -c ${size} /dev/zero | tr '\\0' w; printf ' ${token} \\303\\251 "q"'`, 'echo small'],
      webhook: { url: hookUrl, headers: { 'X-Token': token } },
    });
    expect(res.status).toBe(201);
    const job = await sys.api.waitForJob<JobInResponse>(res.body.id, 30_000);
    expect(job.status).toBe('finished');
    expect(job.result?.retval?.[0].stdout).toBe(`${'w'.repeat(size)} ${MASK} é "q"`);
    // Listing: the job as GET /jobs/{id} answers it, in a body whose length was announced.
    const listed = await fetch(`${sys.baseUrl}/jobs?queue=${encodeURIComponent(job.queue ?? '')}`, { headers: { 'X-API-KEY': sys.apiKey } });
    expect(listed.status).toBe(200);
    expect(listed.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const text = await listed.text();
    expect(Number(listed.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    expect((JSON.parse(text) as JobInResponse[]).find((j) => j.id === job.id)).toEqual(job);
    // Webhook: the body of a job.completed event with the whole result, never the secret.
    await waitUntil('the webhook delivered', () => delivered.some((b) => b.includes(job.id)), { timeoutMs: 20_000 });
    const body = delivered.find((b) => b.includes(job.id)) ?? '';
    expect(body).not.toContain(token);
    const payload = JSON.parse(body) as { id: string; event_type: string; result: { type: string; retval: unknown; error: unknown } };
    expect(payload).toMatchObject({ id: job.id, event_type: 'job.completed', result: { type: 'successful', error: null } });
    expect(payload.result.retval).toEqual(job.result?.retval);
  });

  it('keeps a large pyeapi answer as the JSON the device sent: GET /jobs/{id} holds the same bytes parsing and re-encoding gave, secrets masked', async () => {
    const password = `eapi-Pa55wörd-${randomUUID().slice(0, 8)}`;
    // Pretty-printed as eAPI does, with what parsing rewrites: numbers, escapes, unicode, the password inside strings.
    const rows = Array.from({ length: 12000 }, (_, i) => `"Ethernet${i}": {"description": "uplink é ✓ ${i}", "mtu": 1500.0, "rate": 1e5, "neg": -0, "tags": ["a\\/b", "\\u0041", [], {}]}`);
    const big = `{\n  "interfaces": {${rows.join(', ')}},\n  "note": "set by ${password} and \\u0065${password.slice(1)}",\n  "vlans": {"1": {}, "10": {}, "x": null}\n}`;
    // Property names JSON.parse would reorder: this one is parsed and re-encoded as before.
    const moved = '{"vlans": {"20": {"name": "twenty"}, "3": {"name": "three"}}}';
    const eapi = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const call = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string; params: { cmds: unknown[] } };
        const result = call.params.cmds.length === 1 ? '{"modelName": "vEOS-lab", "version": "4.28.0F"}' : `{}, ${big}, ${moved}`;
        res.writeHead(200, { 'content-type': 'application/json' }).end(`{"jsonrpc": "2.0", "id": ${JSON.stringify(call.id)}, "result": [${result}]}`);
      });
    });
    await new Promise<void>((resolve) => eapi.listen(0, '127.0.0.1', resolve));
    try {
      const port = (eapi.address() as AddressInfo).port;
      const res = await sys.api.post<JobInResponse>('/device/exec', {
        driver: 'pyeapi',
        queue_strategy: 'fifo',
        connection_args: { transport: 'http', host: '127.0.0.1', port, username: 'admin', password },
        command: ['show interfaces', 'show vlan'],
        webhook: { url: hookUrl },
      });
      expect(res.status).toBe(201);
      const job = await sys.api.waitForJob<JobInResponse>(res.body.id, 30_000);
      expect(job.status).toBe('finished');
      expect(job.result?.retval?.map((r) => r.exit_status)).toEqual([0, 0]);
      const raw = await (await fetch(`${sys.baseUrl}/jobs/${job.id}`, { headers: { 'X-API-KEY': sys.apiKey } })).text();
      expect(raw.length).toBeGreaterThan(1024 * 1024);
      expect(raw).not.toContain(password.slice(5));
      // Compared as a flag: a failure would otherwise print megabytes.
      const found = [big, moved].map((answer) => raw.includes(`"stdout":${JSON.stringify(maskSecretValues(JSON.parse(answer) as unknown, [password]))},`));
      expect(found).toEqual([true, true]);
      expect(job.result?.retval?.[0].stdout).toMatchObject({ note: `set by ${MASK} and ${MASK}`, vlans: { '1': {}, '10': {}, x: null } });
      expect(Object.keys((job.result?.retval?.[1].stdout as { vlans: object }).vlans)).toEqual(['3', '20']);
      await waitUntil('the webhook delivered', () => delivered.some((b) => b.includes(job.id)), { timeoutMs: 20_000 });
      const body = delivered.find((b) => b.includes(job.id)) ?? '';
      expect(body).not.toContain(password.slice(5));
      expect((JSON.parse(body) as { result: { retval: unknown } }).result.retval).toEqual(job.result?.retval);
    } finally {
      eapi.closeAllConnections();
      await new Promise((resolve) => eapi.close(resolve));
    }
  });
});
