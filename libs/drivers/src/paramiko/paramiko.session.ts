import { DriverExecutionResult, executionResult } from '@netpulse/contracts';
import type { DriverRequest, DriverSession, ExecContext } from '../core/device-driver';
import { decodeOutput, seconds3 } from '../core/execution-result';
import { validateArgs } from '../core/validate-args';
import type { ExecOutput, SshConnection } from '../transport/ssh.connection';
import { ParamikoDriverArgsDto } from './paramiko-driver-args.dto';

/** POSIX single-quote a value for a shell line. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A Linux host over SSH exec channels: one channel per command, real exit status, byte-exact output. */
export class ParamikoSession implements DriverSession {
  constructor(
    private readonly conn: SshConnection,
    readonly host: string,
    private readonly loginPassword: string | null,
  ) {}

  get remoteVersion(): string {
    return this.conn.remoteVersion;
  }

  async send(commands: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    const args = validateArgs(ParamikoDriverArgsDto, req.driver_args ?? {}, 'driver_args');
    const results: DriverExecutionResult[] = [];
    for (const command of commands) {
      if (ctx.signal.aborted) break;
      const started = Date.now();
      const out = await this.run(command, args, ctx);
      results.push(this.toResult(command, out, started, ctx.maxOutputBytes));
    }
    return results;
  }

  async config(lines: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    const args = validateArgs(ParamikoDriverArgsDto, req.driver_args ?? {}, 'driver_args');
    const started = Date.now();
    const stdout: string[] = [];
    const stderr: string[] = [];
    let exitStatus = 0;
    let truncated = false;
    for (const line of lines) {
      if (ctx.signal.aborted) break;
      const out = await this.run(line, args, ctx);
      const o = decodeOutput(out.stdout, ctx.maxOutputBytes);
      truncated ||= o.truncated || out.truncated;
      stdout.push(o.text);
      if (out.stderr.length > 0) stderr.push(out.stderr.toString('utf8'));
      const code = statusOf(out);
      if (code !== 0) {
        exitStatus = code;
        if (args.stop_on_error) break;
      }
    }
    const metadata: Record<string, unknown> = { host: this.host, duration_seconds: seconds3(Date.now() - started) };
    if (truncated) metadata.truncated = true;
    return [executionResult({ command: lines.join('\n'), stdout: stdout.join('\n'), stderr: stderr.join('\n'), exit_status: exitStatus, metadata })];
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

  private run(command: string, args: ParamikoDriverArgsDto, ctx: ExecContext): Promise<ExecOutput> {
    let line = command;
    if (args.environment && Object.keys(args.environment).length > 0) {
      const exports = Object.entries(args.environment).map(([k, v]) => `export ${k}=${shellQuote(v)}`);
      line = `${exports.join(' && ')} && ${line}`;
    }
    let stdin: string | undefined;
    if (args.sudo) {
      // -S reads the password from stdin and -p '' prints no prompt, so neither reaches stdout.
      line = `sudo -S -p '' bash -c ${shellQuote(line)}`;
      stdin = `${args.sudo_password ?? this.loginPassword ?? ''}\n`;
    }
    return this.conn.exec(line, {
      pty: args.get_pty,
      stdin,
      timeoutMs: args.timeout ? args.timeout * 1000 : undefined,
      signal: ctx.signal,
      maxBytes: ctx.maxOutputBytes,
    });
  }

  private toResult(command: string, out: ExecOutput, started: number, max: number): DriverExecutionResult {
    const o = decodeOutput(out.stdout, max);
    let stderr = out.stderr.toString('utf8');
    if (out.timedOut) stderr += `${stderr ? '\n' : ''}Command timed out`;
    const metadata: Record<string, unknown> = { host: this.host, duration_seconds: seconds3(Date.now() - started) };
    if (o.truncated || out.truncated) metadata.truncated = true;
    return executionResult({ command, stdout: o.text, stderr, exit_status: statusOf(out), metadata });
  }
}

/** The remote exit status; a command killed by a signal or timed out counts as -1. */
function statusOf(out: ExecOutput): number {
  if (out.exitStatus !== null) return out.exitStatus;
  return -1;
}
