import type { LoggerService } from '@nestjs/common';
import { maskSecrets } from '@netpulse/contracts';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
const ORDER: Record<Level, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 };

function toLevel(name: string): Level {
  const n = name.toLowerCase();
  if (n === 'warning') return 'warn';
  if (n === 'critical') return 'fatal';
  return (Object.keys(ORDER) as Level[]).includes(n as Level) ? (n as Level) : 'info';
}

/** Secret values seen at run time (passwords of the jobs in hand); never written to a log line. */
const secretValues = new Map<string, number>();

/** Counted: concurrent jobs may share a password, and one finishing must not unmask it for another. */
export function registerSecretValue(value: unknown): void {
  if (typeof value === 'string' && value.length >= 4) secretValues.set(value, (secretValues.get(value) ?? 0) + 1);
}

export function forgetSecretValue(value: unknown): void {
  if (typeof value !== 'string') return;
  const n = (secretValues.get(value) ?? 0) - 1;
  if (n > 0) secretValues.set(value, n);
  else secretValues.delete(value);
}

/** Replaces every registered secret value inside a string. */
export function redactText(text: string): string {
  let out = text;
  for (const s of secretValues.keys()) if (out.includes(s)) out = out.split(s).join('******');
  return out;
}

/**
 * One JSON line per event on stdout, secrets redacted by key (`password`, `token`, ...) and by value.
 * Implements Nest's LoggerService so framework messages come out the same way.
 */
export class AppLogger implements LoggerService {
  private readonly min: number;

  constructor(
    private readonly app: string,
    level = 'info',
    private readonly write: (line: string) => void = (l) => process.stdout.write(l),
  ) {
    this.min = ORDER[toLevel(level)];
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.emit('fatal', message, rest);
  }

  /** A structured event: `logger.event('info', 'job finished', { job_id })`. */
  event(level: Level, msg: string, fields: Record<string, unknown> = {}): void {
    if (ORDER[level] < this.min) return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, app: this.app, msg, ...maskSecrets(fields) });
    this.write(`${redactText(line)}\n`);
  }

  private emit(level: Level, message: unknown, rest: unknown[]): void {
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const fields: Record<string, unknown> = {};
    if (context) fields.context = context;
    if (message instanceof Error) {
      fields.err = { type: message.name, message: message.message };
      this.event(level, message.message, fields);
      return;
    }
    if (typeof message === 'object' && message !== null) {
      this.event(level, 'event', { ...fields, ...(message as Record<string, unknown>) });
      return;
    }
    const stack = rest.find((r) => typeof r === 'string' && r.includes('\n    at '));
    if (stack && level === 'error') fields.stack = stack;
    this.event(level, String(message), fields);
  }
}
