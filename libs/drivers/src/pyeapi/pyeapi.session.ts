import { DriverExecutionResult, executionResult, validateDto } from '@netpulse/contracts';
import type { DriverRequest, DriverSession, ExecContext } from '../core/device-driver';
import { DriverValidationError, mayProceed } from '../core/device-driver';
import { decodeOutput, errorResult, seconds3 } from '../core/execution-result';
import { validateArgs } from '../core/validate-args';
import { HttpError } from '../http/http.error';
import { PartialResults } from '../netmiko/netmiko.session';
import { EAPI_UNCONVERTED, EapiClient, EapiCommand, EapiEncoding, EapiReply, eapiErrorText, isObject } from './eapi.client';
import { PyeapiDriverArgsDto } from './pyeapi-driver-args.dto';
import { PyeapiExtrasDto } from './pyeapi-extras.dto';

/** Time limit of a keepalive probe, milliseconds: a probe must not hold a pinned worker for a minute. */
const PROBE_TIMEOUT_MS = 10_000;
/** Transport failures after which the session must not be reused (the pinned worker reconnects). */
const FATAL: ReadonlySet<HttpError['kind']> = new Set(['auth', 'connect', 'protocol', 'timeout', 'tls']);

/**
 * An Arista eAPI "session" (docs/compatibility.md: pyeapi on both queues, and a real connection test): eAPI is stateless HTTP, so what persists is
 * the keep-alive HTTP agent of its client (one TCP/TLS connection reused by every job on a pinned
 * worker). Each request starts unprivileged on the device, hence `enable` in front of every batch.
 */
export class PyeapiSession implements DriverSession {
  private broken = false;

  private constructor(
    private readonly client: EapiClient,
    readonly host: string,
    /** The first command of every request when `enable_mode` is on. */
    private readonly enable: EapiCommand,
    /** `show version` as the device answered it at connect. */
    readonly version: Record<string, unknown>,
  ) {}

  /** Authenticates with one `show version`, so a wrong password or a dead device fails at connect. */
  static async open(client: EapiClient, host: string, enablePassword: string | null, signal?: AbortSignal): Promise<PyeapiSession> {
    const reply = await client.runCmds(['show version'], 'json', { signal });
    if (reply.kind === 'error') throw new HttpError('protocol', `eAPI at ${host} refused 'show version': ${eapiErrorText(reply.error)}`);
    const version = reply.result[0];
    return new PyeapiSession(client, host, enablePassword ? { cmd: 'enable', input: enablePassword } : 'enable', isObject(version) ? version : {});
  }

  /**
   * One result per command, `stdout` the command's JSON object (or text with `encoding: "text"`).
   * The batch goes in one request; the device stops at the first failing command, which gets
   * `exit_status: 1` with the device's message, and the rest are reported skipped. Without
   * `strict`, a command the device cannot give as JSON (1003) is run again as text, as pyeapi does.
   */
  async send(commands: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    const args = validateArgs(PyeapiDriverArgsDto, req.driver_args ?? {}, 'driver_args');
    const prefix = this.prefix(req);
    const results: DriverExecutionResult[] = [];
    try {
      let next = 0;
      while (next < commands.length && mayProceed(ctx)) {
        const batch = commands.slice(next);
        const started = Date.now();
        const reply = await this.run([...prefix, ...batch], args.encoding, args, ctx);
        const done = (cmd: string, value: unknown, encoding: EapiEncoding): void => void results.push(this.toResult(cmd, value, encoding, started, ctx));
        if (reply.kind === 'result') {
          batch.forEach((cmd, i) => done(cmd, reply.result[prefix.length + i], args.encoding));
          break;
        }
        const { data } = reply.error;
        const failed = reply.error.code < 0 ? 0 : Math.min(batch.length - 1, Math.max(0, data.length - 1 - prefix.length));
        for (let i = 0; i < failed; i += 1) done(batch[i], data[prefix.length + i], args.encoding);
        if (reply.error.code === EAPI_UNCONVERTED && !args.strict && args.encoding === 'json') {
          const again = await this.run([...prefix, batch[failed]], 'text', args, ctx);
          if (again.kind === 'result') {
            done(batch[failed], again.result[prefix.length], 'text');
            next += failed + 1;
            continue;
          }
          return [...results, ...this.failure(batch.slice(failed), again, started)];
        }
        return [...results, ...this.failure(batch.slice(failed), reply, started)];
      }
    } catch (err) {
      // What already ran stays reported (with the command that broke off); the runner marks the session unhealthy.
      if (results.length === 0) throw err;
      const broke = commands[results.length];
      throw new PartialResults(ctx.signal.aborted || broke === undefined ? results : [...results, errorResult(broke, messageOf(err), this.host)], err);
    }
    return results;
  }

