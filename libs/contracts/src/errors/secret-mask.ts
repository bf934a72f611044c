/** Keys whose values are secrets wherever they appear (requests, listings, error inputs, logs). */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'password',
  'secret',
  'pkey',
  'private_key',
  'key_file_content',
  'passphrase',
  'proxy_password',
  'proxy_pkey',
  'proxy_passphrase',
  'sudo_password',
  'token',
  'api_key',
  'secret_id',
  'auth',
  'signing_secret',
  'authorization',
  'cookie',
  'x-api-key',
]);

export const MASK = '******';

/**
 * Keys whose every entry's value is a secret, whatever the entry's name: a webhook's `headers`
 * (`X-Auth-Token: ...`) and `cookies` (`session: ...`). Their names stay visible.
 */
export const SECRET_MAPS: ReadonlySet<string> = new Set(['headers', 'cookies']);

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

function present(v: unknown): boolean {
  return v !== null && v !== undefined && v !== '';
}

/**
 * A deep copy with every secret-bearing key's value replaced by `******`, whatever the value's type
 * (a numeric password, a list, an object), and every value of a `headers` / `cookies` map masked.
 */
export function maskSecrets<T>(value: T, depth = 0): T {
  if (depth > 20) return (value !== null && typeof value === 'object' ? MASK : value) as T;
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (isSecretKey(k) && present(v)) out[k] = MASK;
      else if (SECRET_MAPS.has(k.toLowerCase()) && v !== null && typeof v === 'object' && !Array.isArray(v)) {
        out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([name, x]) => [name, present(x) ? MASK : x]));
      } else out[k] = maskSecrets(v, depth + 1);
    }
    return out as T;
  }
  return value;
}

/**
 * True when a field path (`['body', 'connection_args', 'password', 0]`) runs through a secret: a
 * secret key anywhere on it, or an entry of a `headers` / `cookies` map.
 */
export function isSecretPath(loc: readonly (string | number)[]): boolean {
  return loc.some((p, i) => typeof p === 'string' && (isSecretKey(p) || (SECRET_MAPS.has(p.toLowerCase()) && i < loc.length - 1)));
}

/** The `input` an error may show for a field: masked whole when its path is a secret, else masked inside. */
export function maskFieldInput(loc: readonly (string | number)[], input: unknown): unknown {
  if (isSecretPath(loc)) return present(input) ? MASK : input;
  const last = loc[loc.length - 1];
  // Masked as the value of its own key, so a whole `headers` map has its values masked too.
  return typeof last === 'string' ? maskSecrets({ [last]: input })[last] : maskSecrets(input);
}
