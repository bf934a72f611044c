import type { JobInResponse } from '@netpulse/contracts';
import type { AuditEntry } from '@netpulse/state';
import { ApiClient, TestSystem, readTestEnv, waitUntil } from '@netpulse/testing';
import { createHash, randomBytes } from 'node:crypto';

const sha = (k: string): string => createHash('sha256').update(k).digest('hex');

describe('audit trail (GET /audit, Redis stream, JSON log lines)', () => {
  const env = readTestEnv();
  const operateKey = randomBytes(16).toString('hex');
  const readKey = randomBytes(16).toString('hex');
  let sys: TestSystem;
  let ops: ApiClient;
  const linux = () => ({ host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword });
  const audit = async (query = ''): Promise<AuditEntry[]> => {
    const res = await sys.api.get<AuditEntry[]>(`/audit${query}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    sys = await TestSystem.start({
      fifoWorkers: 1,
      env: {
        NETPULSE_WORKER__FIFO_CONCURRENCY: '1',
        NETPULSE_SERVER__API_KEYS: JSON.stringify([
          { name: 'automation', sha256: sha(operateKey), role: 'operate' },
          { name: 'viewer', sha256: sha(readKey), role: 'read' },
        ]),
      },
    });
    ops = new ApiClient(sys.baseUrl, operateKey);
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('records an accepted job (who, from where, which request, masked lines) and how it ended', async () => {
    const res = await ops.request<JobInResponse>(
      'POST',
      '/device/exec',
      { driver: 'paramiko', connection_args: linux(), config: [`echo ${env.sshPassword} >/dev/null`, 'echo snmp-server community hush-hush RO'] },
      { headers: { 'X-Request-ID': 'audit-req-1' } },
    );
    expect(res.status).toBe(201);
    await ops.waitForJob(res.body.id);
    const mine = await waitUntil('both audit entries of the job are readable', async () => {
      const entries = (await audit()).filter((e) => e.job_id === res.body.id);
      return entries.length >= 2 ? entries : undefined;
    }, { timeoutMs: 5000, intervalMs: 100 });
    expect(mine).toEqual([
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        event: 'job.accepted',
        key: 'automation',
        client: '127.0.0.1',
        request_id: 'audit-req-1',
        route: 'POST /device/exec',
        job_id: res.body.id,
        driver: 'paramiko',
        host: env.sshHost,
        lines: ['echo ****** >/dev/null', 'echo snmp-server community ****** RO'],
      },
      expect.objectContaining({ event: 'job.ended', key: 'automation', request_id: 'audit-req-1', job_id: res.body.id, host: env.sshHost, outcome: 'finished' }),
    ]);
    // The same entries as JSON log lines, without the secrets.
    const logs = sys.logs();
    expect(logs).toMatch(new RegExp(`"event":"job.accepted","key":"automation".*"job_id":"${res.body.id}".*"msg":"audit"`));
    expect(logs).not.toContain('hush-hush');
  });

  it('records a cancellation', async () => {
    // One job at a time: the second waits in the queue while the first sleeps, and is cancelled there.
    const slow = await ops.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: linux(), command: 'sleep 2' });
    const queued = await ops.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: linux(), command: 'echo later' });
    expect((await ops.delete(`/jobs/${queued.body.id}`)).status).toBe(200);
    expect((await audit()).filter((e) => e.job_id === queued.body.id && e.event === 'job.cancelled')).toEqual([
      expect.objectContaining({ key: 'automation', route: 'DELETE /jobs/:id', outcome: 'canceled', host: env.sshHost }),
    ]);
    await ops.waitForJob(slow.body.id);
  });

  it('filters by key, host and time, and is for admin keys only', async () => {
    expect((await audit('?key=automation')).every((e) => e.key === 'automation')).toBe(true);
    expect((await audit('?key=automation')).length).toBeGreaterThanOrEqual(3);
    expect(await audit('?key=viewer')).toEqual([]);
    expect(await audit('?host=127.24.200.200')).toEqual([]);
    expect(await audit(`?since=${new Date(Date.now() + 60_000).toISOString()}`)).toEqual([]);
    expect((await audit(`?since=${Math.floor(Date.now() / 1000) - 600}`)).length).toBeGreaterThanOrEqual(3);
    const bad = await sys.api.get('/audit?since=yesterday-ish');
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('since');
    const viewer = await new ApiClient(sys.baseUrl, readKey).get('/audit');
    expect(viewer.status).toBe(403);
    expect((viewer.body as { detail: string }).detail).toContain("'admin' role");
  });

  it('records a worker deletion', async () => {
    const workers = await sys.api.get<{ name: string }[]>('/workers');
    const name = workers.body[0].name;
    expect((await sys.api.delete(`/workers/${name}`)).status).toBe(200);
    expect((await audit()).filter((e) => e.event === 'worker.deleted')).toEqual([expect.objectContaining({ worker: name, key: 'api_key', route: 'DELETE /workers/:name' })]);
  });
});
