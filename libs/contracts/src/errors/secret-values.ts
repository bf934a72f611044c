import { Utf8Json } from '../jobs/utf8-json';
import { Utf8Output } from '../jobs/utf8-output';
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

/** A secret and its JSON-escaped form (when different), the two spellings replaced. */
type Spellings = readonly (readonly [string, string | null])[];

function spellingsOf(secrets: readonly string[]): Spellings {
  return secrets.map((s) => {
    const escaped = JSON.stringify(s).slice(1, -1);
    return [s, escaped !== s ? escaped : null] as const;
  });
}

function maskText(text: string, spellings: Spellings): string {
  let out = text;
  for (const [s, escaped] of spellings) {
    if (out.includes(s)) out = out.split(s).join(MASK);
    if (escaped !== null && out.includes(escaped)) out = out.split(escaped).join(MASK);
  }
  return out;
}

/** Replaces each secret value (and its JSON-escaped form) inside one string. */
export function maskSecretText(text: string, secrets: readonly string[]): string {
  return maskText(text, spellingsOf(secrets));
}

/**
 * `value` with every secret value replaced inside every string (keys included), by value. Copy on
 * write: an array or object is copied only when something inside it changed, so a large result
 * without a secret in it (the usual case) is returned as it is, not duplicated.
 */
export function maskSecretValues<T>(value: T, secrets: readonly string[]): T {
  if (secrets.length === 0) return value;
  return maskWith(value, spellingsOf(secrets), 0);
}

function maskWith<T>(value: T, spellings: Spellings, depth: number): T {
  if (depth > 64) return value;
  if (typeof value === 'string') return maskText(value, spellings) as T;
  // A large output is masked on its bytes (a copy only when a secret occurs in it).
  if (value instanceof Utf8Output) return (value.replaced(spellings.flatMap(([s, escaped]) => (escaped === null ? [s] : [s, escaped])), MASK) ?? maskText(value.toString(), spellings)) as T;
  if (value instanceof Utf8Json) return maskJson(value, spellings, depth) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const m = typeof v === 'string' || (v !== null && typeof v === 'object') ? maskWith(v, spellings, depth + 1) : v;
      if (m !== v && out === null) out = value.slice(0, i);
      if (out !== null) out.push(m);
    }
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    let out: Record<string, unknown> | null = null;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = obj[k];
      const mk = maskText(k, spellings);
      const mv = typeof v === 'string' || (v !== null && typeof v === 'object') ? maskWith(v, spellings, depth + 1) : v;
      if ((mk !== k || mv !== v) && out === null) {
        out = {};
        for (let j = 0; j < i; j++) out[keys[j]] = obj[keys[j]];
      }
      if (out !== null) out[mk] = mv;
    }
    return (out ?? value) as T;
  }
  return value;
}

/**
 * A large JSON output masked as its text is written (every string, at any depth). One where a secret
 * is inside a property name is masked as objects are: a name that changes can become another name of
 * the same object (or `__proto__`), which only the object path treats as before.
 */
function maskJson(value: Utf8Json, spellings: Spellings, depth: number): unknown {
  const masked = value.masked(
    spellings.flatMap(([s, escaped]) => (escaped === null ? [s] : [s, escaped])),
    (s) => maskText(s, spellings),
  );
  if (masked === value) return value;
  if (value.someName((k) => maskText(k, spellings) !== k)) return maskWith(value.value(), spellings, depth);
  return masked;
}
