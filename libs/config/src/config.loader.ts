import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { AppConfigShape, AppConfigValue, CONFIG_KEYS, CONFIG_SCHEMA, IGNORED_PREFIXES } from './config.schema';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Path of the YAML file; default `NETPULSE_CONFIG_FILE` or `config/config.yaml`. A missing file means defaults. */
  file?: string;
  /** Environment to read overrides and `${VAR}` from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Overrides applied last (tests, launcher), as a nested partial object. */
  overrides?: Record<string, unknown>;
  /** Called for each unknown key (default: a line on stderr). */
  warn?: (message: string) => void;
}

type Tree = Record<string, unknown>;

function isTree(v: unknown): v is Tree {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function flatten(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isTree(v) && !CONFIG_KEYS.has(key)) for (const [fk, fv] of flatten(v, key)) out.set(fk, fv);
    else out.set(key, v);
  }
  return out;
}

function setPath(tree: Tree, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = tree;
  for (const p of parts.slice(0, -1)) {
    if (!isTree(node[p])) node[p] = {};
    node = node[p] as Tree;
  }
  node[parts[parts.length - 1]] = value;
}

/** Env values are JSON when they parse (numbers, booleans, lists, null), else plain strings. */
function parseEnvValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

const VAR_PATTERN = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

function expandVars(value: unknown, key: string, env: NodeJS.ProcessEnv, problems: string[]): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{[^}]+\}$/.test(value);
    const expanded = value.replace(VAR_PATTERN, (_m, name: string, def: string | undefined) => {
      const v = env[name];
      if (v !== undefined) return v;
      if (def !== undefined) return def;
      problems.push(`${key}: environment variable ${name} is not set (write \${${name}:-default} to give a default)`);
      return '';
    });
    // A value that was only a variable takes the variable's type, as an env override would.
    return whole && expanded !== value ? parseEnvValue(expanded) : expanded;
  }
  if (Array.isArray(value)) return value.map((v, i) => expandVars(v, `${key}[${i}]`, env, problems));
  return value;
}

/** Environment variables of NetPulse 0.4 that name a config key without the `SECTION__KEY` form. */
const LEGACY_ENV: Readonly<Record<string, string>> = {
  NETPULSE_VAULT_ROLE_ID: 'credential.role_id',
  NETPULSE_VAULT_SECRET_ID: 'credential.secret_id',
  NETPULSE_VAULT_TOKEN: 'credential.token',
};

/** Settings whose values an error message shows masked (the last part of the key). */
const SECRET_SETTING = /^(api_key|password|previous_secret_keys|role_id|secret_id|secret_key|signing_secret|token)$/;

/** One schema problem as `<key path> <what is wrong> (got <value>)`; a secret's value is not shown. */
function describeIssue(issue: z.core.$ZodIssue, tree: Tree): string {
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  const name = issue.path.filter((p) => typeof p === 'string').pop();
  let got: unknown = tree;
  for (const p of issue.path) got = isTree(got) || Array.isArray(got) ? (got as Record<PropertyKey, unknown>)[p] : undefined;
  // A default (nothing given) has nothing to show.
  if (got === undefined) return `${path || '(config)'} ${issue.message}`;
  const shown = typeof name === 'string' && SECRET_SETTING.test(name) && got !== null ? '"******"' : JSON.stringify(got);
  return `${path || '(config)'} ${issue.message} (got ${shown})`;
}

/**
 * Reads YAML + `NETPULSE_<SECTION>__<KEY>` env overrides, expands `${VAR}`, and validates the whole
 * config once against `CONFIG_SCHEMA` (types, ranges, defaults).
 * @throws ConfigError listing every problem, each naming its key
 */
export function loadConfig(options: LoadConfigOptions = {}): AppConfigValue {
  const env = options.env ?? process.env;
  const warn = options.warn ?? ((m: string) => process.stderr.write(`[config] ${m}\n`));
  const file = options.file ?? env.NETPULSE_CONFIG_FILE ?? 'config/config.yaml';
  const problems: string[] = [];
  const values = new Map<string, unknown>();

  if (existsSync(file)) {
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError([`${file}: not valid YAML: ${err instanceof Error ? err.message : String(err)}`]);
    }
    if (doc !== null && doc !== undefined && !isTree(doc)) throw new ConfigError([`${file}: the top level must be a mapping`]);
    const fromEnvKeys = new Set<string>();
    for (const name of Object.keys(env)) {
      if (name.startsWith('NETPULSE_') && name.includes('__')) fromEnvKeys.add(envNameToKey(name));
    }
    for (const [key, raw] of flatten((doc ?? {}) as Tree)) {
      // A key the environment overrides is not expanded, so `${VAR}` for it needs no variable.
      const v = fromEnvKeys.has(key) ? raw : expandVars(raw, key, env, problems);
      values.set(key, v);
    }
  }
  // The original's Vault variables; an explicit NETPULSE_CREDENTIAL__* below still wins.
  for (const [name, key] of Object.entries(LEGACY_ENV)) {
    const raw = env[name];
    if (raw !== undefined && raw !== '') values.set(key, raw);
  }
  for (const [name, raw] of Object.entries(env)) {
    if (!name.startsWith('NETPULSE_') || !name.includes('__') || raw === undefined) continue;
    values.set(envNameToKey(name), parseEnvValue(raw));
  }
  if (env.NETPULSE_ENV !== undefined) values.set('environment', env.NETPULSE_ENV.toLowerCase());
  if (options.overrides) for (const [k, v] of flatten(options.overrides)) values.set(k, v);

  const tree: Tree = {};
  for (const [key, value] of values) {
    if (!CONFIG_KEYS.has(key)) {
      if (!IGNORED_PREFIXES.some((p) => key === p || key.startsWith(`${p}.`))) {
        warn(`unknown key ${key} is ignored`);
      }
      continue;
    }
    setPath(tree, key, value);
  }
  const checked = CONFIG_SCHEMA.safeParse(tree);
  if (!checked.success) problems.push(...checked.error.issues.map((issue) => describeIssue(issue, tree)));
  if (problems.length > 0 || !checked.success) throw new ConfigError(problems);
  const cfg: AppConfigShape = checked.data;
  const security = cfg.security;
  // A mounted secret (a Kubernetes Secret's file): its first line is the key, further lines older keys.
  if (!security.secret_key && security.secret_key_file) {
    let lines: string[];
    try {
      lines = readFileSync(security.secret_key_file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '');
    } catch (err) {
      throw new ConfigError([`security.secret_key_file ${security.secret_key_file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
    }
    if (lines.length === 0) throw new ConfigError([`security.secret_key_file ${security.secret_key_file} is empty`]);
    security.secret_key = lines[0] ?? null;
    security.previous_secret_keys = [...lines.slice(1), ...security.previous_secret_keys];
  }
  return deepFreeze(cfg);
}

function envNameToKey(name: string): string {
  return name.slice('NETPULSE_'.length).toLowerCase().split('__').join('.');
}

function deepFreeze<T>(o: T): T {
  if (isTree(o) || Array.isArray(o)) {
    for (const v of Object.values(o as object)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

let cached: AppConfigValue | null = null;

/** The process's config, read once. */
export function appConfig(): AppConfigValue {
  cached ??= loadConfig();
  return cached;
}

export function resetConfigForTests(): void {
  cached = null;
}
