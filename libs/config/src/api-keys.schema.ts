import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

/** What a key may do; each role includes the ones before it. */
export const API_ROLES = ['read', 'operate', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** A named API key: only the SHA-256 of the key is stored (hex), never the key. */
export interface ApiKeyEntry {
  name: string;
  sha256: string;
  role: ApiRole;
}

const NAME = /^[A-Za-z0-9_.@-]{1,64}$/;
const HEX64 = /^[0-9a-f]{64}$/;

/**
 * Checks a list of named keys (`server.api_keys` or the file of `server.api_keys_file`).
 * @returns the entries and one problem per bad field, each naming its position
 */
export function parseApiKeys(value: unknown, where: string): { keys: ApiKeyEntry[]; problems: string[] } {
  if (!Array.isArray(value)) return { keys: [], problems: [`${where} must be a list of {name, sha256, role}`] };
  const problems: string[] = [];
  const keys: ApiKeyEntry[] = [];
  const names = new Set<string>();
  const hashes = new Set<string>();
  value.forEach((item: unknown, i) => {
    const at = `${where}[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return void problems.push(`${at} must be a mapping {name, sha256, role}`);
    const { name, sha256, role, ...rest } = item as Record<string, unknown>;
    const before = problems.length;
    if (typeof name !== 'string' || !NAME.test(name)) problems.push(`${at}.name must be 1-64 letters, digits, _ . @ or -`);
    else if (names.has(name)) problems.push(`${at}.name ${name} is used twice`);
    const hash = typeof sha256 === 'string' ? sha256.trim().toLowerCase().replace(/^sha256:/, '') : '';
    if (!HEX64.test(hash)) problems.push(`${at}.sha256 must be the SHA-256 of the key as 64 hex digits (printf %s "$KEY" | sha256sum)`);
    else if (hashes.has(hash)) problems.push(`${at}.sha256 is the same key as an earlier entry`);
    if (typeof role !== 'string' || !(API_ROLES as readonly string[]).includes(role)) problems.push(`${at}.role must be one of ${API_ROLES.join(', ')}`);
    for (const extra of Object.keys(rest)) problems.push(`${at}.${extra} is not a known field (name, sha256, role)`);
    if (problems.length > before) return;
    names.add(name as string);
    hashes.add(hash);
    keys.push({ name: name as string, sha256: hash, role: role as ApiRole });
  });
  return { keys, problems };
}

/**
 * Reads a mounted key file: YAML or JSON, either the list itself or `{api_keys: [...]}`.
 * @throws Error naming the file and every bad field
 */
export function readApiKeysFile(path: string): ApiKeyEntry[] {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`server.api_keys_file ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const list = typeof doc === 'object' && doc !== null && !Array.isArray(doc) ? (doc as Record<string, unknown>).api_keys : (doc ?? []);
  const { keys, problems } = parseApiKeys(list, path);
  if (problems.length > 0) throw new Error(`server.api_keys_file: ${problems.join('; ')}`);
  return keys;
}

/** True when a key of role `has` may use a route that needs `needs`. */
export function roleAllows(has: ApiRole, needs: ApiRole): boolean {
  return API_ROLES.indexOf(has) >= API_ROLES.indexOf(needs);
}
