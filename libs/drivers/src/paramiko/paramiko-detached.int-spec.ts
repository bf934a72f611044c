import { readTestEnv } from '@netpulse/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DriverExecutionResult } from '@netpulse/contracts';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import { ParamikoDriver } from './paramiko.driver';
import type { ParamikoSession } from './paramiko.session';
import { setTimeout as sleep } from 'node:timers/promises';

describe('ParamikoSession detached tasks (real sshd)', () => {
  const env = readTestEnv();
  const args = { host: env.sshHost, port: env.sshPort, username: env.sshUser, password: env.sshPassword };
  const ctx = (): ExecContext => ({ jobId: 'j', signal: new AbortController().signal, maxOutputBytes: 1 << 20 });
  const req = (driver_args: Record<string, unknown> | null = null): DriverRequest => ({ connection_args: args, driver_args, extras: {} });
  const dir = `/tmp/np-detached-${env.sshUser}`;
  // Like the controller's ids: the first 12 characters of a uuid4, hyphen included.
  const newId = (): string => randomUUID().slice(0, 12);
  const launched: { id: string; sudo: boolean }[] = [];
  let sut: ParamikoSession;

  const sh = async (command: string): Promise<string> => String((await sut.send([command], req(), ctx()))[0].stdout);
  const launch = async (command: string, driverArgs: Record<string, unknown> | null = null): Promise<[string, DriverExecutionResult]> => {
    const id = newId();
    launched.push({ id, sudo: driverArgs?.sudo === true });
    const r = await sut.detach([command], req(driverArgs), ctx(), { taskId: id });
    expect(r).toHaveLength(1);
    return [id, r[0]];
  };
  /** Reads the log until the task has completed; returns everything read and the last result. */
  const readToEnd = async (id: string): Promise<[string, DriverExecutionResult]> => {
    let text = '';
    let offset = 0;
    for (let i = 0; i < 100; i++) {
      const [r] = await sut.readDetached(id, offset, ctx());
      text += String(r.stdout);
      offset = r.metadata.next_offset as number;
      if (r.metadata.completed) return [text, r];
      await sleep(100);
    }
    throw new Error(`task ${id} did not complete`);
  };

  beforeAll(async () => {
    sut = await new ParamikoDriver().connect(args);
  });

  afterAll(async () => {
    for (const t of launched) await sut.killDetached(t.id, ctx(), { sudo: t.sudo });
    await sut.close();
  });

  it('launches, reads by offset, lists and kills a running task', async () => {
    const [id, launch1] = await launch('echo start; sleep 30');
    expect(launch1).toMatchObject({ command: 'launch', stdout: `Task ${id} launched.`, exit_status: 0 });
    expect(launch1.metadata).toMatchObject({
      task_id: id,
      pid: expect.any(Number),
      is_running: true,
      log_file: `${dir}/np_${id}.log`,
      pid_file: `${dir}/np_${id}.pid`,
      meta_file: `${dir}/np_${id}.pid.meta`,
      age_file: `${dir}/np_${id}.pid.age`,
    });
    const pid = launch1.metadata.pid as number;
    expect(await sh(`ps -p ${pid} -o args=`)).toMatch(new RegExp(`^np_${id} `));

    const [q] = await sut.readDetached(id, 0, ctx());
    expect(q).toMatchObject({ command: 'query', stdout: 'start\n', exit_status: 0 });
    expect(q.metadata).toMatchObject({ task_id: id, is_running: true, completed: false, pid, next_offset: 6 });
    const [again] = await sut.readDetached(id, 6, ctx());
    expect(again).toMatchObject({ stdout: '' });
    expect(again.metadata).toMatchObject({ next_offset: 6 });
    // An offset past the end means the log was rotated: read from its start again.
    expect((await sut.readDetached(id, 10_000, ctx()))[0]).toMatchObject({ stdout: 'start\n' });

    const tasks = await sut.listDetached(ctx());
    expect(tasks).toContainEqual({
      task_id: id,
      command: 'echo start; sleep 30',
      pid,
      status: 'running',
      pid_file: `${dir}/np_${id}.pid`,
      meta_file: `${dir}/np_${id}.pid.meta`,
      log_file: `${dir}/np_${id}.log`,
      age_file: `${dir}/np_${id}.pid.age`,
    });
    const listed = await sut.send([], req({ list_active_detached_tasks: true }), ctx());
    expect(listed[0]).toMatchObject({ command: 'list_active_detached_tasks', exit_status: 0 });
    expect(listed[0].metadata.active_tasks).toContainEqual(expect.objectContaining({ task_id: id }));

    const [k] = await sut.killDetached(id, ctx());
    expect(k).toMatchObject({ command: 'kill', stdout: `Task ${id} killed and cleaned up.`, exit_status: 0 });
    expect(await sh(`ps -p ${pid} -o args= | grep -c np_ || true`)).toBe('0\n');
    expect(await sh(`ls ${dir} | grep -c ${id} || true`)).toBe('0\n');
    expect((await sut.listDetached(ctx())).map((t) => t.task_id)).not.toContain(id);
    expect((await sut.readDetached(id, 0, ctx()))[0]).toMatchObject({ exit_status: 1, stderr: `Detached task ${id} not found on ${env.sshHost}` });
    expect((await sut.killDetached(id, ctx()))[0]).toMatchObject({ exit_status: 1, stderr: `Detached task ${id} not found on ${env.sshHost}` });
  });

  it('follows a task to completion with its real exit code', async () => {
    const [id, l] = await launch('echo a; sleep 1; echo b; exit 3');
    expect(l.metadata.is_running).toBe(true);
    const [text, last] = await readToEnd(id);
    expect(text).toBe('a\nb\n');
    expect(last.metadata).toMatchObject({ is_running: false, completed: true, exit_code: 3 });
    expect(await sh(`wc -l < ${dir}/np_${id}.pid.age`)).toBe('2\n');
  });

  it('reports a task that ended within the launch check with its log and exit code', async () => {
    const [id, r] = await launch('echo boom; exit 5');
    expect(r).toMatchObject({ command: 'launch', stdout: 'boom', stderr: 'boom', exit_status: 5 });
    expect(r.metadata).toMatchObject({ task_id: id, is_running: false });
  });

  it('runs script_content with working_directory and environment', async () => {
    const id = newId();
    launched.push({ id, sudo: false });
    const r = await sut.detach([], req({ script_content: 'pwd\necho "$GREETING"\n', working_directory: '/tmp', environment: { GREETING: "it's me" } }), ctx(), { taskId: id });
    expect(r[0]).toMatchObject({ stdout: "/tmp\nit's me", exit_status: 0 });
    expect(r[0].metadata.command).toBe(`bash '${dir}/np_${id}.sh'`);
  });

  it('uploads first and runs the uploaded file when execute_after_upload is set', async () => {
    const local = mkdtempSync(join(tmpdir(), 'np-det-'));
    try {
      const src = join(local, 'job.sh');
      writeFileSync(src, 'echo uploaded-job\n');
      const remote = `/tmp/np-det-${randomUUID()}.sh`;
      const id = newId();
      launched.push({ id, sudo: false });
      const r = await sut.detach(['echo not-this'], req(), ctx(), {
        taskId: id,
        fileTransfer: { operation: 'upload', local_path: src, remote_path: remote, execute_after_upload: true, execute_command: `sh ${remote}` },
      });
      expect(r).toEqual([expect.objectContaining({ command: 'launch', stdout: 'uploaded-job', exit_status: 0 })]);
      await sh(`rm -f ${remote}`);
    } finally {
      rmSync(local, { recursive: true, force: true });
    }
  });

  it('runs under sudo; such a task needs sudo to be killed', async () => {
    const [id, l] = await launch('id -u; sleep 30', { sudo: true });
    expect(l.metadata.is_running).toBe(true);
    expect(JSON.stringify(l)).not.toContain(env.sshPassword);
    const [q] = await sut.readDetached(id, 0, ctx());
    expect(q.stdout).toBe('0\n');
    const [denied] = await sut.killDetached(id, ctx());
    expect(denied).toMatchObject({ exit_status: 1, stderr: expect.stringContaining('still running') });
    const [k] = await sut.killDetached(id, ctx(), { sudo: true });
    expect(k).toMatchObject({ exit_status: 0 });
    expect((await sut.listDetached(ctx())).map((t) => t.task_id)).not.toContain(id);
  });

  it('collects the files of tasks that ended more than a day ago, and only those', async () => {
    const [old] = await launch('echo old');
    const [recent] = await launch('echo recent');
    const [running] = await launch('sleep 30');
    // Back-date the end of `old` by 25 hours.
    await sh(`f=${dir}/np_${old}.pid.age; s=$(head -n1 $f); printf '%s\\n%s\\n' $((s-90000)) $(($(date +%s)-90000)) > $f`);
    const removed = await sut.collectDetachedGarbage();
    expect(removed).toContain(old);
    expect(removed).not.toContain(recent);
    expect(removed).not.toContain(running);
    expect(await sh(`ls ${dir} | grep -c ${old} || true`)).toBe('0\n');
    expect(await sh(`ls ${dir} | grep -c ${recent}`)).not.toBe('0\n');
  });

  it('refuses a task id that is not a plain name', async () => {
    const r = await sut.launchDetached('true', { taskId: '../../etc' }, ctx());
    expect(r[0]).toMatchObject({ command: 'launch', exit_status: 1, stderr: expect.stringContaining("Invalid detached task id '../../etc'") });
    expect((await sut.readDetached('a;b', 0, ctx()))[0].exit_status).toBe(1);
  });
});
