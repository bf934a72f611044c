import type { AppLogger } from '../logging/app.logger';
import type { BackgroundErrorSource } from '../metrics/metric.labels';
import type { NetpulseMetrics } from '../metrics/netpulse.metrics';

function describe(err: unknown): { err: string; stack?: string } {
  if (err instanceof Error) return { err: err.message, stack: err.stack };
  return { err: String(err) };
}

/**
 * The `.catch` of work nobody awaits (a timer's pass, an event handler, a command): logs the error
 * with what was being done and counts it in `netpulse_background_errors_total`; never throws.
 */
export function backgroundFailure(logger: Pick<AppLogger, 'event'>, metrics: Pick<NetpulseMetrics, 'backgroundError'> | null | undefined, source: BackgroundErrorSource, msg: string, fields: Record<string, unknown> = {}): (err: unknown) => void {
  return (err: unknown) => {
    logger.event('error', msg, { ...fields, source, ...describe(err) });
    metrics?.backgroundError(source);
  };
}

let installed = false;

/**
 * The process-wide policy for errors nothing caught. A rejected promise nobody awaited is logged
 * with its stack and counted, and the process goes on: every such site is a background duty whose
 * state is recorded in Redis, so one failed pass is retried by the next. An exception that reached
 * the top of the stack leaves the process in an unknown state: logged, counted, then `onFatal` ends it
 * (the platform restarts it; its jobs are handled as a dead worker's).
 */
export function installProcessErrorPolicy(logger: AppLogger, metrics: NetpulseMetrics, onFatal: () => void = () => process.exit(1)): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => backgroundFailure(logger, metrics, 'unhandled_rejection', 'unhandled promise rejection (logged, process continues)')(reason));
  process.on('uncaughtException', (err) => {
    backgroundFailure(logger, metrics, 'uncaught_exception', 'uncaught exception: process state unknown, exiting')(err);
    onFatal();
  });
}
