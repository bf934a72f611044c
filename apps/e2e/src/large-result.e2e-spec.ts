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
});
