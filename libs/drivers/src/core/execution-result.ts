import { DriverExecutionResult, executionResult } from '@netpulse/contracts';

/** Seconds with 3 decimals, as the original's `duration_seconds`. */
export function seconds3(ms: number): number {
  return Math.round(ms) / 1000;
}

/** The single result a connect/execute error becomes: the job still finishes. */
export function errorResult(command: string, message: string, host: string | null): DriverExecutionResult {
  return executionResult({ command, stdout: '', stderr: message, exit_status: 1, metadata: { host, duration_seconds: 0.0 } });
}

/** Decodes output bytes, cutting at `max` bytes (docs/compatibility.md: Output size cap and paged job lists). */
export function decodeOutput(buf: Buffer, max: number): { text: string; truncated: boolean } {
  if (buf.length <= max) return { text: buf.toString('utf8'), truncated: false };
  return { text: buf.subarray(0, max).toString('utf8'), truncated: true };
}
