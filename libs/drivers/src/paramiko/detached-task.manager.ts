import { DriverExecutionResult, executionResult } from '@netpulse/contracts';
import { seconds3 } from '../core/execution-result';
import { detachedDir, detachedTaskFiles, isDetachedTaskId } from './detached-task.files';
import { garbageScript, killScript, listScript, readScript } from './detached-task.scripts';
import type { ShellCommandRunner, ShellRunOutput } from './shell-command.runner';

/** One running task as `POST /detached-tasks/discover` reports it. */
export interface DetachedTaskInfo {
  task_id: string;
  command: string;
  pid: number;
  status: 'running';
  pid_file: string;
  meta_file: string;
  log_file: string;
  age_file: string;
}

/** Files of finished tasks are kept this long on the host. */
export const DETACHED_RETENTION_SECONDS = 86400;

/** Reads, kills, lists and garbage-collects the detached tasks of one login user on one host. */
export class DetachedTaskManager {
  constructor(
    private readonly runner: ShellCommandRunner,
    private readonly username: string,
    private readonly host: string,
    private readonly loginPassword: string | null,
  ) {}

  /**
   * The `query` result: log bytes from `offset` (from 0 if the log shrank), at most `maxBytes` of
   * them; `next_offset` is where the next read starts, so a long log is read in several queries.
   */
  async read(taskId: string, offset: number, maxBytes: number, signal: AbortSignal): Promise<DriverExecutionResult> {
    const started = Date.now();
    const files = detachedTaskFiles(this.username, taskId);
    const out = await this.plain(readScript(files, offset, maxBytes), signal, maxBytes + 256);
    const nl = out.stdout.indexOf(0x0a);
    const head = (nl >= 0 ? out.stdout.subarray(0, nl) : out.stdout).toString().split('\t');
    const [pidText, running, fromText, sizeText, exitText] = head;
    const base = { host: this.host, duration_seconds: 0, task_id: taskId };
    if (out.exitStatus !== 0 && head.length < 5) return executionResult({ command: 'query', stderr: describeFailure(out), exit_status: 1, metadata: { ...base, duration_seconds: seconds3(Date.now() - started) } });
    if (Number(sizeText) < 0) {
      return executionResult({ command: 'query', stderr: `Detached task ${taskId} not found on ${this.host}`, exit_status: 1, metadata: { ...base, duration_seconds: seconds3(Date.now() - started), is_running: false, completed: true } });
    }
    const data = nl >= 0 ? out.stdout.subarray(nl + 1) : Buffer.alloc(0);
    const isRunning = running === '1';
    const metadata: Record<string, unknown> = {
      ...base,
      duration_seconds: seconds3(Date.now() - started),
      is_running: isRunning,
      pid: /^\d+$/.test(pidText) ? Number(pidText) : null,
      next_offset: Number(fromText) + data.length,
      completed: !isRunning,
    };
    if (/^\d+$/.test(exitText ?? '')) metadata.exit_code = Number(exitText);
    return executionResult({ command: 'query', stdout: data.toString('utf8'), exit_status: 0, metadata });
  }

  /** SIGTERM to the task's process group, 0.2 s, SIGKILL, then its files. Unknown task: exit_status 1. */
  async kill(taskId: string, signal: AbortSignal, sudo?: { password: string | null }): Promise<DriverExecutionResult> {
    const started = Date.now();
    const files = detachedTaskFiles(this.username, taskId);
    const out = await this.runner.run({
      line: killScript(files),
      pty: false,
      sudo: sudo !== undefined,
      sudoPassword: sudo ? (sudo.password ?? this.loginPassword) : null,
      timeoutMs: 30000,
      signal,
      maxBytes: 65536,
    });
    const metadata = { host: this.host, duration_seconds: seconds3(Date.now() - started), task_id: taskId };
    if (out.exitStatus === 0) return executionResult({ command: 'kill', stdout: `Task ${taskId} killed and cleaned up.`, metadata });
    const stderr = out.exitStatus === 4 ? `Detached task ${taskId} not found on ${this.host}` : `Could not kill task ${taskId}: ${describeFailure(out)}`;
    return executionResult({ command: 'kill', stderr, exit_status: 1, metadata });
  }

  /** Tasks of this user whose process is alive (`np_*.pid.meta` with a live `np_<id>` process). */
  async list(signal: AbortSignal): Promise<DetachedTaskInfo[]> {
    const out = await this.plain(listScript(detachedDir(this.username)), signal, 16 << 20);
    if (out.exitStatus !== 0) throw new Error(`Could not list detached tasks on ${this.host}: ${describeFailure(out)}`);
    const tasks: DetachedTaskInfo[] = [];
    for (const row of out.stdout.toString('utf8').split('\n')) {
      const [id, pid, ...rest] = row.split('\t');
      // Ids come from files on the host: only well-formed ones name our files.
      if (!id || !isDetachedTaskId(id) || !/^\d+$/.test(pid ?? '')) continue;
      const f = detachedTaskFiles(this.username, id);
      tasks.push({ task_id: id, command: rest.join('\t'), pid: Number(pid), status: 'running', pid_file: f.pid, meta_file: f.meta, log_file: f.log, age_file: f.age });
    }
    return tasks;
  }

  /** Removes the files of tasks that ended more than `retentionSeconds` ago; resolves their ids. */
  async collectGarbage(retentionSeconds: number, signal: AbortSignal): Promise<string[]> {
    const out = await this.plain(garbageScript(detachedDir(this.username), retentionSeconds), signal, 1 << 20);
    if (out.exitStatus !== 0) throw new Error(`Could not clean up detached task files on ${this.host}: ${describeFailure(out)}`);
    return out.stdout
      .toString('utf8')
      .split('\n')
      .filter((id) => id.length > 0);
  }

  private plain(line: string, signal: AbortSignal, maxBytes: number): Promise<ShellRunOutput> {
    return this.runner.run({ line, pty: false, sudo: false, sudoPassword: null, timeoutMs: 30000, signal, maxBytes });
  }
}

function describeFailure(out: ShellRunOutput): string {
  return out.stderr.toString('utf8').trim() || out.note || `exit status ${out.exitStatus}`;
}
