import { MASK } from '@netpulse/contracts';

/** Secret values seen at run time (passwords of the jobs in hand); never written to a log line. */
const secretValues = new Map<string, number>();

/**
 * Registers a secret value so any log line containing it is masked. Counted: concurrent jobs may
 * share a password, and one finishing must not unmask it for another. Values under 4 characters are
 * ignored, since masking every "a" or "123" would shred the logs without protecting anything real.
 */
export function registerSecretValue(value: unknown): void {
  if (typeof value === 'string' && value.length >= 4) secretValues.set(value, (secretValues.get(value) ?? 0) + 1);
}

/** Releases one registration of a secret value (call it once per `registerSecretValue`). */
export function forgetSecretValue(value: unknown): void {
  if (typeof value !== 'string') return;
  const n = (secretValues.get(value) ?? 0) - 1;
  if (n > 0) secretValues.set(value, n);
  else secretValues.delete(value);
}

/** Replaces every registered secret value inside a string. */
export function redactText(text: string): string {
  let out = text;
  for (const s of secretValues.keys()) {
    if (out.includes(s)) out = out.split(s).join(MASK);
    // A JSON line holds the value escaped ("a\"b"), which the raw value would not match.
    const escaped = JSON.stringify(s).slice(1, -1);
    if (escaped !== s && out.includes(escaped)) out = out.split(escaped).join(MASK);
  }
  return out;
}
