import { NamedPlugin, PLUGIN_KIND_METHODS, PLUGIN_KIND_NOUN, PLUGIN_KINDS, PluginKind, PluginKinds } from './plugin-manifest';

/** A manifest that passed every check, its class entries already constructed. */
export interface ValidatedPlugin {
  readonly name: string;
  readonly version: string | null;
  readonly items: { readonly [K in PluginKind]: readonly PluginKinds[K][] };
}

/** Plugin names: npm-like (`@acme/netpulse-eos`); item names: what request bodies and config carry. */
const PLUGIN_NAME = /^[A-Za-z0-9@][A-Za-z0-9@/._-]*$/;
const ITEM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const KNOWN_KEYS = ['name', 'version', ...PLUGIN_KINDS];

/**
 * Checks an exported `netpulsePlugin` without registering anything, and lists every problem found
 * (not just the first), each prefixed by where it is (`drivers[1].name`), so one failed start
 * shows the plugin author all there is to fix.
 */
export class PluginManifestValidator {
  static check(value: unknown): { plugin: ValidatedPlugin; problems: [] } | { plugin: null; problems: string[] } {
    if (!isObject(value)) return { plugin: null, problems: ['`netpulsePlugin` must be an object, got ' + describe(value)] };
    const problems: string[] = [];
    const name = value.name;
    if (typeof name !== 'string' || !PLUGIN_NAME.test(name)) problems.push(`name must be a non-empty string of letters, digits and @/._-, got ${describe(name)}`);
    if (value.version !== undefined && typeof value.version !== 'string') problems.push(`version must be a string, got ${describe(value.version)}`);
    for (const key of Object.keys(value)) if (!KNOWN_KEYS.includes(key)) problems.push(`unknown key '${key}' (known: ${KNOWN_KEYS.join(', ')})`);
    const items = {} as { [K in PluginKind]: PluginKinds[K][] };
    let count = 0;
    for (const kind of PLUGIN_KINDS) {
      const list = checkKind(kind, value[kind], problems);
      (items as Record<PluginKind, unknown[]>)[kind] = list;
      count += list.length;
    }
    if (count === 0 && problems.length === 0) problems.push(`registers nothing: give at least one of ${PLUGIN_KINDS.join(', ')}`);
    if (problems.length > 0) return { plugin: null, problems };
    return { plugin: { items, name: String(name), version: typeof value.version === 'string' ? value.version : null }, problems: [] };
  }
}

function checkKind<K extends PluginKind>(kind: K, list: unknown, problems: string[]): PluginKinds[K][] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    problems.push(`${kind} must be a list, got ${describe(list)}`);
    return [];
  }
  const out: PluginKinds[K][] = [];
  const seen = new Set<string>();
  list.forEach((entry: unknown, i) => {
    const at = `${kind}[${i}]`;
    const item = instantiate(entry, at, problems);
    if (item === undefined) return;
    const before = problems.length;
    if (typeof item.name !== 'string' || !ITEM_NAME.test(item.name)) problems.push(`${at}.name must be a non-empty string of letters, digits and _.-, got ${describe(item.name)}`);
    for (const method of PLUGIN_KIND_METHODS[kind]) if (typeof item[method] !== 'function') problems.push(`${at}.${method} must be a function`);
    if (kind === 'drivers' && item.defaultStrategy !== 'fifo' && item.defaultStrategy !== 'pinned') problems.push(`${at}.defaultStrategy must be 'fifo' or 'pinned', got ${describe(item.defaultStrategy)}`);
    if (problems.length > before) return;
    const name = String(item.name);
    if (seen.has(name)) problems.push(`${at}: ${PLUGIN_KIND_NOUN[kind]} '${name}' is listed twice`);
    seen.add(name);
    out.push(item as unknown as PluginKinds[K]);
  });
  return out;
}

/** A class entry is constructed here, so a throwing constructor is a load problem, not a crash later. */
function instantiate(entry: unknown, at: string, problems: string[]): (NamedPlugin & Record<string, unknown>) | undefined {
  let item: unknown = entry;
  if (typeof entry === 'function') {
    try {
      item = new (entry as new () => unknown)();
    } catch (err) {
      problems.push(`${at}: constructing ${entry.name || 'the class'} failed: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }
  if (!isObject(item)) {
    problems.push(`${at} must be an object or a class, got ${describe(item)}`);
    return undefined;
  }
  return item as NamedPlugin & Record<string, unknown>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'object') return 'an object';
  return typeof v === 'function' ? 'a function' : `${typeof v} ${String(v)}`;
}
