import { DriverExecutionResult, executionResult } from '@netpulse/contracts';
import type { DriverRequest, DriverSession, ExecContext } from '../core/device-driver';
import { mayProceed } from '../core/device-driver';
import { decodeOutput, seconds3 } from '../core/execution-result';
import { validateArgs } from '../core/validate-args';
import type { SshConnection } from '../transport/ssh.connection';
import { CliChannel, CliReadError, lastLine, normalizeOutput } from './cli.channel';
import { NetmikoDriverArgsDto } from './netmiko-driver-args.dto';
import type { CliPlatform, Confirmation } from './platforms/cli-platform';
import { scpUpload } from '../transport/scp.upload';

const FIND_PROMPT_MS = 20_000;
const SEND_READ_TIMEOUT_S = 30;
const CONFIG_READ_TIMEOUT_S = 10;

/**
 * One interactive CLI session on a network device: the shell channel, the device's prompt, and the
 * netmiko-compatible `send` / `config` semantics.
 */
export class NetmikoSession implements DriverSession {
  private prompt = '';
  private base = '';
  private jobs = 0;

  private constructor(
    private readonly conn: SshConnection,
    private readonly cli: CliChannel,
    private readonly platform: CliPlatform,
    readonly host: string,
    private readonly secret: string,
  ) {}

  /** `promptTimeoutMs`: how long to wait for the first prompt (at most 20 s; the connection `timeout` when shorter). */
  static async open(conn: SshConnection, platform: CliPlatform, host: string, secret: string, signal?: AbortSignal, promptTimeoutMs = FIND_PROMPT_MS): Promise<NetmikoSession> {
    const ch = await conn.shell({ cols: 511, rows: 24 });
    const s = new NetmikoSession(conn, new CliChannel(ch, platform.pagerPattern), platform, host, secret);
    try {
      await s.findPrompt(Math.min(FIND_PROMPT_MS, promptTimeoutMs), signal);
      for (const cmd of platform.sessionSetup) await s.command(cmd, 10, signal);
    } catch (err) {
      await s.close();
      throw err;
    }
    return s;
  }

  get currentPrompt(): string {
    return this.prompt;
  }

  async send(commands: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    const args = validateArgs(NetmikoDriverArgsDto, req.driver_args ?? {}, 'driver_args');
    await this.beginJob(ctx.signal);
    if (req.extras.enable_mode === true) await this.enable(ctx.signal);
    const timeout = args.read_timeout ?? SEND_READ_TIMEOUT_S;
    const results: DriverExecutionResult[] = [];
    for (const command of commands) {
      if (!mayProceed(ctx)) break;
      const started = Date.now();
      try {
        const expect = args.expect_string ? new RegExp(args.expect_string) : null;
        const raw = await this.run(command, timeout, ctx.signal, expect ? (t) => expect.test(normalizeOutput(t)) : undefined);
        results.push(this.result(command, this.clean(raw, command, args.strip_command, args.strip_prompt && !expect), started, ctx.maxOutputBytes));
      } catch (err) {
        // Stopped or timed out: keep what was gathered; the interrupted command has no result.
        if (ctx.signal.aborted) throw new PartialResults(results, err);
        results.push(executionResult({ command, stderr: err instanceof Error ? err.message : String(err), exit_status: 1, metadata: { host: this.host, duration_seconds: seconds3(Date.now() - started) } }));
        // The session's state is unknown after a failed read: stop here; the caller drops the session.
        throw new PartialResults(results, err);
      }
    }
    return results;
  }

