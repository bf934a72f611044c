import type { JobInResponse } from '@netpulse/contracts';
import { SimulatedDevice, startDevice } from '@netpulse/device-sim';
import { TestSystem } from '@netpulse/testing';

interface SseEvent {
  id: string;
  event: string;
  data: JobInResponse;
}

/** Reads a whole Server-Sent Events stream (it ends after the job's terminal state). */
async function readEvents(url: string, headers: Record<string, string>): Promise<{ status: number; type: string; events: SseEvent[]; comments: number }> {
  const res = await fetch(url, { headers });
  const type = res.headers.get('content-type') ?? '';
  if (res.status !== 200 || !res.body) return { status: res.status, type, events: [], comments: 0 };
  const text = await res.text();
  const events: SseEvent[] = [];
  let comments = 0;
  for (const block of text.split('\n\n')) {
    if (block.trim() === '') continue;
    if (block.startsWith(':')) {
      comments++;
      continue;
    }
    const field = (name: string): string => block.split('\n').find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
    events.push({ id: field('id'), event: field('event'), data: JSON.parse(field('data')) as JobInResponse });
  }
  return { status: res.status, type, events, comments };
}

describe('GET /jobs/{id}/events (Server-Sent Events)', () => {
  let sys: TestSystem;
  let dev: SimulatedDevice;

  beforeAll(async () => {
    dev = await startDevice({ platform: 'cisco_ios', host: '127.34.0.1', port: 0, latencyMs: 700 });
    sys = await TestSystem.start({ nodeWorkers: 1 });
  });
  afterAll(async () => {
    await sys?.stop();
    await dev?.stop();
  });

  const conn = () => ({ device_type: 'cisco_ios', host: dev.host, port: dev.port, username: 'admin', password: 'admin' });
  const key = () => ({ 'X-API-KEY': sys.apiKey });

  it('streams queued, started and the end, and closes; Last-Event-ID resumes after what was seen', async () => {
    // The first job keeps the device busy, so the second is seen queued before it runs.
    const busy = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(), command: ['show version', 'show clock', 'show version'] });
    const res = await sys.api.post<JobInResponse>('/device/exec', { driver: 'netmiko', connection_args: conn(), command: 'show clock' });
    expect(res.status).toBe(201);
    const stream = await readEvents(`${sys.api.baseUrl}/jobs/${res.body.id}/events`, key());
    expect(stream.status).toBe(200);
    expect(stream.type).toMatch(/^text\/event-stream/);
    expect(stream.events.map((e) => [e.id, e.event])).toEqual([['1', 'queued'], ['2', 'started'], ['3', 'finished']]);
    expect(stream.events[1].data.started_at).not.toBeNull();
    const last = stream.events[stream.events.length - 1].data;
    expect(last.result?.retval?.[0]).toMatchObject({ command: 'show clock', exit_status: 0 });
    await sys.api.waitForJob(busy.body.id, 30_000);

    const resumed = await readEvents(`${sys.api.baseUrl}/jobs/${res.body.id}/events`, { ...key(), 'Last-Event-ID': '3' });
    expect(resumed.status).toBe(200);
    expect(resumed.events).toEqual([]);
    const again = await readEvents(`${sys.api.baseUrl}/jobs/${res.body.id}/events`, { ...key(), 'Last-Event-ID': '1' });
    expect(again.events.map((e) => e.event)).toEqual(['finished']);
  });

  it('answers 404 for an unknown job and 403 without a key, like every route', async () => {
    expect((await readEvents(`${sys.api.baseUrl}/jobs/no-such-job/events`, key())).status).toBe(404);
    expect((await readEvents(`${sys.api.baseUrl}/jobs/no-such-job/events`, {})).status).toBe(403);
  });
});
