import { DriverExecutionResult, JobResult, ResultType, outputText } from '@netpulse/contracts';
import { CredentialResolver, resolvedSecretValues } from '@netpulse/credentials';
import { DeviceDriver, DriverRegistry, ExecContext, PartialResults, errorResult, mayProceed } from '@netpulse/drivers';
import { forgetSecretValue, registerSecretValue } from '@netpulse/observability';
import type { PreparedParser, TemplateEngines } from '@netpulse/templates';
import type { SessionSource } from '../sessions/session.source';
import { DeviceJobRequest, driverRequestOf, isQuery, payloadList } from './device-job.request';
import { noTemplateNote, NtcParsingPlan, ntcParsingPlanOf } from './ntc-parsing.plan';
import type { SessionOperationRegistry } from './session-operation.registry';

export type RunOutcome = {
  status: 'finished' | 'failed' | 'stopped';
  result: JobResult;
  /** The lines a template rendered to (they become the job's `command`). */
  renderedLines?: string[];
};

/**
 * Why a run was interrupted, carried as the AbortSignal's reason: a client stop, the execution
 * timeout, or the worker's lease found lost at a checkpoint (it stalled and was presumed dead).
 */
export type InterruptReason = 'stopped' | 'timeout' | 'lease-lost';

export class JobFailure extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

/**
 * The worker-side pipeline of a job: (render) → connect → send or config → (parse).
 * Connection and execution errors become one `exit_status: 1` result and the job still finishes
 * (as in NetPulse 0.4); a timeout or a stop ends it failed or stopped with what was gathered.
 */
export class JobRunner {
  constructor(
    private readonly drivers: DriverRegistry,
    private readonly maxOutputBytes: number,
    /** File transfers, detached launches and detached-task jobs; null: plain send/config only. */
    private readonly operations: SessionOperationRegistry | null = null,
    /** Rendering before the run and parsing after it; null: requests with either fail. */
    private readonly engines: TemplateEngines | null = null,
    /** Resolves `credential` references just before connecting; null: requests with one fail. */
    private readonly credentials: CredentialResolver | null = null,
  ) {}

  /** `checkpoint` runs before the session opens and before each command or line (see `ExecContext.checkpoint`). */
  async run(jobId: string, req: DeviceJobRequest, sessions: SessionSource, signal: AbortSignal, checkpoint?: () => void): Promise<RunOutcome> {
    try {
      return await this.runJob(jobId, req, sessions, signal, checkpoint);
    } finally {
      // Whatever the outcome (connect error, stop, timeout): e.g. the multipart upload is removed.
      await this.operations?.afterJob(jobId, req);
    }
  }

  private async runJob(jobId: string, req: DeviceJobRequest, sessions: SessionSource, signal: AbortSignal, checkpoint?: () => void): Promise<RunOutcome> {
    const driver = this.drivers.get(req.driver);
    if (!driver) return failed('UnknownDriverError', `Driver ${req.driver} is not available on this worker`);
    const query = isQuery(req);
    let lines = payloadList(query ? req.command : req.config);
    let renderedLines: string[] | undefined;
    if (req.rendering) {
      if (!this.engines) return failed('TemplateRenderError', 'Template rendering is not available on this worker');
      try {
        // Decision 10: the rendered text is split into one command or config line per line.
        const out = await this.engines.renderJob({ payload: query ? req.command : req.config, rendering: req.rendering, driver_args: req.driver_args, file_transfer: req.file_transfer });
        lines = out.lines;
        renderedLines = out.lines;
        req = { ...req, driver_args: out.driver_args, file_transfer: out.file_transfer };
      } catch (err) {
        return failed(err instanceof Error ? err.name : 'TemplateRenderError', messageOf(err));
      }
    }
    let parse: PreparedParser | null = null;
    let ntcPlan: NtcParsingPlan | null = null;
    if (req.parsing) {
      if (!this.engines) return failed('TemplateParseError', 'Template parsing is not available on this worker');
      ntcPlan = ntcParsingPlanOf(req.parsing, req.driver, req.connection_args);
      try {
        if (!ntcPlan) parse = await this.engines.prepareParser(req.parsing as Parameters<TemplateEngines['prepareParser']>[0]);
      } catch (err) {
        return failed(err instanceof Error ? err.name : 'TemplateParseError', messageOf(err));
      }
    }
    const outcome = await this.execute(req, sessions, { jobId, signal, maxOutputBytes: this.maxOutputBytes, checkpoint }, driver, query, lines);
    if (renderedLines) outcome.renderedLines = renderedLines;
    if ((parse || ntcPlan) && outcome.status === 'finished' && outcome.result.retval) {
      try {
        // Only output a command produced is parsed; an error text is not the device's table.
        const parsers = new Map<string, PreparedParser>();
        for (const r of outcome.result.retval) {
          if (r.exit_status !== 0) continue;
          if (parse) r.parsed = await parse(outputText(r.stdout));
          else if (ntcPlan) await this.parseByIndex(r, ntcPlan, req.parsing as Record<string, unknown>, parsers);
        }
      } catch (err) {
        // The commands ran: the record keeps what the device answered beside why parsing failed.
        const error = { message: messageOf(err), type: err instanceof Error ? err.name : 'TemplateParseError' };
        return { renderedLines, result: { error, retval: outcome.result.retval, type: ResultType.Failed }, status: 'failed' };
      }
    }
    return outcome;
  }