  /**
   * `configure`, the lines, `end` (and `write memory` with `save`) in one request: one result whose
   * stdout lists the lines' answers. eAPI applies each line as it goes, so lines before a failing
   * one stay applied (as on the CLI); the failing line's message is in `stderr`.
   */
  async config(lines: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
    if (lines.length === 0) return [];
    const args = validateArgs(PyeapiDriverArgsDto, req.driver_args ?? {}, 'driver_args');
    const extras = parseExtras(req);
    const prefix = [...this.prefix(req), 'configure'];
    const tail = extras.save ? ['end', 'write memory'] : ['end'];
    const started = Date.now();
    const reply = await this.run([...prefix, ...lines, ...tail], args.encoding, args, ctx);
    const answers = reply.kind === 'result' ? [...reply.result.slice(prefix.length, prefix.length + lines.length), ...(extras.save ? reply.result.slice(-1) : [])] : reply.error.data.slice(prefix.length, -1);
    const stdout = args.encoding === 'text' ? answers.map((a) => (isObject(a) ? String(a.output ?? '') : '')).join('') : answers;
    const metadata = { duration_seconds: seconds3(Date.now() - started), encoding: args.encoding, host: this.host };
    if (reply.kind === 'result') return [executionResult({ command: lines.join('\n'), metadata, stdout })];
    return [executionResult({ command: lines.join('\n'), exit_status: 1, metadata: { ...metadata, eapi_error_code: reply.error.code }, stderr: eapiErrorText(reply.error), stdout })];
  }

  /** A cheap `show version`; false (never a throw) when the device does not answer it. */
  async probe(): Promise<boolean> {
    if (!this.isAlive()) return false;
    try {
      return (await this.client.runCmds(['show version'], 'json', { timeoutMs: PROBE_TIMEOUT_MS })).kind === 'result';
    } catch {
      this.broken = true;
      return false;
    }
  }

  isAlive(): boolean {
    return !this.broken && !this.client.closed;
  }

  async close(): Promise<void> {
    this.client.close();
  }

  private prefix(req: DriverRequest): EapiCommand[] {
    return parseExtras(req).enable_mode ? [this.enable] : [];
  }

  private async run(cmds: EapiCommand[], encoding: EapiEncoding, args: PyeapiDriverArgsDto, ctx: ExecContext): Promise<EapiReply> {
    // The whole answer may hold every command's output: allow each its cap, plus the envelope.
    const maxBytes = Math.min(Number.MAX_SAFE_INTEGER, ctx.maxOutputBytes * cmds.length + (1 << 20));
    try {
      // A large JSON result stays the device's bytes (a text result is read as an object: its `output`).
      return await this.client.runCmds(cmds, encoding, { autoComplete: args.autoComplete, expandAliases: args.expandAliases, keepLarge: encoding === 'json', maxBytes, signal: ctx.signal });
    } catch (err) {
      if (err instanceof HttpError && FATAL.has(err.kind)) this.broken = true;
      throw err;
    }
  }

  private toResult(command: string, value: unknown, encoding: EapiEncoding, started: number, ctx: ExecContext): DriverExecutionResult {
    const metadata: Record<string, unknown> = { duration_seconds: seconds3(Date.now() - started), encoding, host: this.host };
    if (encoding === 'json') return executionResult({ command, metadata, stdout: value ?? {} });
    const text = isObject(value) ? String(value.output ?? '') : '';
    // Cut (as bytes) only when over the cap: a text within it is kept as it is, not copied twice.
    const out = Buffer.byteLength(text, 'utf8') <= ctx.maxOutputBytes ? { text, truncated: false } : decodeOutput(Buffer.from(text, 'utf8'), ctx.maxOutputBytes);
    if (out.truncated) metadata.truncated = true;
    return executionResult({ command, metadata, stdout: out.text });
  }

  /** The failing command's result, then one "skipped" result per command the device never ran. */
  private failure(commands: string[], reply: EapiReply, started: number): DriverExecutionResult[] {
    if (reply.kind === 'result') return [];
    const [first, ...rest] = commands;
    const metadata = { duration_seconds: seconds3(Date.now() - started), eapi_error_code: reply.error.code, host: this.host };
    return [
      executionResult({ command: first, exit_status: 1, metadata, stderr: eapiErrorText(reply.error) }),
      ...rest.map((command) => executionResult({ command, exit_status: 1, metadata: { host: this.host, duration_seconds: 0 }, stderr: `Skipped due to previous error in execution of '${first}'` })),
    ];
  }
}

/** The request's `enable_mode` (default true) and `save` (default false). */
export function parseExtras(req: DriverRequest): PyeapiExtrasDto {
  const r = validateDto(PyeapiExtrasDto, req.extras, ['body']);
  if (r.value === null) throw new DriverValidationError(r.errors);
  return r.value;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
