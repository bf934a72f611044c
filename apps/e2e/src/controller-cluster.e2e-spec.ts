import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem, waitUntil } from '@netpulse/testing';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** `launcher.controllers`: several controller processes behind one API port (Node cluster). */
describe('many controllers on one port', () => {
  let sys: TestSystem;
  let dev: SimulatedDevice;
  const exec = () => ({ driver: 'netmiko', connection_args: { device_type: 'cisco_ios', host: dev.host, port: dev.port, username: 'admin', password: 'admin' }, command: 'show clock' });
  const logLines = (): Record<string, unknown>[] =>
    readdirSync(sys.logDir)
      .filter((f) => f.startsWith('controller'))
      .flatMap((f) => readFileSync(join(sys.logDir, f), 'utf8').split('\n'))
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  beforeAll(async () => {
    dev = await startDevice({ platform: 'cisco_ios', host: '127.15.7.1', port: 0, hangOnCommand: 'show tech-support' });
    sys = await TestSystem.start({ fifoWorkers: 0, nodeWorkers: 1, env: { NETPULSE_LAUNCHER__CONTROLLERS: '3' } });
  });
  afterAll(async () => {
    await sys?.stop();
    await dev?.stop();
  });

  it('serves the API from several processes on the one port, each answering waits for jobs the others accepted', async () => {
    // The API answers as soon as the first controller listens; the others may still be starting:
    // spread the requests only once all three take connections.
    await waitUntil('three controllers listening', () => new Set(logLines().filter((l) => l.msg === 'controller listening').map((l) => l.pid)).size === 3, { timeoutMs: 30_000 });
    const posted = await Promise.all(Array.from({ length: 24 }, () => sys.api.post<JobInResponse>('/device/exec', exec())));
    expect(posted.every((r) => r.status === 201)).toBe(true);
    const done = await Promise.all(posted.map((r) => sys.api.get<JobInResponse>(`/jobs/${r.body.id}?wait=30`)));
    expect(done.every((r) => r.body.status === 'finished' && r.body.result?.retval?.[0].exit_status === 0)).toBe(true);
    const lines = logLines();
    const primary = lines.find((l) => typeof l.msg === 'string' && l.msg.startsWith('controller cluster: 3 workers'));
    expect(primary).toBeDefined();
    const listening = new Set(lines.filter((l) => l.msg === 'controller listening').map((l) => l.pid));
    expect(listening.size).toBe(3);
    expect(listening.has(primary?.pid)).toBe(false);
    const enqueuedBy = new Set(lines.filter((l) => l.msg === 'job enqueued').map((l) => l.pid));
    expect(enqueuedBy.size).toBeGreaterThan(1);
  });

  it('still runs the background sweeps (in the controller holding the leader lock): a job expired in its queue is ended once', async () => {
    // A job that hangs holds the device's worker; the next one outlives its 1 s queue TTL behind it.
    const hung = await sys.api.post<JobInResponse>('/device/exec', { ...exec(), command: 'show tech-support', execution_timeout: 8 });
    const expiring = await sys.api.post<JobInResponse>('/device/exec', { ...exec(), ttl: 1 });
    const ended = await sys.api.get<JobInResponse>(`/jobs/${expiring.body.id}?wait=20`);
    expect(ended.body.status).toBe('failed');
    expect(ended.body.result?.error?.type).toBe('JobExpired');
    await sleep(1500);
    const sweeps = logLines().filter((l) => l.msg === 'job expired in queue' && l.job_id === expiring.body.id);
    expect(sweeps).toHaveLength(1);
    await sys.api.get(`/jobs/${hung.body.id}?wait=20`);
  });
});
