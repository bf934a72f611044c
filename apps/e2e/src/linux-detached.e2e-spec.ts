import { setTimeout as sleep } from 'node:timers/promises';
import type { DriverExecutionResult, JobInResponse } from '@netpulse/contracts';
import { NetpulseClient, ServerSentEvent } from '@netpulse/client';
import { readTestEnv, waitUntil } from '@netpulse/testing';
import Redis from 'ioredis';
import { LinuxSystem, linuxArgs, runJob, startLinuxSystem } from './linux.fixtures';

interface TaskView {
  task_id: string;
  status: string;
  connection_args: Record<string, unknown>;
  webhook: Record<string, unknown> | null;
  command: string[] | null;
  created_at: string | null;
}
interface QueryResponse {
  task_id: string;
  status: string;
  result: DriverExecutionResult[];
}

describe('detached tasks (paramiko on its pinned worker, real sshd) through the REST API', () => {
  const env = readTestEnv();
  let ls: LinuxSystem;
  const launched: string[] = [];

  const launch = async (command: string, extra: Record<string, unknown> = {}): Promise<{ job: JobInResponse; taskId: string }> => {
    const res = await ls.sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: linuxArgs(env), command, detach: true, ...extra });
    expect(res.status).toBe(201);
    expect(res.body.queue).toBe(`HostQ_${env.sshHost}`);
    expect(res.body.task_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{3}$/);
    launched.push(res.body.task_id ?? '');
    return { job: res.body, taskId: res.body.task_id ?? '' };
  };
  const launchAndWait = async (command: string, extra: Record<string, unknown> = {}): Promise<string> => {
    const { job, taskId } = await launch(command, extra);
    const done = await ls.sys.api.waitForJob<JobInResponse>(job.id);
    expect(done.result?.retval?.[0]).toMatchObject({ command: 'launch', stdout: `Task ${taskId} launched.`, exit_status: 0 });
    return taskId;
  };
  const list = async (query = ''): Promise<TaskView[]> => (await ls.sys.api.get<TaskView[]>(`/detached-tasks${query}`)).body;
  const sh = async (command: string): Promise<string> => String((await runJob(ls.sys, { driver: 'paramiko', connection_args: linuxArgs(env), command })).result?.retval?.[0].stdout);

  beforeAll(async () => {
    ls = await startLinuxSystem(env);
  });
  afterAll(async () => {
    if (ls) {
      for (const id of launched) await ls.sys.api.delete(`/detached-tasks/${id}`).catch(() => undefined);
      await ls.sys.stop();
    }
  });

  it('launches, streams the log through offset reads and push events, and ends completed', async () => {
    const taskId = await launchAndWait('for i in $(seq 1 8); do echo $i; sleep 0.25; done', { push_interval: 1 });
    let offset = 0;
    let text = '';
    let reads = 0;
    let last: QueryResponse | null = null;
    for (let i = 0; i < 50; i++) {
      const res = await ls.sys.api.get<QueryResponse>(`/detached-tasks/${taskId}?offset=${offset}`);
      expect(res.status).toBe(200);
      last = res.body;
      const [r] = res.body.result;
      expect(r).toMatchObject({ command: 'query', exit_status: 0, metadata: expect.objectContaining({ task_id: taskId, next_offset: expect.any(Number) }) });
      text += String(r.stdout);
      offset = r.metadata.next_offset as number;
      reads++;
      if (res.body.status === 'completed') break;
      await sleep(200);
    }
    expect(last).toMatchObject({ task_id: taskId, status: 'completed' });
    expect(text).toBe('1\n2\n3\n4\n5\n6\n7\n8\n');
    expect(reads).toBeGreaterThan(1);
    expect((await list()).find((t) => t.task_id === taskId)).toMatchObject({ status: 'completed', command: ['for i in $(seq 1 8); do echo $i; sleep 0.25; done'] });
    // The supervisor pushed the log (detached.log_push) and then detached.completed, through the event sink.
    const events = async (): Promise<string[]> =>
      ls.sys
        .logs()
        .split('\n')
        .filter((l) => l.includes('detached task event') && l.includes(taskId))
        .map((l) => (JSON.parse(l) as { event_type: string }).event_type);
    await waitUntil('a detached.completed event arrived', async () => (await events()).includes('detached.completed'), { timeoutMs: 5000, intervalMs: 100 });
    const seen = await events();
    expect(seen).toContain('detached.log_push');
    expect(seen[seen.length - 1]).toBe('detached.completed');
    expect(seen.filter((e) => e === 'detached.completed')).toHaveLength(1);
  });

  it("streams a detached launch's output as it arrives on GET /jobs/{id}/events, then task-ended; Last-Event-ID resumes mid-log", async () => {
    const client = new NetpulseClient({ url: ls.sys.api.baseUrl, apiKey: ls.sys.apiKey });
    const { job, taskId } = await launch('for i in $(seq 1 6); do echo line$i; sleep 0.5; done');
    const events: (ServerSentEvent & { at: number })[] = [];
    for await (const ev of client.jobEvents(job.id)) events.push({ ...ev, at: Date.now() });
    const states = events.filter((e) => e.event !== 'output' && e.event !== 'task-ended');
    expect(states[states.length - 1]).toMatchObject({ id: '3', event: 'finished' });
    const outputs = events.filter((e) => e.event === 'output');
    const text = outputs.map((e) => (e.data as { output: string }).output).join('');
    expect(text).toBe('line1\nline2\nline3\nline4\nline5\nline6\n');
    // Output came in several pieces while the task ran, not once at the end.
    expect(outputs.length).toBeGreaterThan(1);
    expect(outputs[outputs.length - 1].at - outputs[0].at).toBeGreaterThan(500);
    // Each piece starts where the previous one ended, and its id names the offset after it.
    let offset = 0;
    for (const o of outputs) {
      const d = o.data as { task_id: string; offset: number; next_offset: number };
      expect(d).toMatchObject({ task_id: taskId, offset });
      expect(o.id).toBe(`out-${d.next_offset}`);
      offset = d.next_offset;
    }
    expect(events[events.length - 1]).toMatchObject({ id: 'end', event: 'task-ended', data: { task_id: taskId, status: 'completed' } });
    // Following does not move the read offset of GET /detached-tasks/{id}: a plain read still gets the whole log.
    const read = await ls.sys.api.get<QueryResponse>(`/detached-tasks/${taskId}`);
    expect(read.body.result[0].stdout).toBe(text);
    // Resuming after the first piece sends only what followed it.
    const resumed: ServerSentEvent[] = [];
    for await (const ev of client.jobEvents(job.id, { lastEventId: outputs[0].id })) resumed.push(ev);
    expect(resumed.filter((e) => e.event === 'output').map((e) => (e.data as { output: string }).output).join('')).toBe(text.slice(Buffer.byteLength(String((outputs[0].data as { output: string }).output))));
    expect(resumed[0].event).toBe('output');
    expect(resumed[resumed.length - 1]).toMatchObject({ event: 'task-ended', data: { status: 'completed' } });
    // After the end event there is nothing more to send.
    const after: ServerSentEvent[] = [];
    for await (const ev of client.jobEvents(job.id, { lastEventId: 'end' })) after.push(ev);
    expect(after).toEqual([]);
  });

  it('ends the stream of a killed task with task-ended "removed"', async () => {
    const client = new NetpulseClient({ url: ls.sys.api.baseUrl, apiKey: ls.sys.apiKey });
    const { job, taskId } = await launch('for i in $(seq 1 30); do echo tick$i; sleep 1; done');
    const events: ServerSentEvent[] = [];
    let killed = false;
    for await (const ev of client.jobEvents(job.id)) {
      events.push(ev);
      if (ev.event === 'output' && !killed) {
        killed = true;
        expect((await ls.sys.api.delete(`/detached-tasks/${taskId}`)).status).toBe(200);
      }
    }
    expect(events[events.length - 1]).toMatchObject({ event: 'task-ended', data: { task_id: taskId, status: 'removed' } });
  });

  it('lists tasks, `launching` ones included, with every secret masked and none in clear in Redis', async () => {
    const secret = `Det-${Date.now()}-secret`;
    // A job holding the device's pinned worker keeps the launch queued, so its entry is still `launching`.
    const blocker = await ls.sys.api.post<JobInResponse>('/device/exec', { driver: 'paramiko', connection_args: linuxArgs(env), command: 'sleep 1.5', queue_strategy: 'pinned' });
    await sleep(300);
    const { job, taskId } = await launch('sleep 20', {
      connection_args: { ...linuxArgs(env), secret, token: secret },
      webhook: { url: 'http://127.0.0.1:9/hook', auth: ['hook-user', secret], headers: { Authorization: `Bearer ${secret}` } },
    });
    const early = (await list()).find((t) => t.task_id === taskId);
    expect(early).toMatchObject({ status: 'launching', command: null });
    expect(early?.connection_args).toMatchObject({ host: env.sshHost, username: env.sshUser, password: '******', secret: '******', token: '******' });
    expect(early?.webhook).toMatchObject({ auth: '******', headers: { Authorization: '******' } });
    expect(early?.created_at).toMatch(/\+00:00$/);
    await ls.sys.api.waitForJob(blocker.body.id);
    await ls.sys.api.waitForJob(job.id);
    expect((await list('?status=running')).map((t) => t.task_id)).toContain(taskId);
    expect(await list('?status=bogus')).toEqual([]);
    const listing = JSON.stringify(await list());
    expect(listing).not.toContain(secret);
    expect(listing).not.toContain(env.sshPassword);
    const redis = new Redis({ host: env.redisHost, port: env.redisPort });
    try {
      const entry = JSON.stringify(await redis.hgetall(`${ls.sys.namespace}:detached_task:${taskId}`));
      expect(entry).toContain('"sealed"');
      expect(entry).not.toContain(secret);
      expect(entry).not.toContain(env.sshPassword);
    } finally {
      redis.disconnect();
    }
  });

  it('kills a running task early with DELETE; then it is unknown (404)', async () => {
    const taskId = await launchAndWait('for i in $(seq 1 20); do echo $i; sleep 1; done');
    const first = await ls.sys.api.get<QueryResponse>(`/detached-tasks/${taskId}?offset=0`);
    expect(first.body).toMatchObject({ status: 'running', result: [expect.objectContaining({ stdout: expect.stringMatching(/^1\n/) })] });
    const killed = await ls.sys.api.delete(`/detached-tasks/${taskId}`);
    expect(killed).toMatchObject({ status: 200, body: { status: 'killed', task_id: taskId } });
    // The task runs as `np_<id>` (exec -a); a pattern anchored at the start never matches the grep itself.
    expect(await sh(`ps -eo args= | grep -c '^np_${taskId}' || true`)).toBe('0\n');
    expect((await ls.sys.api.get(`/detached-tasks/${taskId}`)).status).toBe(404);
    expect((await ls.sys.api.delete(`/detached-tasks/${taskId}`)).status).toBe(404);
    // The kill is in the audit trail, under the key that asked for it.
    const audit = await ls.sys.api.get<{ event: string; task_id?: string; outcome?: string; key: string }[]>('/audit');
    expect(audit.body.filter((e) => e.task_id === taskId && e.event === 'detached.killed')).toEqual([expect.objectContaining({ outcome: 'killed', key: 'api_key' })]);
  });

  it('discovers the tasks alive on the host and syncs off registry tasks that are gone', async () => {
    const alive = await launchAndWait('sleep 30');
    const gone = await launchAndWait('sleep 30');
    await sh(`kill -- -$(cat /tmp/np-detached-${env.sshUser}/np_${gone}.pid)`);
    const res = await ls.sys.api.post<{ discovered: number; synced_off: number; tasks: { task_id: string; status: string; pid: number }[] }>('/detached-tasks/discover', {
      driver: 'paramiko',
      connection_args: linuxArgs(env),
    });
    expect(res.status).toBe(200);
    const ids = res.body.tasks.map((t) => t.task_id);
    expect(ids).toContain(alive);
    expect(ids).not.toContain(gone);
    expect(res.body.discovered).toBe(res.body.tasks.length);
    expect(res.body.synced_off).toBeGreaterThanOrEqual(1);
    expect((await list()).find((t) => t.task_id === gone)?.status).toBe('completed');
  });

  it('answers unknown tasks with 404, a bad offset with 422 naming it, and a non-paramiko discover with 400', async () => {
    expect(await ls.sys.api.get('/detached-tasks/nope-nope')).toMatchObject({ status: 404, body: { detail: 'Detached task nope-nope not found' } });
    expect((await ls.sys.api.delete('/detached-tasks/nope-nope')).status).toBe(404);
    const bad = await ls.sys.api.get<{ detail: { loc: string[] }[] }>(`/detached-tasks/${launched[0]}?offset=-1`);
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0].loc).toEqual(['query', 'offset']);
    const res = await ls.sys.api.post('/detached-tasks/discover', { driver: 'netmiko', connection_args: { ...linuxArgs(env), device_type: 'linux' } });
    expect(res.status).toBe(400);
  });

  it('removes the files of tasks that ended over a day ago on a new connection, at most once per 30 min per target', async () => {
    const dir = `/tmp/np-detached-${env.sshUser}`;
    const ended = Math.floor(Date.now() / 1000) - 90_000;
    const plant = async (id: string): Promise<void> => void (await sh(`mkdir -p ${dir} && printf '%s\\n%s\\n' ${ended - 5} ${ended} > ${dir}/np_${id}.pid.age && echo old > ${dir}/np_${id}.log`));
    const count = async (id: string): Promise<string> => sh(`ls ${dir}/np_${id}.* 2>/dev/null | wc -l`);
    const first = `gc-${Date.now()}`;
    await plant(first);
    expect(await count(first)).toBe('2\n');
    // This system's first connection took the clean-up turn: hand it back, as 30 minutes would.
    const redis = new Redis({ host: env.redisHost, port: env.redisPort });
    try {
      await redis.del(`${ls.sys.namespace}:detached_gc:${env.sshHost}:${env.sshPort}:${env.sshUser}`);
    } finally {
      redis.disconnect();
    }
    // Each FIFO job opens a new connection; the first one cleans up, the next ones within the period do not.
    expect(await count(first)).toBe('0\n');
    const second = `gc2-${Date.now()}`;
    await plant(second);
    await sh('true');
    expect(await count(second)).toBe('2\n');
    await sh(`rm -f ${dir}/np_${second}.*`);
  });

  it('clears the registry with DELETE /detached-tasks (no remote kill)', async () => {
    const before = (await list()).length;
    expect(before).toBeGreaterThan(0);
    expect((await ls.sys.api.delete('/detached-tasks')).body).toEqual({ status: 'cleared', count: before });
    expect(await list()).toEqual([]);
    // The processes still run: kill them on the host directly.
    await sh(`for f in /tmp/np-detached-${env.sshUser}/np_*.pid; do case "$f" in *${launched.map((id) => id).join('*|*')}*) kill -- -$(cat "$f") 2>/dev/null;; esac; done; true`);
  });
});
