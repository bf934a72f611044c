import { DriverExecutionResult, executionResult, outputOf } from '@netpulse/contracts';
import type { DriverRequest, DriverSession, ExecContext } from '../core/device-driver';
import { mayProceed } from '../core/device-driver';
import { errorResult, seconds3 } from '../core/execution-result';
import { validateArgs } from '../core/validate-args';
import { FileTransferSpec, parseFileTransfer, TransferPaths } from '../file-transfer/file-transfer.options';
import { SshConnection, SshError } from '../transport/ssh.connection';
import { DetachedLaunchOptions, DetachedScript, DetachedTaskLauncher } from './detached-task.launcher';
import { DETACHED_RETENTION_SECONDS, DetachedTaskInfo, DetachedTaskManager } from './detached-task.manager';
import { ParamikoDriverArgsDto } from './paramiko-driver-args.dto';
import { ParamikoFileTransferHandler } from './paramiko-file-transfer.handler';
import { ShellCommandRunner, ShellRunOutput } from './shell-command.runner';
import { inWorkingDirectory, shellQuote, withEnvironment } from './shell-line.builder';

export { shellQuote } from './shell-line.builder';

/** Expect mode gives up on unchanged output after this long when neither timeout is set (the original's default). */
const DEFAULT_EXPECT_IDLE_S = 60;

/**
 * A Linux host over SSH exec channels: one channel per command, real exit status, byte-exact output;
 * plus scripts, SFTP file transfer and detached tasks.
 */
export class ParamikoSession implements DriverSession {
  private readonly runner: ShellCommandRunner;
  private readonly launcher: DetachedTaskLauncher;
  private readonly tasks: DetachedTaskManager;
  private readonly files: ParamikoFileTransferHandler;

  constructor(
    private readonly conn: SshConnection,
    readonly host: string,
    private readonly loginPassword: string | null,
    /** The login user: detached task files live in `/tmp/np-detached-<username>`. */
    readonly username: string,
  ) {
    this.runner = new ShellCommandRunner(conn);
    this.launcher = new DetachedTaskLauncher(this.runner, username, host, loginPassword);
    this.tasks = new DetachedTaskManager(this.runner, username, host, loginPassword);
    this.files = new ParamikoFileTransferHandler(conn, this.runner, host);
  }

  get remoteVersion(): string {
    return this.conn.remoteVersion;
  }

  /**
   * One result per command. With `script_content` the script runs instead (as in the original),
   * so `send([])` runs it too; `list_active_detached_tasks` lists the host's detached tasks.
   */
  async send(commands: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    const args = parseArgs(req);
    if (args.list_active_detached_tasks) return [await this.listResult(ctx)];
    if (args.script_content) return [await this.script(args, ctx)];
    const results: DriverExecutionResult[] = [];
    for (const command of commands) {
      if (!mayProceed(ctx)) break;
      results.push(await this.command(command, args, ctx, true));
    }
    return results;
  }

  /**
   * Runs the lines one after another into one aggregated result, stopping at the
   * first failure with `stop_on_error`. No lines but `script_content`: runs the script (the
   * original returned `[]` here).
   */
  async config(lines: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    const args = parseArgs(req);
    if (lines.length === 0 && args.script_content) return [await this.script(args, ctx)];
    const started = Date.now();
    const stdout: string[] = [];
    const stderr: string[] = [];
    let exitStatus = 0;
    let truncated = false;
    for (const line of lines) {
      if (!mayProceed(ctx)) break;
      const r = await this.command(line, args, ctx, false);
      truncated ||= r.metadata.truncated === true;
      stdout.push(String(r.stdout));
      if (r.stderr) stderr.push(r.stderr);
      if (r.exit_status !== 0) {
        exitStatus = r.exit_status;
        if (args.stop_on_error) break;
      }
    }
    const metadata: Record<string, unknown> = { host: this.host, duration_seconds: seconds3(Date.now() - started) };
    if (truncated) metadata.truncated = true;
    return [executionResult({ command: lines.join('\n'), stdout: stdout.join('\n'), stderr: stderr.join('\n'), exit_status: exitStatus, metadata })];
  }

  /** Runs `driver_args.script_content` with its interpreter: `script_execution_<interpreter>`. */
  async runScript(req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    const args = parseArgs(req);
    if (!args.script_content) return [errorResult('script_execution', 'driver_args.script_content is empty', this.host)];
    return [await this.script(args, ctx)];
  }

