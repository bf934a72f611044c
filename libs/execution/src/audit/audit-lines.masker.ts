import { MASK, isSecretKey, secretValuesOf as requestSecretValues } from '@netpulse/contracts';

// Config keywords followed by a secret on network devices (`enable secret 5 …`, `snmp-server
// community …`, `key-string …`, `pre-shared-key …`, `authentication-key …`, `md5 …`), with an
// optional one-digit encryption type between them.
const INLINE_SECRET = /\b(password|secret|community|key-string|pre-shared-key|passphrase|authentication-key|md5)(\s+\d)?\s+(\S+)/gi;

/**
 * Every string or number found under a secret-bearing key of the request, at any depth, plus the
 * request's other secret values (webhook header and cookie values, the auth password).
 */
export function secretValuesOf(value: unknown, out: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth === 0) for (const v of requestSecretValues(value)) out.add(v);
  if (depth > 20 || value === null || typeof value !== 'object') return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (isSecretKey(k) && (typeof v === 'string' || typeof v === 'number') && String(v).length >= 3) out.add(String(v));
    else secretValuesOf(v, out, depth + 1);
  }
  return out;
}

/**
 * Command or config lines as the audit trail keeps them: every secret value of the request replaced
 * wherever it appears, and the argument after a secret-bearing config keyword replaced as well.
 */
export function maskAuditLines(lines: readonly string[], secrets: ReadonlySet<string>): string[] {
  const sorted = [...secrets].sort((a, b) => b.length - a.length);
  return lines.map((line) => {
    let out = line;
    for (const s of sorted) out = out.split(s).join(MASK);
    return out.replace(INLINE_SECRET, (_m, word: string, type: string | undefined) => `${word}${type ?? ''} ${MASK}`);
  });
}
