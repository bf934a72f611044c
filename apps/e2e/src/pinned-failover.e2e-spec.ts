import type { JobInResponse, WorkerInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem, waitUntil } from '@netpulse/testing';
import { setTimeout as sleep } from 'node:timers/promises';

describe('pinned workers under node death, keepalive and drops', () => {
  let sys: TestSystem;
  const devices: SimulatedDevice[] = [];
  const conn = (d: SimulatedDevice, extra: Record<string, unknown> = {}) => ({ device_type: 'cisco_ios', host: d.host, port: d.port, username: 'admin', password: 'admin', ...extra });
  const submit = async (d: SimulatedDevice, body: Record<string, unknown>, extraConn: Record<string, unknown> = {}): Promise<JobInResponse> => {
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(d, extraConn), ...body });
    expect(res.status).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    sys = await TestSystem.start({ fifoWorkers: 0, nodeWorkers: 2, env: { NETPULSE_WORKER__HEARTBEAT_INTERVAL: '0.5', NETPULSE_WORKER__NODE_TTL: '2' } });
  });
  afterAll(async () => {
    await sys?.stop();
    await Promise.all(devices.map((d) => d.stop()));
  });

  it('kill -9 of a node: the running job fails WorkerDied, queued jobs run on the survivor, none stays queued', async () => {
    const dev = await startDevice({ platform: 'cisco_ios', host: '127.0.61.1', port: 0, hangOnCommand: 'show tech-support' });
    devices.push(dev);
    const running = await submit(dev, { command: 'show tech-support', execution_timeout: 120 });
    await waitUntil('the running job is started', async () => (await sys.api.get<JobInResponse>(`/jobs/${running.id}`)).body.status === 'started', { timeoutMs: 5000, intervalMs: 50 });
    const queued = [await submit(dev, { command: 'show clock' }), await submit(dev, { config: ['hostname AFTER'] })];
    const owner = (await sys.api.get<JobInResponse>(`/jobs/${running.id}`)).body.worker ?? '';
    const nodeName = owner.slice(0, owner.indexOf('_HostQ_'));
    const victim = sys.apps.find((a) => a.opts.role === 'node-worker' && a.opts.env.NETPULSE_WORKER__NODE_NAME === nodeName);
    expect(victim).toBeDefined();
    victim?.child?.kill('SIGKILL');

    const died = await sys.api.waitForJob<JobInResponse>(running.id, 30_000);
    expect(died.status).toBe('failed');
    expect(died.result?.error?.type).toBe('WorkerDied');
    for (const q of queued) {
      const j = await sys.api.waitForJob<JobInResponse>(q.id, 30_000);
      expect(j.status).toBe('finished');
      expect(j.worker?.startsWith(nodeName)).toBe(false);
    }
    expect(dev.runningConfig).toContain('hostname AFTER');
    const pinned = (await sys.api.get<WorkerInResponse[]>(`/workers?host=${dev.host}`)).body;
    expect(pinned.map((w) => w.name.startsWith(nodeName))).toEqual([false]);
  });

  it('keeps an idle session alive through the keepalive probe (device exec-timeout 2 s, keepalive 1 s)', async () => {
    const dev = await startDevice({ platform: 'cisco_ios', host: '127.0.61.2', port: 0, idleTimeoutSec: 2 });
    devices.push(dev);
    const first = await sys.api.waitForJob<JobInResponse>((await submit(dev, { command: 'show clock' }, { keepalive: 1 })).id);
    expect(first.result?.retval?.[0].exit_status).toBe(0);
    await sleep(4500);
    const second = await sys.api.waitForJob<JobInResponse>((await submit(dev, { command: 'show clock' }, { keepalive: 1 })).id);
    expect(second.result?.retval?.[0]).toMatchObject({ exit_status: 0, metadata: expect.objectContaining({ session_reused: true }) });
    expect(dev.counters.logins).toBe(1);
  });

  it('reconnects on the next job when the device dropped the session', async () => {
    const dev = await startDevice({ platform: 'cisco_ios', host: '127.0.61.3', port: 0, idleTimeoutSec: 1 });
    devices.push(dev);
    await sys.api.waitForJob<JobInResponse>((await submit(dev, { command: 'show clock' }, { keepalive: 0 })).id);
    await sleep(2000);
    const next = await sys.api.waitForJob<JobInResponse>((await submit(dev, { command: 'show clock' }, { keepalive: 0 })).id);
    expect(next.result?.retval?.[0]).toMatchObject({ exit_status: 0, metadata: expect.objectContaining({ session_reused: false }) });
    expect(dev.counters.logins).toBe(2);
  });

  it('a frozen node loses its lease: its device moves, and when it wakes it stops without touching the device', async () => {
    const dev = await startDevice({ platform: 'cisco_ios', host: '127.0.61.4', port: 0 });
    devices.push(dev);
    const first = await sys.api.waitForJob<JobInResponse>((await submit(dev, { command: 'show clock' })).id);
    const owner = first.worker ?? '';
    const nodeName = owner.slice(0, owner.indexOf('_HostQ_'));
    const frozen = sys.apps.find((a) => a.opts.role === 'node-worker' && a.opts.env.NETPULSE_WORKER__NODE_NAME === nodeName && a.child?.exitCode === null);
    if (!frozen?.child) {
      // The first test killed one node; respawn a second so there is somewhere to move to.
      throw new Error('expected the owner node to be running');
    }
    // Somewhere to move to: a second live node (the first test killed one).
    const liveNodes = async (): Promise<number> => (await sys.api.get<{ nodes: { active: number } }>('/system/stats')).body.nodes.active;
    if ((await liveNodes()) < 2) sys.spawn('node-worker', { NETPULSE_WORKER__NODE_NAME: `node-spare-${Date.now()}` });
    await waitUntil('two nodes are live', async () => !((await liveNodes()) < 2), { timeoutMs: 20000, intervalMs: 100 });
    expect(await liveNodes()).toBeGreaterThanOrEqual(2);
    frozen.child.kill('SIGSTOP');
    try {
      await sleep(5000);
      const moved = await sys.api.waitForJob<JobInResponse>((await submit(dev, { command: 'show clock' })).id, 30_000);
      expect(moved.status).toBe('finished');
      expect(moved.worker?.startsWith(nodeName)).toBe(false);
    } finally {
      frozen.child.kill('SIGCONT');
    }
    const exit = await new Promise<number | null>((resolve) => {
      const t = setTimeout(() => resolve(null), 15_000);
      frozen.child?.once('exit', (code) => {
        clearTimeout(t);
        resolve(code);
      });
    });
    expect(exit).toBe(3);
    expect(dev.counters.logins).toBe(2);
    expect(dev.counters.sessionsOpen).toBe(1);
  }, 60_000);
});