  /**
   * The request's `file_transfer` over SFTP, then `execute_command` and the cleanup
   * when asked (run with the request's driver_args: sudo, environment, timeout).
   */
  async transfer(fileTransfer: unknown, req: DriverRequest, ctx: ExecContext, paths: TransferPaths = {}): Promise<DriverExecutionResult[]> {
    const args = parseArgs(req);
    return this.files.run(parseFileTransfer(fileTransfer), paths, ctx, (command, c) => this.command(command, args, c, true));
  }

  /**
   * `detach: true`: uploads first when the request carries an upload (and then runs
   * its `execute_command` when `execute_after_upload`), else runs `script_content`, else the first
   * command, as a detached task. One `launch` result, or the failed upload's results.
   */
  async detach(commands: string[], req: DriverRequest, ctx: ExecContext, opts: { taskId: string; fileTransfer?: unknown; paths?: TransferPaths }): Promise<DriverExecutionResult[]> {
    const args = parseArgs(req);
    let what: string | DetachedScript | null = commands[0] ?? null;
    const spec: FileTransferSpec | null = opts.fileTransfer ? parseFileTransfer(opts.fileTransfer) : null;
    if (spec?.operation === 'upload') {
      const up = await this.files.run(spec, opts.paths ?? {}, ctx, null);
      if (up[0].exit_status !== 0) return up;
      if (spec.execute_after_upload && spec.execute_command) what = spec.execute_command;
    } else if (args.script_content) {
      what = { content: args.script_content, interpreter: args.script_interpreter || 'bash' };
    }
    return this.launchDetached(what ?? '', { taskId: opts.taskId, workingDirectory: args.working_directory, environment: args.environment, sudo: args.sudo, sudoPassword: args.sudo_password }, ctx);
  }

  /** Starts `what` as detached task `opts.taskId`: one `launch` result. */
  async launchDetached(what: string | DetachedScript, opts: DetachedLaunchOptions, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    return [await this.guard('launch', () => this.launcher.launch(what, opts, ctx.signal))];
  }

  /** New log bytes since `offset`: one `query` result with `next_offset`, `is_running`, `completed`, `pid`. */
  async readDetached(taskId: string, offset: number, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    return [await this.guard('query', () => this.tasks.read(taskId, offset, ctx.maxOutputBytes, ctx.signal))];
  }

  /** Kills the task's process group and removes its files; `sudo` for tasks launched with sudo. */
  async killDetached(taskId: string, ctx: ExecContext, opts: { sudo?: boolean; sudoPassword?: string | null } = {}): Promise<DriverExecutionResult[]> {
    const sudo = opts.sudo ? { password: opts.sudoPassword ?? null } : undefined;
    return [await this.guard('kill', () => this.tasks.kill(taskId, ctx.signal, sudo))];
  }

  /** Detached tasks of the login user whose process is alive. */
  listDetached(ctx: Pick<ExecContext, 'signal'>): Promise<DetachedTaskInfo[]> {
    return this.tasks.list(ctx.signal);
  }

  /**
   * Removes files of detached tasks that ended more than `retentionSeconds` ago; resolves their ids.
   * The caller rate-limits it (the original: once per 1800 s per host, user and port).
   */
  collectDetachedGarbage(retentionSeconds: number = DETACHED_RETENTION_SECONDS, signal: AbortSignal = new AbortController().signal): Promise<string[]> {
    return this.tasks.collectGarbage(retentionSeconds, signal);
  }

  async probe(): Promise<boolean> {
    if (!this.conn.isAlive()) return false;
    try {
      const out = await this.conn.exec('echo 1', { timeoutMs: 5000 });
      return out.stdout.toString().trim() === '1';
    } catch {
      return false;
    }
  }

  isAlive(): boolean {
    return this.conn.isAlive();
  }

  close(): Promise<void> {
    return this.conn.close();
  }

