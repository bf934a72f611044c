import { NetpulseClient } from '@netpulse/client';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** Options every command accepts. */
export interface GlobalOptions {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

/** Where the CLI's own settings file is: `$NETPULSE_CLI_CONFIG`, else `~/.config/netpulse/config.yaml`. */
export function cliConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.NETPULSE_CLI_CONFIG ?? join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'netpulse', 'config.yaml');
}

/**
 * The server and key, read once: flags, then `NETPULSE_URL` / `NETPULSE_API_KEY`, then the config file
 * (`url:`, `api_key:`), then `http://127.0.0.1:9000` and the key `npm start` keeps in `.netpulse/api-key`.
 */
export function resolveTarget(opts: GlobalOptions, env: NodeJS.ProcessEnv = process.env): { url: string; apiKey: string } {
  let file: { url?: unknown; api_key?: unknown } = {};
  const path = cliConfigPath(env);
  if (existsSync(path)) {
    const doc: unknown = parseYaml(readFileSync(path, 'utf8'));
    if (doc && typeof doc === 'object') file = doc as typeof file;
  }
  const url = opts.url ?? env.NETPULSE_URL ?? (typeof file.url === 'string' ? file.url : undefined) ?? 'http://127.0.0.1:9000';
  let apiKey = opts.apiKey ?? env.NETPULSE_API_KEY ?? (typeof file.api_key === 'string' ? file.api_key : undefined);
  if (!apiKey && existsSync(join('.netpulse', 'api-key'))) apiKey = readFileSync(join('.netpulse', 'api-key'), 'utf8').trim();
  if (!apiKey) throw new CliError(`no API key: pass --api-key, set NETPULSE_API_KEY, or put api_key: in ${path}`);
  return { url, apiKey };
}

export function clientFor(opts: GlobalOptions): NetpulseClient {
  return new NetpulseClient(resolveTarget(opts));
}

/** A problem the user can fix, printed without a stack trace; exit code 2. */
export class CliError extends Error {
  override readonly name = 'CliError';
}
