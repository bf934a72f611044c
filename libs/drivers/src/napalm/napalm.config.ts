import type { DriverExecutionResult } from '@netpulse/contracts';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import { CliReadError } from '../netmiko/cli.channel';
import { SshError } from '../transport/ssh.error';
import type { NapalmConfigTarget, NapalmPlatform } from './getters/napalm-getter.types';

/** What the configuration flow needs of a NAPALM session beyond the CLI (the session passes itself). */
export interface NapalmSessionTarget extends NapalmConfigTarget {
  readonly napalmPlatform: NapalmPlatform;
  failed(command: string, message: string, started: number, stdout?: string): DriverExecutionResult;
  textResult(command: string, text: string, started: number, max: number): DriverExecutionResult;
  valueResult(command: string, value: unknown, started: number): DriverExecutionResult;
}

/** NAPALM methods that take no candidate, served as commands (`command: ["rollback"]`). */
export const NAPALM_METHODS = ['rollback', 'confirm_commit', 'has_pending_commit', 'compare_config', 'discard_config', 'is_alive'] as const;

/** Candidate names: letters, digits, `_` and `-`; unique per job so concurrent jobs never share one. */
function candidateName(jobId: string): string {
  const tail = jobId.replace(/[^A-Za-z0-9]/g, '').slice(-10) || Date.now().toString(36);
  return `netpulse_${tail}`;
}

/** `driver_args` of a config job as NAPALM's `load_*_candidate` and `commit_config` take them (checked by the driver's validate). */
export function commitArgs(args: Record<string, unknown>): { replace: boolean; message?: string; revertIn?: number } {
  return {
    replace: args.replace === true,
    message: typeof args.message === 'string' && args.message !== '' ? args.message : undefined,
    revertIn: typeof args.revert_in === 'number' ? args.revert_in : undefined,
  };
}

/**
 * NAPALM's configuration flow: `load_merge_candidate` (or `load_replace_candidate` with
 * `driver_args.replace: true`) → `compare_config` (the diff, which becomes the result's stdout) →
 * `commit_config(message, revert_in)`, or `discard_config` when `dry_run` is true or nothing
 * changed. One result. A refused line discards the candidate and fails the result naming the line;
 * a platform without a candidate store, or without what the request asks (a commit message,
 * commit-confirm), says why before anything is sent.
 */
export async function runNapalmConfig(s: NapalmSessionTarget, lines: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
  const started = Date.now();
  const command = lines.join('\n');
  const platform = s.napalmPlatform;
  const support = platform.config;
  if (!support) return [s.failed(command, platform.noCandidateReason ?? `configuration is not available for ${platform.name}`, started)];
  const args = commitArgs(req.driver_args ?? {});
  const dryRun = req.extras.dry_run === true;
  if (args.message !== undefined && !support.commitMessage && !dryRun) {
    return [s.failed(command, `commit_config(message=...) is not supported for ${platform.name} (the device keeps no commit comments; NAPALM's ${platform.name} driver refuses it too): send the request without driver_args.message`, started)];
  }
  if (args.revertIn !== undefined && !dryRun) {
    if (support.revertStep === undefined) return [s.failed(command, `commit_config(revert_in=...) (commit confirm) is not supported for ${platform.name}`, started)];
    if (support.revertNeedsReplace && !args.replace) return [s.failed(command, `commit_config(revert_in=...) with a merge is not supported for ${platform.name}: ${support.revertNeedsReplace}`, started)];
  }
  if (lines.length === 0) return [];
  const flow = support.flow(candidateName(ctx.jobId));
  await s.begin(ctx);
  const loaded = await flow.load(s, lines, args.replace, ctx);
  if (loaded.refused !== undefined || ctx.signal.aborted) {
    if (loaded.refused === undefined) await flow.discard(s, ctx).catch(() => undefined);
    const why = loaded.refused !== undefined ? `${args.replace ? 'load_replace_candidate' : 'load_merge_candidate'} failed at ${loaded.refused}` : 'interrupted';
    return [s.failed(command, `${why}; the candidate was discarded`, started)];
  }
  let diff: string;
  try {
    diff = await flow.compare(s, ctx);
  } catch (err) {
    await flow.discard(s, ctx).catch(() => undefined);
    throw err;
  }
  if (dryRun || diff === '') {
    await flow.discard(s, ctx);
    return [s.textResult(command, diff, started, ctx.maxOutputBytes)];
  }
  try {
    await flow.commit(s, { message: args.message, revertIn: args.revertIn }, ctx);
  } catch (err) {
    if (lostSession(err, ctx)) throw err;
    return [s.failed(command, `commit_config failed: ${err instanceof Error ? err.message : String(err)}`, started, diff)];
  }
  return [s.textResult(command, diff, started, ctx.maxOutputBytes)];
}

/**
 * A NAPALM method named as a command: `rollback` (to the configuration before the last commit; a
 * pending commit-confirm is rolled back now), `confirm_commit`, `has_pending_commit` (stdout
 * `true`/`false`), `compare_config` (`""`: no candidate outlives a job), `discard_config` (nothing to
 * discard), `is_alive` (`{"is_alive": true}`).
 */
export async function runNapalmMethod(s: NapalmSessionTarget, command: string, method: (typeof NAPALM_METHODS)[number], ctx: ExecContext): Promise<DriverExecutionResult> {
  const started = Date.now();
  const platform = s.napalmPlatform;
  if (method === 'is_alive') return s.valueResult(command, { is_alive: true }, started);
  if (method === 'compare_config' || method === 'discard_config') return s.textResult(command, '', started, ctx.maxOutputBytes);
  const support = platform.config;
  if (!support) return s.failed(command, platform.noCandidateReason ?? `configuration is not available for ${platform.name}`, started);
  const flow = support.flow(candidateName(ctx.jobId));
  try {
    await s.begin(ctx);
    if (method === 'has_pending_commit') return s.valueResult(command, await flow.hasPendingCommit(s, ctx), started);
    if (method === 'rollback') await flow.rollback(s, ctx);
    else await flow.confirmCommit(s, ctx);
    return s.textResult(command, '', started, ctx.maxOutputBytes);
  } catch (err) {
    if (lostSession(err, ctx)) throw err;
    return s.failed(command, `${method} failed: ${err instanceof Error ? err.message : String(err)}`, started);
  }
}

/** A stopped job or a broken transport: the session's state is unknown, the caller drops it. */
function lostSession(err: unknown, ctx: ExecContext): boolean {
  return ctx.signal.aborted || err instanceof CliReadError || (err instanceof SshError && err.kind !== 'channel');
}
