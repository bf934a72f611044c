import type { DriverExecutionResult, JobInResponse } from '@netpulse/contracts';
import Table from 'cli-table3';

const useColor = process.stdout.isTTY === true && !process.env.NO_COLOR;
const paint = (code: number) => (s: string): string => (useColor ? `\u001b[${code}m${s}\u001b[0m` : s);
export const green = paint(32);
export const red = paint(31);
export const yellow = paint(33);
export const dim = paint(2);
export const bold = paint(1);

export function out(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(value: unknown): void {
  out(JSON.stringify(value, null, 2));
}

/** A table with a header row; cells are strings. */
export function table(head: string[], rows: string[][]): string {
  const t = new Table({ head: head.map((h) => bold(h)), style: { head: [], border: [] } });
  t.push(...rows);
  return t.toString();
}

export function statusText(status: string): string {
  if (status === 'finished') return green(status);
  if (status === 'failed' || status === 'canceled' || status === 'stopped') return red(status);
  return yellow(status);
}

/** A job's outcome: did every command succeed? */
export function jobSucceeded(job: JobInResponse): boolean {
  return job.status === 'finished' && (job.result?.retval ?? []).every((r) => r.exit_status === 0);
}

/** A job for a person: header line, then each command with its output. */
export function describeJob(job: JobInResponse): string {
  const lines = [`${bold('job')} ${job.id}  ${statusText(job.status)}  ${dim(`${job.queue ?? ''} ${job.device_name ?? ''}`)}${job.duration !== null ? dim(`  ${job.duration.toFixed(2)} s`) : ''}`];
  if (job.result?.error) lines.push(red(`${job.result.error.type}: ${job.result.error.message}`));
  for (const r of job.result?.retval ?? []) lines.push(describeResult(r));
  return lines.join('\n');
}

function describeResult(r: DriverExecutionResult): string {
  const mark = r.exit_status === 0 ? green('✓') : red(`✗ exit ${r.exit_status}`);
  const parts = [`${bold('$')} ${r.command}  ${mark}`];
  const stdout = typeof r.stdout === 'string' ? r.stdout : JSON.stringify(r.stdout, null, 2);
  if (stdout) parts.push(stdout.replace(/\n$/, ''));
  if (r.stderr) parts.push(red(r.stderr.replace(/\n$/, '')));
  if (r.parsed !== null && r.parsed !== undefined) parts.push(dim('parsed:'), JSON.stringify(r.parsed, null, 2));
  return parts.join('\n');
}
