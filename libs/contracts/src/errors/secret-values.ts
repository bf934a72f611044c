import { MASK, SECRET_MAPS, isSecretKey } from './secret-mask';

/** Shorter values are not masked by value: replacing every "abc" would shred outputs and protect nothing. */
export const MIN_SECRET_VALUE_LENGTH = 4;

/**
 * Every secret value a request carries, as text: values at secret keys (passwords, keys, tokens,
 * `sudo_password`, any type), every value of a `headers` / `cookies` map, and the password of a
 * `[user, password]` auth pair. Used to mask them by value wherever they might reappear (device
 * output, error messages, listings, logs, webhook bodies).
 */
export function secretValuesOf(request: unknown): string[] {
  const out = new Set<string>();
  const leaves = (v: unknown, depth: number): void => {
    if (depth > 20 || v === null || v === undefined) return;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') {
      const text = String(v);
      if (text.length >= MIN_SECRET_VALUE_LENGTH) out.add(text);
    } else if (Array.isArray(v)) v.forEach((x) => leaves(x, depth + 1));
    else if (typeof v === 'object') Object.values(v as Record<string, unknown>).forEach((x) => leaves(x, depth + 1));
  };
  const walk = (v: unknown, depth: number): void => {
    if (depth > 20 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const key = k.toLowerCase();
      // A user name is not a secret: only the password of an auth pair.
      if (key === 'auth' && Array.isArray(x)) leaves(x.slice(1), depth + 1);
      else if (isSecretKey(key) || SECRET_MAPS.has(key)) leaves(x, depth + 1);
      else walk(x, depth + 1);
    }
  };
  walk(request, 0);
  // Longest first, so a secret that contains another is replaced whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/** Replaces each secret value (and its JSON-escaped form) inside one string. */
export function maskSecretText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) {
    if (out.includes(s)) out = out.split(s).join(MASK);
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s && out.includes(escaped)) out = out.split(escaped).join(MASK);
  }
  return out;
}

/** A deep copy with every secret value replaced inside every string (keys included), by value. */
export function maskSecretValues<T>(value: T, secrets: readonly string[], depth = 0): T {
  if (secrets.length === 0 || depth > 64) return value;
  if (typeof value === 'string') return maskSecretText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => maskSecretValues(v, secrets, depth + 1)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[maskSecretText(k, secrets)] = maskSecretValues(v, secrets, depth + 1);
    return out as T;
  }
  return value;
}
