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

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase());
}

/** A deep copy with every secret-bearing key's value replaced by `******`. */
export function maskSecrets<T>(value: T, depth = 0): T {
  if (depth > 20) return value;
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = isSecretKey(k) && v !== null && v !== undefined && v !== '' ? MASK : maskSecrets(v, depth + 1);
    }
    return out as T;
  }
  return value;
}
