import { SECRET_KEYS } from '@netpulse/contracts';

/**
 * Keys pino masks: the contract's `SECRET_KEYS` (the set `maskSecrets` uses) plus the spellings HTTP
 * headers arrive in.
 */
export const REDACT_KEYS: readonly string[] = [
  ...new Set([
    ...SECRET_KEYS,
    'password',
    'secret',
    'pkey',
    'passphrase',
    'proxy_password',
    'token',
    'api_key',
    'sudo_password',
    'authorization',
    'cookie',
    'x-api-key',
    'Authorization',
    'Cookie',
    'X-API-KEY',
    'set-cookie',
  ]),
];

/**
 * Objects known to carry secrets in NetPulse log events, each covered by explicit paths
 * (`connection_args.password`, `req.headers.authorization`, ...). Explicit paths, not `*.password`
 * wildcards: measured with pino 10, one wildcard level costs ~25 µs per line against ~2 µs for
 * explicit paths. Any deeper or unforeseen nesting is still masked: every field first goes through
 * `maskSecrets`, which walks any depth; these paths are the second net.
 */
export const REDACT_CONTAINERS: readonly string[] = [
  'args',
  'body',
  'config',
  'connection_args',
  'credential',
  'driver_args',
  'headers',
  'req.headers',
  'request',
  'request.headers',
  'res.headers',
  'webhook',
  'webhook.headers',
];

function segment(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
}

/** pino `redact.paths`: every key at the top level and inside every container. */
export function redactPaths(keys: readonly string[] = REDACT_KEYS, containers: readonly string[] = REDACT_CONTAINERS): string[] {
  const out: string[] = [];
  for (const container of ['', ...containers]) {
    for (const k of keys) {
      const seg = segment(k);
      if (container === '') out.push(seg);
      // A bracket segment attaches directly: `headers["x-api-key"]`, not `headers.["x-api-key"]`.
      else out.push(seg.startsWith('[') ? `${container}${seg}` : `${container}.${seg}`);
    }
  }
  return out;
}
