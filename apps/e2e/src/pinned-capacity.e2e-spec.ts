import type { JobInResponse, SystemStatsResponse, WorkerInResponse } from '@netpulse/contracts';
import { TestSystem, freePort, waitUntil } from '@netpulse/testing';

/** A pin whose device never answered gives its capacity back at once, not after pinned_idle_timeout. */
describe('pinned capacity: pins that never connected', () => {
  let sys: TestSystem;
  let closedPort = 0;

  beforeAll(async () => {
    closedPort = await freePort();
    sys = await TestSystem.start({ fifoWorkers: 0, nodeWorkers: 1, env: { NETPULSE_WORKER__PINNED_IDLE_TIMEOUT: '600', NETPULSE_WORKER__PINNED_PER_NODE: '2', NETPULSE_PROTECTION__BREAKER_FAILURES: '0' } });
  });
  afterAll(async () => {
    await sys?.stop();
  });

  it('releases the pins of unreachable devices right after their jobs, so a legitimate job still finds room', async () => {
    const hosts = ['127.14.3.1', '127.14.3.2'];
    const conn = (host: string) => ({ device_type: 'cisco_ios', host, port: closedPort, username: 'u', password: 'p', timeout: 2 });
    const accepted = await Promise.all(hosts.map((host) => sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(host), command: 'show clock' })));
    expect(accepted.map((r) => r.status)).toEqual([201, 201]);
    for (const r of accepted) await sys.api.waitForJob(r.body.id, 30_000);
    await waitUntil('no device is pinned any more', async () => (await sys.api.get<SystemStatsResponse>('/system/stats')).body.workers.pinned === 0, { timeoutMs: 5000, intervalMs: 100 });
    expect((await sys.api.get<WorkerInResponse[]>(`/workers?host=${hosts[0]}`)).body).toEqual([]);
    // Room for a third device on a node that holds two pins at most.
    const next = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn('127.14.3.3'), command: 'show clock' });
    expect(next.status).toBe(201);
  });
});
