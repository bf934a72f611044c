/** Levels as pino names them; what the JSON lines carry in `level`. */
export const PINO_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export type PinoLevel = (typeof PINO_LEVELS)[number];

/** Levels callers may use: pino's, plus the Python names of the original's config (`warning`, `critical`). */
export type LogLevel = PinoLevel | 'warning' | 'critical';

/**
 * Maps a configured level (`log.level`, any case: `INFO`, `warning`, `critical`, ...) to pino's.
 * Unknown names fall back to `info`: config validation already rejected them, and a logger must
 * never be the thing that stops a process.
 */
export function toPinoLevel(name: string): PinoLevel {
  const n = name.trim().toLowerCase();
  if (n === 'warning') return 'warn';
  if (n === 'critical') return 'fatal';
  return (PINO_LEVELS as readonly string[]).includes(n) ? (n as PinoLevel) : 'info';
}