  private async command(command: string, args: ParamikoDriverArgsDto, ctx: ExecContext, allowExpect: boolean): Promise<DriverExecutionResult> {
    const started = Date.now();
    return this.guard(command, async () => {
      const expect = allowExpect && args.expect_map && Object.keys(args.expect_map).length > 0 ? args.expect_map : null;
      const out = await this.runner.run({
        line: withEnvironment(command, args.environment),
        pty: args.get_pty,
        sudo: args.sudo,
        sudoPassword: args.sudo_password ?? this.loginPassword,
        expect: expect ? { map: expect, idleMs: (args.expect_idle_timeout ?? args.timeout ?? DEFAULT_EXPECT_IDLE_S) * 1000 } : null,
        timeoutMs: args.timeout ? args.timeout * 1000 : undefined,
        signal: ctx.signal,
        maxBytes: ctx.maxOutputBytes,
      });
      return this.toResult(command, out, started, ctx.maxOutputBytes);
    });
  }

  private async script(args: ParamikoDriverArgsDto, ctx: ExecContext): Promise<DriverExecutionResult> {
    const started = Date.now();
    const interpreter = args.script_interpreter || 'bash';
    const content = args.script_content ?? '';
    const name = `script_execution_${interpreter}`;
    return this.guard(name, async () => {
      const wrap = (line: string): string => withEnvironment(inWorkingDirectory(line, args.working_directory), args.environment);
      let line = wrap(interpreter);
      let stdin: string | undefined = content;
      if (args.get_pty) {
        // A terminal would echo a script sent on stdin and never deliver its EOF: run it from a file.
        const file = await this.runner.run({ line: 'f=$(mktemp /tmp/np-script.XXXXXX) && cat > "$f" && printf %s "$f"', pty: false, sudo: false, sudoPassword: null, stdin: content, timeoutMs: 30000, signal: ctx.signal, maxBytes: 4096 });
        const path = file.stdout.toString().trim();
        if (file.exitStatus !== 0 || !path) return errorResult(name, `Could not stage the script: ${file.stderr.toString().trim()}`, this.host);
        line = `${wrap(`${interpreter} ${shellQuote(path)}`)}; rc=$?; rm -f ${shellQuote(path)}; exit $rc`;
        stdin = undefined;
      }
      const out = await this.runner.run({
        line,
        pty: args.get_pty,
        sudo: args.sudo,
        sudoPassword: args.sudo_password ?? this.loginPassword,
        stdin,
        timeoutMs: args.timeout ? args.timeout * 1000 : undefined,
        signal: ctx.signal,
        maxBytes: ctx.maxOutputBytes,
      });
      const r = this.toResult(name, out, started, ctx.maxOutputBytes);
      r.metadata = { ...r.metadata, script_content_length: content.length };
      return r;
    });
  }

  private async listResult(ctx: ExecContext): Promise<DriverExecutionResult> {
    const started = Date.now();
    return this.guard('list_active_detached_tasks', async () => {
      const tasks = await this.tasks.list(ctx.signal);
      return executionResult({
        command: 'list_active_detached_tasks',
        stdout: `Found ${tasks.length} active detached tasks`,
        metadata: { host: this.host, duration_seconds: seconds3(Date.now() - started), active_tasks: tasks },
      });
    });
  }

  /**
   * Errors of one step (bad args, a bad task id) become that step's `exit_status: 1` result. Transport
   * errors propagate: the caller must learn that the session is broken.
   */
  private async guard(command: string, step: () => Promise<DriverExecutionResult>): Promise<DriverExecutionResult> {
    try {
      return await step();
    } catch (err) {
      if (err instanceof SshError) throw err;
      return errorResult(command, err instanceof Error ? err.message : String(err), this.host);
    }
  }

  private toResult(command: string, out: ShellRunOutput, started: number, max: number): DriverExecutionResult {
    // A large output stays bytes (no second copy as a string).
    const o = outputOf(out.stdout, max);
    let stderr = out.stderr.toString('utf8');
    if (out.note) stderr += `${stderr && !stderr.endsWith('\n') ? '\n' : ''}${out.note}`;
    const metadata: Record<string, unknown> = { host: this.host, duration_seconds: seconds3(Date.now() - started) };
    if (o.truncated || out.truncated) metadata.truncated = true;
    return executionResult({ command, stdout: o.output, stderr, exit_status: out.exitStatus, metadata });
  }
}

function parseArgs(req: DriverRequest): ParamikoDriverArgsDto {
  return validateArgs(ParamikoDriverArgsDto, req.driver_args ?? {}, 'driver_args');
}
