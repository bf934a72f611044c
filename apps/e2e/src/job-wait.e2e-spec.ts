import type { JobInResponse, WorkerInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';
import { setTimeout as sleep } from 'node:timers/promises';

/** `?wait=` on GET /jobs/{id} and POST /device/exec: answered when the job ends, without polling. */
describe('results without polling (?wait=)', () => {
  let sys: TestSystem;
  const devices: SimulatedDevice[] = [];
  const conn = (d: SimulatedDevice) => ({ device_type: 'cisco_ios', host: d.host, port: d.port, username: 'admin', password: 'admin' });
  const exec = (d: SimulatedDevice, command = 'show clock') => ({ driver: 'netmiko', connection_args: conn(d), command });

  beforeAll(async () => {
    devices.push(await startDevice({ platform: 'cisco_ios', host: '127.15.0.1', port: 0 }));
    devices.push(await startDevice({ platform: 'cisco_ios', host: '127.15.0.2', port: 0, latencyMs: 1500 }));
    sys = await TestSystem.start({ nodeWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
    await Promise.all(devices.map((d) => d.stop()));
  });

  it('POST ?wait= answers 201 with the finished job; a second job runs on the same session', async () => {
    for (const reused of [false, true]) {
      const res = await sys.api.post<JobInResponse>('/device/exec?wait=30', exec(devices[0]));
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('finished');
      expect(res.body.result?.retval?.[0]).toMatchObject({ command: 'show clock', exit_status: 0, metadata: expect.objectContaining({ session_reused: reused }) });
      expect(res.body.ended_at).not.toBeNull();
    }
  });

  it('GET ?wait= is answered the moment the job ends, long before the wait runs out', async () => {
    const posted = await sys.api.post<JobInResponse>('/device/exec', exec(devices[1], 'show version'));
    expect(posted.body.status).toBe('queued');
    const t0 = Date.now();
    const res = await sys.api.get<JobInResponse>(`/jobs/${posted.body.id}?wait=30`);
    const ms = Date.now() - t0;
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('finished');
    expect(res.body.result?.retval?.[0].stdout).toContain('Cisco IOS');
    // The device answers after 1.5 s (plus the login): far below the 30 s asked for.
    expect(ms).toBeGreaterThan(1000);
    expect(ms).toBeLessThan(15_000);
  });

  it('answers the current state when the wait runs out first, and at once for a job already ended', async () => {
    const posted = await sys.api.post<JobInResponse>('/device/exec', exec(devices[1], 'show version'));
    const t0 = Date.now();
    const early = await sys.api.get<JobInResponse>(`/jobs/${posted.body.id}?wait=0.3`);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    expect(early.status).toBe(200);
    expect(['queued', 'started']).toContain(early.body.status);
    const post = await sys.api.post<JobInResponse>(`/device/exec?wait=0.2`, exec(devices[1], 'show version'));
    expect(post.status).toBe(201);
    expect(['queued', 'started']).toContain(post.body.status);
    const done = await sys.api.get<JobInResponse>(`/jobs/${posted.body.id}?wait=30`);
    expect(done.body.status).toBe('finished');
    const t1 = Date.now();
    const again = await sys.api.get<JobInResponse>(`/jobs/${posted.body.id}?wait=30`);
    expect(again.body).toEqual(done.body);
    expect(Date.now() - t1).toBeLessThan(1000);
    await sys.api.get<JobInResponse>(`/jobs/${post.body.id}?wait=30`);
  });

  it('wakes a waiting client when the job is canceled', async () => {
    // The slow device is busy with the first job, so the second waits in its queue and can be canceled.
    const busy = await sys.api.post<JobInResponse>('/device/exec', exec(devices[1], 'show version'));
    const queued = await sys.api.post<JobInResponse>('/device/exec', exec(devices[1], 'show version'));
    const waiting = sys.api.get<JobInResponse>(`/jobs/${queued.body.id}?wait=30`);
    await sleep(200);
    const t0 = Date.now();
    expect((await sys.api.delete(`/jobs/${queued.body.id}`)).status).toBe(200);
    const res = await waiting;
    expect(res.body.status).toBe('canceled');
    expect(Date.now() - t0).toBeLessThan(1000);
    await sys.api.get<JobInResponse>(`/jobs/${busy.body.id}?wait=30`);
  });

  it('refuses a bad wait with a 400 naming it, before anything is queued', async () => {
    for (const bad of ['61', '-1', 'soon', '']) {
      const get = await sys.api.get<{ detail: string }>(`/jobs/00000000-0000-0000-0000-000000000000?wait=${bad}`);
      expect(get.status).toBe(400);
      expect(get.body.detail).toContain("'wait'");
      const post = await sys.api.post<{ detail: string }>(`/device/exec?wait=${bad}`, exec(devices[0]));
      expect(post.status).toBe(400);
      expect(post.body.detail).toContain("'wait'");
    }
    const workers = await sys.api.get<WorkerInResponse[]>(`/workers?host=${devices[0].host}`);
    expect(workers.status).toBe(200);
    const listed = await sys.api.get<JobInResponse[]>(`/jobs?host=${devices[0].host}`);
    expect(listed.body.length).toBe(2);
  });

  it('a 404 with a wait is still a 404, answered at once', async () => {
    const t0 = Date.now();
    const res = await sys.api.get<{ detail: string }>('/jobs/00000000-0000-0000-0000-000000000000?wait=10');
    expect(res.status).toBe(404);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
