import { createHash } from 'node:crypto';

/**
 * A stable identity of the connection-shaping args: secrets enter only as a digest, so identities
 * can be logged and compared without revealing them.
 */
export function connectionIdentity(args: Record<string, unknown>, ignore: readonly string[] = []): string {
  const skip = new Set(ignore);
  const entries = Object.keys(args)
    .filter((k) => !skip.has(k) && args[k] !== undefined && args[k] !== null)
    .sort()
    .map((k) => [k, args[k]]);
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}
