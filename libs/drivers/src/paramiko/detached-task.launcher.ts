import { setTimeout as sleep } from 'node:timers/promises';
import { DriverExecutionResult, executionResult } from '@netpulse/contracts';
import { seconds3 } from '../core/execution-result';
import { detachedTaskFiles } from './detached-task.files';
import { launchCheckScript, launchScript } from './detached-task.scripts';
import { inWorkingDirectory, shellQuote, withEnvironment } from './shell-line.builder';
import type { ShellCommandRunner, ShellRunOutput } from './shell-command.runner';

/** What a detached task runs when it is a script rather than a command line. */
export interface DetachedScript {
  content: string;
  /** Program that runs the script file, e.g. `bash`, `python3`. */
  interpreter: string;
}

/** How to start a detached task. */
export interface DetachedLaunchOptions {
  /** The controller's task id: 1-64 letters, digits, `-` or `_`. */
  taskId: string;
  /** `cd` here before running (`~` means the home directory). */
  workingDirectory?: string | null;
  /** Exported before running. */
  environment?: Record<string, string> | null;
  /** Start the task as root through `sudo -S`. */
  sudo?: boolean;
  /** Password for sudo; null or absent: the login password. */
  sudoPassword?: string | null;
}

/** How long after the start the launcher checks that the task still runs (0.5 s, as in NetPulse 0.4). */
const SETTLE_MS = 500;
/** Log shown in the launch result of a task that already ended. */
const MAX_EARLY_LOG = 65536;

/** Starts detached tasks: `nohup setsid`, files in `/tmp/np-detached-<user>`, checked after 0.5 s. */
export class DetachedTaskLauncher {
  constructor(
    private readonly runner: ShellCommandRunner,
    private readonly username: string,
    private readonly host: string,
    private readonly loginPassword: string | null,
  ) {}

  async launch(what: string | DetachedScript, opts: DetachedLaunchOptions, signal: AbortSignal): Promise<DriverExecutionResult> {
    const started = Date.now();
    const files = detachedTaskFiles(this.username, opts.taskId);
    const script = typeof what === 'string' ? null : what;
    const command = script ? `${script.interpreter} ${shellQuote(files.script)}` : (what as string);
    if (!command.trim()) return this.failure(opts.taskId, 'No command provided for detached execution.', started);
    // The directory (and script) belong to the login user even for sudo tasks, so reads need no sudo.
    const prep = await this.plain(
      `umask 077; mkdir -p ${shellQuote(files.dir)} && chmod 700 ${shellQuote(files.dir)}${script ? ` && cat > ${shellQuote(files.script)}` : ''}`,
      signal,
      script?.content,
    );
    if (prep.exitStatus !== 0) return this.failure(opts.taskId, `Could not prepare ${files.dir}: ${prep.stderr.toString().trim()}`, started);
    const line = withEnvironment(inWorkingDirectory(command, opts.workingDirectory), opts.environment);
    const out = await this.runner.run({
      line: launchScript(files, opts.taskId, line, command),
      pty: false,
      sudo: opts.sudo ?? false,
      sudoPassword: opts.sudoPassword ?? this.loginPassword,
      timeoutMs: 30000,
      signal,
      maxBytes: 65536,
    });
    const pid = Number.parseInt(out.stdout.toString().trim(), 10);
    if (out.exitStatus !== 0 || !Number.isFinite(pid)) {
      return this.failure(opts.taskId, `Could not launch the task: ${out.stderr.toString().trim() || out.note || `exit status ${out.exitStatus}`}`, started, out.exitStatus || 1);
    }
    await sleep(SETTLE_MS, undefined, { signal }).catch(() => undefined); // a stop ends the wait early
    const check = await this.plain(launchCheckScript(files, MAX_EARLY_LOG), signal);
    const text = check.stdout.toString('utf8');
    const nl = text.indexOf('\n');
    const [, running, exitCode] = (nl >= 0 ? text.slice(0, nl) : text).split('\t');
    const isRunning = running === '1';
    const metadata: Record<string, unknown> = {
      host: this.host,
      duration_seconds: seconds3(Date.now() - started),
      task_id: opts.taskId,
      pid,
      log_file: files.log,
      pid_file: files.pid,
      meta_file: files.meta,
      age_file: files.age,
      command,
      is_running: isRunning,
      created_at: Date.now() / 1000,
    };
    if (isRunning) return executionResult({ command: 'launch', stdout: `Task ${opts.taskId} launched.`, exit_status: 0, metadata });
    // Ended within the settle time: show its output and real exit code (-1 when it was killed).
    const log = nl >= 0 ? text.slice(nl + 1) : '';
    const code = /^\d+$/.test(exitCode ?? '') ? Number(exitCode) : -1;
    metadata.completed = true;
    return executionResult({
      command: 'launch',
      stdout: log.trim() || `Task ${opts.taskId} exited rapidly.`,
      stderr: code !== 0 ? log.trim() : '',
      exit_status: code,
      metadata,
    });
  }

  private plain(line: string, signal: AbortSignal, stdin?: string): Promise<ShellRunOutput> {
    return this.runner.run({ line, pty: false, sudo: false, sudoPassword: null, stdin, timeoutMs: 30000, signal, maxBytes: MAX_EARLY_LOG + 4096 });
  }

  private failure(taskId: string, message: string, started: number, code = 1): DriverExecutionResult {
    return executionResult({
      command: 'launch',
      stderr: message,
      exit_status: code,
      metadata: { host: this.host, duration_seconds: seconds3(Date.now() - started), task_id: taskId, is_running: false },
    });
  }
}