  async config(lines: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    const args = validateArgs(NetmikoDriverArgsDto, req.driver_args ?? {}, 'driver_args');
    await this.beginJob(ctx.signal);
    if (req.extras.enable_mode === true || this.platform.enable) await this.enable(ctx.signal);
    const timeout = args.read_timeout ?? CONFIG_READ_TIMEOUT_S;
    const errorPattern = args.error_pattern ? new RegExp(args.error_pattern, 'i') : this.platform.errorPattern;
    const enter = args.config_mode_command ?? this.platform.configEnter;
    if (enter && !this.platform.isConfigPrompt(this.prompt)) await this.command(enter, timeout, ctx.signal, true);
    const results: DriverExecutionResult[] = [];
    let failedAt: string | null = null;
    for (const line of lines) {
      if (!mayProceed(ctx)) break;
      if (failedAt !== null) {
        results.push(executionResult({ command: line, stderr: `Skipped due to previous error in execution of '${failedAt}'`, exit_status: 1, metadata: { host: this.host, duration_seconds: 0 } }));
        continue;
      }
      const started = Date.now();
      const out = this.clean(await this.run(line, timeout, ctx.signal, undefined, true), line, true, true).replace(/\n?\[edit[^\]\n]*\]\s*$/, '');
      const r = this.result(line, out, started, ctx.maxOutputBytes);
      if (errorPattern.test(out)) {
        const last = out.split('\n').map((l) => l.trim()).filter(Boolean).pop() ?? out.trim();
        r.exit_status = 1;
        r.stderr = `Device reported configuration error: ${last}`;
        failedAt = line;
      }
      results.push(r);
    }
    const tailOutputs: string[] = [];
    if (this.platform.commit && mayProceed(ctx)) tailOutputs.push(this.clean(await this.command(this.platform.commit, Math.max(timeout, 60), ctx.signal, true), this.platform.commit, true, true));
    if (enter && this.platform.isConfigPrompt(this.prompt)) await this.command(this.platform.configExit, timeout, ctx.signal);
    if (req.extras.save === true && failedAt === null && this.platform.save && mayProceed(ctx)) tailOutputs.push(await this.saveConfig(timeout, ctx.signal));
    const last = results[results.length - 1];
    if (last && tailOutputs.length > 0) last.stdout = [String(last.stdout), ...tailOutputs].filter(Boolean).join('\n');
    return results;
  }

  /**
   * Sends one line in whatever mode the session is in and reads to the next prompt, answering the
   * confirmations it asks (`Destination filename [x]?`); returns the output without echo and prompt.
   * `anyPrompt` accepts a changed prompt (entering or leaving config mode, a new hostname).
   */
  async interact(line: string, signal: AbortSignal, opts: { confirmations?: readonly Confirmation[]; timeoutS?: number; anyPrompt?: boolean } = {}): Promise<string> {
    const confirmations = opts.confirmations ?? [];
    const timeoutMs = (opts.timeoutS ?? SEND_READ_TIMEOUT_S) * 1000;
    const isPrompt = (t: string): boolean => (opts.anyPrompt ? this.platform.promptPattern.test(lastLine(t)) : this.isOwnPrompt(lastLine(t)));
    this.cli.clear();
    this.cli.write(`${line}\n`);
    let out = '';
    for (let i = 0; i < 8; i++) {
      const raw = await this.cli.readUntil((t) => isPrompt(t) || confirmations.some((c) => c.pattern.test(normalizeOutput(t))), timeoutMs, signal, `the prompt after '${line}'`, i === 0 ? echoOf(line) : undefined);
      out += raw;
      if (isPrompt(raw)) break;
      const confirm = confirmations.find((c) => c.pattern.test(normalizeOutput(raw)));
      if (!confirm) break;
      this.cli.write(`${confirm.answer}\n`);
    }
    this.setPrompt(lastLine(out));
    return this.clean(out, line, true, true);
  }

  /** Prepares the session for a job's own command sequence: stale output dropped, prompt found, enable mode. */
  async prepare(signal: AbortSignal): Promise<void> {
    await this.beginJob(signal);
    await this.enable(signal);
  }

  /** Copies `content` to `path` on the device over SCP, on its own channel of this SSH connection. */
  upload(path: string, content: string, signal: AbortSignal, timeoutS = 60): Promise<void> {
    return scpUpload(this.conn, path, Buffer.from(content, 'utf8'), signal, timeoutS * 1000);
  }

  /** The platform's wording of a refused configuration line. */
  get configErrorPattern(): RegExp {
    return this.platform.errorPattern;
  }

  get inConfigMode(): boolean {
    return this.platform.isConfigPrompt(this.prompt);
  }

  async probe(): Promise<boolean> {
    if (!this.isAlive()) return false;
    try {
      this.cli.clear();
      this.cli.write('\n');
      await this.cli.readUntil((t) => this.isOwnPrompt(lastLine(t)), 5000);
      return true;
    } catch {
      return false;
    }
  }

  isAlive(): boolean {
    return this.conn.isAlive() && this.cli.isOpen;
  }

  async close(): Promise<void> {
    this.cli.close();
    await this.conn.close();
  }

  /** Before a job on a reused session: drop stale output and re-find the prompt, leaving config mode if a job left us there. */
  private async beginJob(signal: AbortSignal): Promise<void> {
    this.jobs++;
    if (this.jobs === 1) return;
    this.cli.clear();
    // The session is known: one RETURN re-finds the prompt (no banner to see past).
    await this.findPrompt(10_000, signal, false);
    if (this.platform.configExit && this.platform.isConfigPrompt(this.prompt) && this.platform.configEnter) await this.command(this.platform.configExit, 10, signal);
  }

  private async findPrompt(timeoutMs: number, signal?: AbortSignal, confirm = true): Promise<void> {
    this.cli.write('\n');
    let raw = await this.cli.readUntil((t) => this.platform.promptPattern.test(lastLine(t)), timeoutMs, signal, 'the device prompt');
    if (confirm) {
      // The login banner may end in a prompt-looking line; one more RETURN confirms the real prompt.
      this.cli.write('\n');
      raw = await this.cli.readUntil((t) => this.platform.promptPattern.test(lastLine(t)), timeoutMs, signal, 'the device prompt');
    }
    this.setPrompt(lastLine(raw));
  }

  private setPrompt(prompt: string): void {
    this.prompt = prompt;
    this.base = this.platform.basePrompt(prompt);
  }

  private isOwnPrompt(line: string): boolean {
    return this.platform.promptPattern.test(line) && line.includes(this.base);
  }

  /** Sends one line and reads to the next prompt; `anyPrompt` accepts a changed hostname (config). */
  private async run(line: string, timeoutS: number, signal: AbortSignal, until?: (t: string) => boolean, anyPrompt = false): Promise<string> {
    this.cli.clear();
    this.cli.write(`${line}\n`);
    const isPrompt = (t: string): boolean => (anyPrompt ? this.platform.promptPattern.test(lastLine(t)) : this.isOwnPrompt(lastLine(t)));
    try {
      const raw = await this.cli.readUntil(until ?? isPrompt, timeoutS * 1000, signal, `the prompt after '${line}'`, echoOf(line));
      if (!until || isPrompt(raw)) this.setPrompt(lastLine(raw));
      return raw;
    } catch (err) {
      if (err instanceof CliReadError && err.kind === 'aborted' && this.cli.isOpen) this.cli.write('\x03');
      throw err;
    }
  }

  private async command(line: string, timeoutS: number, signal?: AbortSignal, anyPrompt = false): Promise<string> {
    return this.run(line, timeoutS, signal ?? new AbortController().signal, undefined, anyPrompt);
  }

  private async enable(signal: AbortSignal): Promise<void> {
    const en = this.platform.enable;
    if (!en || en.isEnabled(this.prompt)) return;
    this.cli.clear();
    this.cli.write(`${en.command}\n`);
    const raw = await this.cli.readUntil((t) => en.passwordPrompt.test(normalizeOutput(t)) || this.isOwnPrompt(lastLine(t)), 10_000, signal, 'the enable password prompt');
    if (en.passwordPrompt.test(normalizeOutput(raw))) {
      this.cli.write(`${this.secret}\n`);
      const after = await this.cli.readUntil((t) => this.isOwnPrompt(lastLine(t)) || en.passwordPrompt.test(normalizeOutput(t)), 10_000, signal, 'the prompt after enable');
      this.setPrompt(lastLine(after));
    } else {
      this.setPrompt(lastLine(raw));
    }
    if (!en.isEnabled(this.prompt)) {
      this.cli.write('\x03\n');
      throw new Error('Failed to enter enable mode: check the enable secret');
    }
  }

  private async saveConfig(timeoutS: number, signal: AbortSignal): Promise<string> {
    const save = this.platform.save;
    if (!save) return '';
    this.cli.clear();
    this.cli.write(`${save.command}\n`);
    let out = '';
    for (let i = 0; i < 4; i++) {
      const raw = await this.cli.readUntil(
        (t) => this.isOwnPrompt(lastLine(t)) || save.confirmations.some((c) => c.pattern.test(normalizeOutput(t))),
        Math.max(timeoutS, 30) * 1000,
        signal,
        `the prompt after '${save.command}'`,
      );
      out += raw;
      const confirm = save.confirmations.find((c) => c.pattern.test(normalizeOutput(raw)));
      if (!confirm || this.isOwnPrompt(lastLine(raw))) break;
      this.cli.write(`${confirm.answer}\n`);
    }
    this.setPrompt(lastLine(out));
    return this.clean(out, save.command, true, true);
  }

  /** Removes the echoed command line (and any stray prompt before it) and the trailing prompt, as netmiko does. */
  private clean(raw: string, command: string, stripCommand: boolean, stripPrompt: boolean): string {
    let lines = normalizeOutput(raw).split('\n');
    if (stripCommand) {
      const echo = echoOf(command);
      const at = echo ? lines.slice(0, 5).findIndex((l) => l.includes(echo)) : -1;
      if (at >= 0) lines = lines.slice(at + 1);
    }
    if (stripPrompt && lines.length > 0 && this.platform.promptPattern.test(lines[lines.length - 1].trim())) lines = lines.slice(0, -1);
    return lines.join('\n');
  }

  private result(command: string, text: string, started: number, max: number): DriverExecutionResult {
    const o = decodeOutput(Buffer.from(text, 'utf8'), max);
    const metadata: Record<string, unknown> = { host: this.host, duration_seconds: seconds3(Date.now() - started) };
    if (o.truncated) metadata.truncated = true;
    return executionResult({ command, stdout: o.text, metadata });
  }
}

/** What a device echoes of a typed line (its start: long lines may wrap); none for an empty line. */
function echoOf(line: string): string | undefined {
  const t = line.trim().slice(0, 40);
  return t === '' ? undefined : t;
}

/** Results gathered before a command failed mid-job; the runner keeps them and drops the session. */
export class PartialResults extends Error {
  constructor(
    readonly results: DriverExecutionResult[],
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'PartialResults';
  }
}
