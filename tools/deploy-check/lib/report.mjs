// Shared by the deploy checks: repository root, the YAML parser, problem collection, and the config
// key names the apps read (to catch drift between what deploy/ sets and libs/config).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The `yaml` package the project depends on (root node_modules). */
export function loadYaml() {
  try {
    return createRequire(join(ROOT, 'package.json'))('yaml');
  } catch {
    console.error(`deploy-check: the 'yaml' package is missing under ${ROOT}/node_modules: run npm ci first`);
    process.exit(2);
  }
}

export const problems = [];
export const fail = (where, msg) => problems.push(`${where}: ${msg}`);
export const ok = (msg) => console.log(`  ok  ${msg}`);
/** Records a problem unless `cond`; returns whether it held. */
export const must = (cond, where, msg) => {
  if (!cond) fail(where, msg);
  return Boolean(cond);
};

// Only loopback addresses in anything we ship as an example.
export const PRIVATE_IP = /\b(10\.\d{1,3}\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3}|172\.(1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3})\b/;

// Config keys the apps know: CONFIG_KEYS and IGNORED_PREFIXES of libs/config/src/config.schema.ts,
// read from the schema itself (bundled by esbuild into a temporary file; no build of the project needed).
function knownConfigKeys() {
  const file = join(ROOT, 'libs/config/src/config.schema.ts');
  if (!existsSync(file)) return null;
  const dir = mkdtempSync(join(tmpdir(), 'netpulse-config-keys-'));
  try {
    const requireFromRoot = createRequire(join(ROOT, 'package.json'));
    const out = join(dir, 'config.schema.cjs');
    // Its packages (zod, yaml) bundled in: the temporary file finds no node_modules where it lies.
    requireFromRoot('esbuild').buildSync({ entryPoints: [file], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent' });
    const mod = requireFromRoot(out);
    const keys = new Set(mod.CONFIG_KEYS);
    return keys.size >= 10 ? { keys, ignored: [...mod.IGNORED_PREFIXES] } : null;
  } catch (err) {
    console.log(`  warn could not load the config schema: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const CONFIG = knownConfigKeys();
if (!CONFIG) console.log('  warn could not read CONFIG_KEYS from libs/config/src/config.schema.ts: config key names not cross-checked');

function envToKey(name) {
  return name.slice('NETPULSE_'.length).toLowerCase().split('__').join('.');
}
export function checkConfigKey(where, key) {
  if (!CONFIG) return;
  if (CONFIG.keys.has(key) || CONFIG.ignored.some((p) => key === p || key.startsWith(`${p}.`))) return;
  fail(where, `config key ${key} is not one the apps read (libs/config CONFIG_KEYS)`);
}
export function checkEnvName(where, name) {
  if (!name.startsWith('NETPULSE_')) return;
  if (name === 'NETPULSE_CONFIG_FILE' || name === 'NETPULSE_ENV') return;
  if (!name.includes('__')) return fail(where, `${name} is not of the form NETPULSE_<SECTION>__<KEY>`);
  checkConfigKey(where, envToKey(name));
}
export function flattenKeys(tree, prefix = '', out = []) {
  for (const [k, v] of Object.entries(tree ?? {})) {
    const key = prefix ? `${prefix}.${k}` : k;
    // Leaves, and lists (allowed_targets, packages) are values.
    if (v && typeof v === 'object' && !Array.isArray(v) && !(CONFIG?.keys.has(key))) flattenKeys(v, key, out);
    else out.push(key);
  }
  return out;
}

