import type { JobInResponse } from '@netpulse/contracts';
import { TestSystem, readTestEnv } from '@netpulse/testing';

describe('a large result (written in parts, answered as stored)', () => {
  const env = readTestEnv();
  let sys: TestSystem;

  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
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
});
