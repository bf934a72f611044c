import { DriverExecutionResult, executionResult } from '@netpulse/contracts';
import type { DriverRequest, DriverSession, ExecContext } from '../core/device-driver';
import { mayProceed } from '../core/device-driver';
import { decodeOutput, seconds3 } from '../core/execution-result';
import type { NetmikoSession } from '../netmiko/netmiko.session';
import { PartialResults } from '../netmiko/netmiko.session';
import type { NapalmPlatform } from './getters/napalm-getter.types';
import type { ConfigContext } from './getters/napalm-getter.types';
import { NAPALM_METHODS, runNapalmConfig, runNapalmMethod } from './napalm.config';
import type { NapalmSessionTarget } from './napalm.config';

/** Getter names NAPALM documents; a command starting with `get_` that is not served here answers which are. */
const GETTER = /^get_[a-z0-9_]+$/;
/** How Cisco-style CLIs refuse a command. */
const CISCO_REFUSAL = /^% ?(Invalid|Incomplete|Ambiguous|Unrecognized)/m;

/**
 * A NAPALM-compatible session: a netmiko-compatible CLI session (same transport, prompts, paging,
 * enable) plus NAPALM's getters and candidate-configuration flow on top of it.
 */
export class NapalmSession implements DriverSession, NapalmSessionTarget {
  constructor(
    private readonly cliSession: NetmikoSession,
    private readonly platform: NapalmPlatform,
  ) {}

  get host(): string {
    return this.cliSession.host;
  }

  async send(commands: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    const results: DriverExecutionResult[] = [];
    const args = req.driver_args ?? {};
    for (const command of commands) {
      if (!mayProceed(ctx)) break;
      const started = Date.now();
      const name = command.trim();
      const method = NAPALM_METHODS.find((m) => m === name);
      if (method) {
        try {
          results.push(await runNapalmMethod(this, command, method, ctx));
        } catch (err) {
          throw new PartialResults(results, err);
        }
        continue;
      }
      if (!GETTER.test(name)) {
        const [r] = await this.cli([command], ctx, args.read_timeout);
        results.push(r);
        continue;
      }
      const getter = this.platform.getters[name];
      if (!getter) {
        results.push(this.failed(command, `${name} is not supported for ${this.platform.name}; supported getters: ${Object.keys(this.platform.getters).sort().join(', ')}`, started));
        continue;
      }
      try {
        const value = await getter((cmd) => this.text(cmd, ctx), args);
        results.push(this.valueResult(command, value, started));
      } catch (err) {
        if (err instanceof PartialResults || ctx.signal.aborted) throw new PartialResults(results, err);
        results.push(this.failed(command, `${name} failed: ${err instanceof Error ? err.message : String(err)}`, started));
      }
    }
    return results;
  }

  async config(lines: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    return runNapalmConfig(this, lines, req, ctx);
  }

  /** Runs CLI commands through the CLI session (enable mode on). */
  async cli(commands: string[], ctx: ExecContext, readTimeout?: unknown): Promise<DriverExecutionResult[]> {
    const driverArgs: Record<string, unknown> = typeof readTimeout === 'number' ? { read_timeout: readTimeout } : {};
    return this.cliSession.send(commands, { connection_args: {}, driver_args: driverArgs, extras: { enable_mode: true } }, ctx);
  }

  /** Applies lines in config mode entered with `enter`; one result per line (exit_status 1 on a refused line). */
  async configLines(lines: string[], enter: string, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    return this.cliSession.config(lines, { connection_args: {}, driver_args: { config_mode_command: enter }, extras: { enable_mode: true } }, ctx);
  }

  async interact(line: string, ctx: ConfigContext, opts: { confirmations?: ReadonlyArray<{ pattern: RegExp; answer: string }>; timeoutS?: number; anyPrompt?: boolean } = {}): Promise<string> {
    return this.cliSession.interact(line, ctx.signal, opts);
  }

  begin(ctx: ConfigContext): Promise<void> {
    return this.cliSession.prepare(ctx.signal);
  }

  upload(path: string, content: string, ctx: ConfigContext): Promise<void> {
    return this.cliSession.upload(path, content, ctx.signal);
  }

  get configErrorPattern(): RegExp {
    return this.cliSession.configErrorPattern;
  }

  /** One command's output text; throws when the device refused it. */
  async text(command: string, ctx: ExecContext): Promise<string> {
    const [r] = await this.cli([command], ctx);
    const out = String(r?.stdout ?? '');
    if (!r || r.exit_status !== 0) throw new Error(r?.stderr ? String(r.stderr) : `'${command}' failed`);
    if ((this.platform.refusal ?? CISCO_REFUSAL).test(out)) throw new Error(`the device refused '${command}': ${out.trim().split('\n').pop() ?? ''}`);
    return out;
  }

  get napalmPlatform(): NapalmPlatform {
    return this.platform;
  }

  failed(command: string, message: string, started: number, stdout = ''): DriverExecutionResult {
    return executionResult({ command, stdout, stderr: message, exit_status: 1, metadata: { host: this.host, duration_seconds: seconds3(Date.now() - started) } });
  }

  /** A JSON result (a getter's structure, `has_pending_commit`'s boolean). */
  valueResult(command: string, value: unknown, started: number): DriverExecutionResult {
    return executionResult({ command, stdout: value, metadata: { host: this.host, duration_seconds: seconds3(Date.now() - started) } });
  }

  /** A text result, cut at the job's output cap. */
  textResult(command: string, text: string, started: number, max: number): DriverExecutionResult {
    const o = decodeOutput(Buffer.from(text, 'utf8'), max);
    const metadata: Record<string, unknown> = { host: this.host, duration_seconds: seconds3(Date.now() - started) };
    if (o.truncated) metadata.truncated = true;
    return executionResult({ command, stdout: o.text, metadata });
  }

  probe(): Promise<boolean> {
    return this.cliSession.probe();
  }

  isAlive(): boolean {
    return this.cliSession.isAlive();
  }

  close(): Promise<void> {
    return this.cliSession.close();
  }
}
