/** POSIX single-quote a value for a shell line. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A driver-args value the shell line cannot be built from; reported as the command's stderr. */
export class ShellLineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellLineError';
  }
}

/**
 * Prefixes `export K='v' && ...` (environment applied as exports, as in NetPulse 0.4). Names are checked
 * because they are not quoted: a bad one would otherwise become part of the command.
 */
export function withEnvironment(line: string, env: Record<string, string> | null | undefined): string {
  if (!env) return line;
  const names = Object.keys(env);
  if (names.length === 0) return line;
  const bad = names.find((n) => !ENV_NAME.test(n));
  if (bad !== undefined) throw new ShellLineError(`environment: '${bad}' is not a valid variable name`);
  return `${names.map((n) => `export ${n}=${shellQuote(env[n])}`).join(' && ')} && ${line}`;
}

/**
 * Prefixes `cd <dir> &&`. The directory is quoted, except that a leading `~` keeps meaning the home
 * directory, as it did unquoted in the original.
 */
export function inWorkingDirectory(line: string, dir: string | null | undefined): string {
  if (!dir) return line;
  return `cd ${quotePath(dir)} && ${line}`;
}

function quotePath(dir: string): string {
  if (dir === '~') return '"$HOME"';
  if (dir.startsWith('~/')) return `"$HOME"/${shellQuote(dir.slice(2))}`;
  return shellQuote(dir);
}
