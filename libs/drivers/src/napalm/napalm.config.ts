import type { DriverExecutionResult } from '@netpulse/contracts';
import type { DriverRequest, ExecContext } from '../core/device-driver';
import type { NapalmPlatform } from './getters/napalm-getter.types';

/** What the configuration flow needs of a NAPALM session (the session passes itself). */
export interface NapalmConfigTarget {
  readonly napalmPlatform: NapalmPlatform;
  configLines(lines: string[], enter: string, ctx: ExecContext): Promise<DriverExecutionResult[]>;
  text(command: string, ctx: ExecContext): Promise<string>;
  failed(command: string, message: string, started: number, stdout?: string): DriverExecutionResult;
  textResult(command: string, text: string, started: number, max: number): DriverExecutionResult;
}

/** EOS session names: letters, digits, `_` and `-`; unique per job so concurrent jobs never share one. */
function sessionName(jobId: string): string {
  const tail = jobId.replace(/[^A-Za-z0-9]/g, '').slice(-10) || Date.now().toString(36);
  return `netpulse_${tail}`;
}

/**
 * NAPALM's configuration flow: `load_merge_candidate` (the lines into a candidate) →
 * `compare_config` (the diff, which becomes the result's stdout) → `commit_config`, or
 * `discard_config` when `dry_run` is true or nothing changed. One result. A refused line discards the
 * candidate and fails the result naming the line; a platform without a candidate store says why.
 */
export async function runNapalmConfig(s: NapalmConfigTarget, lines: string[], req: DriverRequest, ctx: ExecContext): Promise<DriverExecutionResult[]> {
  const started = Date.now();
  const command = lines.join('\n');
  const platform = s.napalmPlatform;
  const store = platform.candidate;
  if (!store) return [s.failed(command, platform.noCandidateReason ?? `configuration is not available for ${platform.name}`, started)];
  const args = req.driver_args ?? {};
  if (args.revert_in !== undefined && args.revert_in !== null) {
    return [s.failed(command, `commit_config(revert_in=...) (commit confirm) is not supported for ${platform.name} by this server; send the request without driver_args.revert_in`, started)];
  }
  if (lines.length === 0) return [];
  const name = sessionName(ctx.jobId);
  const applied = await s.configLines(lines, store.enter(name), ctx);
  const refused = applied.find((r) => r.exit_status !== 0);
  if (refused || ctx.signal.aborted) {
    await s.text(store.discard(name), ctx).catch(() => undefined);
    const why = refused ? `load_merge_candidate failed at '${refused.command}': ${String(refused.stderr).replace(/^Device reported configuration error: /, '')}` : 'interrupted';
    return [s.failed(command, `${why}; the candidate was discarded`, started)];
  }
  let diff: string;
  try {
    diff = (await s.text(store.diff(name), ctx)).replace(/\n+$/, '');
  } catch (err) {
    await s.text(store.discard(name), ctx).catch(() => undefined);
    throw err;
  }
  const dryRun = req.extras.dry_run === true;
  if (dryRun || diff === '') await s.text(store.discard(name), ctx);
  else await s.text(store.commit(name), ctx);
  return [s.textResult(command, diff, started, ctx.maxOutputBytes)];
}
