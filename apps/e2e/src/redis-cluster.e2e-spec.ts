import type { JobInResponse, WorkerInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { RedisCluster, TestSystem, dumpNamespace, freePort, readTestEnv, waitUntil } from '@netpulse/testing';
import { Server, createServer } from 'node:http';

interface BulkResponse {
  succeeded: JobInResponse[];
  failed: { host: string | null; reason: string }[];
}

/**
 * The apps on a Redis Cluster (3 masters on loopback, `redis.cluster.enabled`): FIFO and pinned
 * exec, bulk, cancel, webhooks and the sweepers (queue TTL, a dead node) through the REST API, with
 * the system's keys on the cluster and none on the shared Redis. Any other API-only e2e spec runs on
 * a cluster with `NETPULSE_TEST_REDIS=cluster npx jest <spec>`.
 */
describe('on a Redis Cluster', () => {
  const env = readTestEnv();
  let cluster: RedisCluster;
  let sys: TestSystem;
  let hook: Server;
  let hookPort = 0;
  const hooks: Record<string, unknown>[] = [];
  const devices: SimulatedDevice[] = [];
  const conn = (d: SimulatedDevice) => ({ device_type: 'cisco_ios', host: d.host, port: d.port, username: 'admin', password: 'admin', secret: 'admin' });
  const exec = async (body: Record<string, unknown>, query = ''): Promise<JobInResponse> => {
    const res = await sys.api.post<JobInResponse>(`/device/exec${query}`, { driver: 'netmiko', ...body });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    hookPort = await freePort();
    hook = createServer((req, res) => {
      let data = '';
      req.on('data', (d: Buffer) => (data += d.toString()));
      req.on('end', () => {
        hooks.push(JSON.parse(data) as Record<string, unknown>);
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => hook.listen(hookPort, '127.0.0.1', r));
    for (let i = 1; i <= 4; i++) devices.push(await startDevice({ platform: 'cisco_ios', host: `127.15.40.${i}`, port: 0, hangOnCommand: 'show tech-support' }));
    cluster = await RedisCluster.start({ masters: 3 });
    sys = await TestSystem.start({
      redisCluster: cluster.seeds,
      fifoWorkers: 1,
      nodeWorkers: 2,
      env: { NETPULSE_WORKER__HEARTBEAT_INTERVAL: '0.5', NETPULSE_WORKER__NODE_TTL: '2', NETPULSE_LOG__LEVEL: 'info' },
    });
  }, 120_000);
  afterAll(async () => {
    await sys?.stop();
    await cluster?.stop();
    await Promise.all(devices.map((d) => d.stop()));
    hook?.closeAllConnections();
    await new Promise((r) => hook?.close(r));
  });

  it('runs a FIFO job and a pinned config job (the next one on the same session), each answered by ?wait=', async () => {
    const fifo = await exec({ connection_args: conn(devices[0]), command: 'show clock', queue_strategy: 'fifo' }, '?wait=30');
    expect(fifo).toMatchObject({ status: 'finished', queue: 'FifoQ' });
    const config = await exec({ connection_args: conn(devices[0]), config: ['interface Loopback7', 'description on a cluster'] }, '?wait=30');
    expect(config).toMatchObject({ status: 'finished', queue: `HostQ_${devices[0].host}` });
    expect(devices[0].runningConfig).toContain('description on a cluster');
    const next = await exec({ connection_args: conn(devices[0]), command: 'show clock' }, '?wait=30');
    expect(next.result?.retval?.[0]).toMatchObject({ exit_status: 0, metadata: expect.objectContaining({ session_reused: true }) });
  });

  it('admits a bulk request over several devices (their jobs in different slots) and lists them', async () => {
    const res = await sys.api.post<BulkResponse>('/device/bulk', {
      driver: 'netmiko',
      connection_args: { device_type: 'cisco_ios', username: 'admin', password: 'admin' },
      command: 'show version',
      devices: devices.slice(0, 3).map((d) => ({ host: d.host, port: d.port })),
    });
    expect(res.status).toBe(201);
    expect(res.body.failed).toEqual([]);
    const jobs = await Promise.all(res.body.succeeded.map((j) => sys.api.waitForJob<JobInResponse>(j.id)));
    expect(jobs.map((j) => j.status)).toEqual(['finished', 'finished', 'finished']);
    const listed = (await sys.api.get<JobInResponse[]>('/jobs?status=finished')).body.map((j) => j.id);
    expect(listed).toEqual(expect.arrayContaining(jobs.map((j) => j.id)));
    expect((await sys.api.get<JobInResponse[]>(`/jobs?host=${devices[1].host}`)).body.map((j) => j.id)).toContain(jobs[1].id);
  });

  it('cancels a queued job, expires one past its queue TTL (webhook job.failed) and delivers job.completed', async () => {
    const d = devices[3];
    const busy = await exec({ connection_args: conn(d), command: 'show tech-support', execution_timeout: 5 });
    await waitUntil('the device is busy', async () => (await sys.api.get<JobInResponse>(`/jobs/${busy.id}`)).body.status === 'started', { timeoutMs: 10_000, intervalMs: 50 });
    const toCancel = await exec({ connection_args: conn(d), command: 'show clock' });
    const late = await exec({ connection_args: conn(d), command: 'show clock', ttl: 1, webhook: { url: `http://127.0.0.1:${hookPort}/hook` } });
    expect((await sys.api.delete(`/jobs/${toCancel.id}`)).body).toEqual({ id: toCancel.id });
    expect((await sys.api.get<JobInResponse>(`/jobs/${toCancel.id}`)).body.status).toBe('canceled');
    const expired = await sys.api.waitForJob<JobInResponse>(late.id, 15_000);
    expect(expired.result?.error?.type).toBe('JobExpired');
    const done = await exec({ connection_args: conn(devices[1]), command: 'show clock', webhook: { url: `http://127.0.0.1:${hookPort}/hook` } }, '?wait=30');
    await waitUntil('both webhooks arrived', () => hooks.some((h) => h.id === late.id) && hooks.some((h) => h.id === done.id), { timeoutMs: 10_000, intervalMs: 100 });
    expect(hooks.find((h) => h.id === late.id)).toMatchObject({ event_type: 'job.failed', result: { error: { type: 'JobExpired' } } });
    expect(hooks.find((h) => h.id === done.id)).toMatchObject({ event_type: 'job.completed', status: 'finished' });
  });

  it('a dead node: the sweeper fails its running job WorkerDied and the device runs its next job on the other node', async () => {
    const d = devices[2];
    const running = await exec({ connection_args: conn(d), command: 'show tech-support', execution_timeout: 60 });
    await waitUntil('the job is started', async () => (await sys.api.get<JobInResponse>(`/jobs/${running.id}`)).body.status === 'started', { timeoutMs: 10_000, intervalMs: 50 });
    const owner = (await sys.api.get<JobInResponse>(`/jobs/${running.id}`)).body.worker ?? '';
    const node = owner.slice(0, owner.indexOf('_HostQ_'));
    const queued = await exec({ connection_args: conn(d), command: 'show clock' });
    sys.apps.find((a) => a.opts.role === 'node-worker' && a.opts.env.NETPULSE_WORKER__NODE_NAME === node)?.child?.kill('SIGKILL');
    const died = await sys.api.waitForJob<JobInResponse>(running.id, 20_000);
    expect(died.result?.error?.type).toBe('WorkerDied');
    const next = await sys.api.waitForJob<JobInResponse>(queued.id, 20_000);
    expect(next.status).toBe('finished');
    expect(next.worker?.startsWith(`${node}_`)).toBe(false);
    const workers = (await sys.api.get<WorkerInResponse[]>(`/workers?host=${d.host}`)).body;
    expect(workers.map((w) => w.name.startsWith(node))).toEqual([false]);
  });

  it('kept the state on the cluster, spread over every master, and nothing on the shared Redis', async () => {
    expect(sys.logs()).toMatch(/"msg":"controller listening"/);
    expect(sys.logs()).toMatch(/"redis":"cluster"[^\n]*"msg":"controller listening"/);
    const onCluster = await sys.dump();
    expect(onCluster).toContain(':{ctl}:host_to_node_map');
    expect(onCluster).toContain(':bull:{FifoQ}:');
    expect(await dumpNamespace(env.redisHost, env.redisPort, sys.namespace)).toBe('');
    const perMaster = await Promise.all((await cluster.masters()).map((m) => dumpNamespace(m.address, m.port, sys.namespace)));
    expect(perMaster).toHaveLength(3);
    for (const keys of perMaster) expect(keys.length).toBeGreaterThan(0);
  });
});