  /** One result parsed with the template the index picks for its platform and command, or `parsed: null` and a note. */
  private async parseByIndex(r: DriverExecutionResult, plan: NtcParsingPlan, parsing: Record<string, unknown>, parsers: Map<string, PreparedParser>): Promise<void> {
    const engines = this.engines as TemplateEngines;
    const command = plan.command ?? r.command.trim();
    let note: string | undefined;
    if (!plan.platform) note = plan.reason;
    else if (!engines.hasNtcTemplate(plan.platform, command)) note = noTemplateNote(plan.platform, command);
    if (note !== undefined || !plan.platform) {
      r.parsed = null;
      r.metadata = { ...r.metadata, parsing_note: note };
      return;
    }
    const key = `${plan.platform}\n${command}`;
    let parser = parsers.get(key);
    if (!parser) {
      const request = { ...parsing, ntc_template_args: { platform: plan.platform, command } };
      parser = await engines.prepareParser(request as Parameters<TemplateEngines['prepareParser']>[0]);
      parsers.set(key, parser);
    }
    r.parsed = await parser(outputText(r.stdout));
  }

  private async execute(req: DeviceJobRequest, sessions: SessionSource, ctx: ExecContext, driver: DeviceDriver, query: boolean, lines: string[]): Promise<RunOutcome> {
    const { signal } = ctx;
    const host = typeof req.connection_args.host === 'string' ? req.connection_args.host : null;
    if (req.credential) {
      let resolved: Record<string, unknown>;
      try {
        if (!this.credentials) throw new Error('Credential references are not available on this worker');
        resolved = await this.credentials.resolve(req.credential, req.connection_args);
      } catch (err) {
        return finished([errorResult(lines.join('\n'), messageOf(err), host)]);
      }
      // Resolved secrets are masked wherever this job's text could show them, for as long as it runs.
      const secrets = resolvedSecretValues(req.connection_args, resolved);
      secrets.forEach(registerSecretValue);
      try {
        return await this.execute({ ...req, credential: null, connection_args: resolved }, sessions, ctx, driver, query, lines);
      } finally {
        secrets.forEach(forgetSecretValue);
      }
    }
    let retval: DriverExecutionResult[] = [];
    let healthy = true;
    let acquired;
    if (!mayProceed(ctx)) return interrupted(signal, []);
    try {
      acquired = await sessions.acquire(driver, req.connection_args, signal);
    } catch (err) {
      if (signal.aborted) return interrupted(signal, []);
      return finished([errorResult(lines.join('\n'), messageOf(err), host)]);
    }
    try {
      const op = this.operations?.find(req) ?? null;
      if (!mayProceed(ctx)) retval = [];
      else if (op) retval = await op.run(acquired.session, req, lines, ctx);
      else retval = query ? await acquired.session.send(lines, driverRequestOf(req), ctx) : await acquired.session.config(lines, driverRequestOf(req), ctx);
      for (const r of retval) r.metadata = { ...r.metadata, session_reused: acquired.reused };
    } catch (err) {
      healthy = false;
      if (err instanceof PartialResults) retval = err.results;
      else if (!signal.aborted) retval = [errorResult(lines.join('\n'), messageOf(err), host)];
    } finally {
      if (signal.aborted) healthy = false;
      await sessions.release(acquired, healthy).catch(() => undefined);
    }
    if (signal.aborted) return interrupted(signal, retval);
    return finished(retval);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function finished(retval: DriverExecutionResult[]): RunOutcome {
  return { status: 'finished', result: { type: ResultType.Successful, retval, error: null } };
}

function failed(type: string, message: string): RunOutcome {
  return { status: 'failed', result: { type: ResultType.Failed, retval: null, error: { type, message } } };
}

function interrupted(signal: AbortSignal, retval: DriverExecutionResult[]): RunOutcome {
  const reason = signal.reason as InterruptReason | undefined;
  if (reason === 'stopped') {
    return { status: 'stopped', result: { type: ResultType.Stopped, retval, error: { type: 'JobStopped', message: 'Job was stopped by a client request' } } };
  }
  if (reason === 'lease-lost') {
    const message = `The worker stalled past its lease and was presumed dead; on waking it stopped before sending anything more to the device. retval holds what ran before the stall (${retval.length} result(s))`;
    return { status: 'failed', result: { type: ResultType.Failed, retval: retval.length > 0 ? retval : null, error: { type: 'WorkerLeaseLost', message } } };
  }
  return { status: 'failed', result: { type: ResultType.Failed, retval: retval.length > 0 ? retval : null, error: { type: 'JobTimeoutException', message: 'Job exceeded its execution timeout' } } };
}
