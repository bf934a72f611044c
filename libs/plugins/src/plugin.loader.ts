import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { NamedPlugin, PLUGIN_KIND_NOUN, PLUGIN_KINDS, PluginKind, PluginRegistries, PluginSink } from './plugin-manifest';
import { PluginManifestValidator, ValidatedPlugin } from './plugin-manifest.validator';
import { PluginDriverAdapter } from './plugin-driver.adapter';
import { PluginLoadError, PluginProblem } from './plugin-load.error';

export interface PluginLoadOptions {
  /** Where package names and relative paths are resolved from. Default: the process's working directory. */
  readonly baseDir?: string;
}

/** What one plugin registered in this process, for the start-up log. */
export interface LoadedPlugin {
  readonly name: string;
  readonly version: string | null;
  /** The `plugin.packages` entry it came from. */
  readonly source: string;
  /** The resolved module file. */
  readonly path: string;
  /** Names registered per kind; a kind this process has no registry for is absent. */
  readonly registered: Partial<Record<PluginKind, string[]>>;
}

interface Candidate {
  readonly source: string;
  readonly path: string;
  readonly plugin: ValidatedPlugin;
}

/**
 * Loads third-party plugins (`plugin.packages`: npm package names or paths) into the process's
 * registries, the same ones built-ins register in. All or nothing: every module is required and
 * every manifest checked (shape, names, clashes with registered names and with each other) before
 * the first registration, so a bad plugin stops the app at start and none is half-loaded.
 */
export class PluginLoader {
  /** @throws PluginLoadError listing every problem, each naming its `plugin.packages` entry */
  static load(packages: readonly string[], registries: PluginRegistries, options: PluginLoadOptions = {}): LoadedPlugin[] {
    const baseDir = resolve(options.baseDir ?? process.cwd());
    const problems: PluginProblem[] = [];
    const candidates: Candidate[] = [];
    for (const source of packages) {
      const fail = (problem: string): void => void problems.push({ problem, source });
      const loaded = requirePlugin(source, baseDir);
      if ('problem' in loaded) {
        fail(loaded.problem);
        continue;
      }
      const checked = PluginManifestValidator.check(loaded.manifest);
      if (checked.plugin === null) checked.problems.forEach(fail);
      else candidates.push({ path: loaded.path, plugin: checked.plugin, source });
    }
    problems.push(...clashes(candidates, registries));
    if (problems.length > 0) throw new PluginLoadError(problems);
    return candidates.map((c) => register(c, registries));
  }
}

function requirePlugin(source: string, baseDir: string): { manifest: unknown; path: string } | { problem: string } {
  if (typeof source !== 'string' || source.trim() === '') return { problem: 'an entry must be a package name or a path' };
  const isPath = source.startsWith('.') || isAbsolute(source);
  const load = createRequire(join(baseDir, 'noop.js'));
  let path: string;
  try {
    path = load.resolve(isPath ? resolve(baseDir, source) : source);
  } catch {
    return { problem: isPath ? `no module at ${resolve(baseDir, source)}` : `package not found (resolved from ${baseDir}); is it installed?` };
  }
  let mod: unknown;
  try {
    mod = load(path);
  } catch (err) {
    return { problem: `loading ${path} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const manifest = typeof mod === 'object' && mod !== null ? (mod as Record<string, unknown>).netpulsePlugin : undefined;
  if (manifest === undefined) return { problem: `${path} does not export \`netpulsePlugin\`` };
  return { manifest, path };
}

/** Plugin names used twice, and item names already registered or claimed by another plugin. */
function clashes(candidates: readonly Candidate[], registries: PluginRegistries): PluginProblem[] {
  const problems: PluginProblem[] = [];
  const plugins = new Map<string, string>();
  for (const c of candidates) {
    const other = plugins.get(c.plugin.name);
    if (other !== undefined) problems.push({ problem: `plugin name '${c.plugin.name}' is also used by ${other}`, source: c.source });
    else plugins.set(c.plugin.name, c.source);
  }
  for (const kind of PLUGIN_KINDS) {
    const taken = new Map<string, string>((registries[kind]?.names() ?? []).map((n) => [n, 'already registered (built-in or earlier)']));
    for (const c of candidates) {
      for (const item of c.plugin.items[kind]) {
        const owner = taken.get(item.name);
        if (owner !== undefined) problems.push({ problem: `${PLUGIN_KIND_NOUN[kind]} '${item.name}' is ${owner}`, source: c.source });
        else taken.set(item.name, `also registered by plugin '${c.plugin.name}' (${c.source})`);
      }
    }
  }
  return problems;
}

function register(c: Candidate, registries: PluginRegistries): LoadedPlugin {
  const registered: Partial<Record<PluginKind, string[]>> = {};
  const add = <T extends NamedPlugin>(kind: PluginKind, sink: PluginSink<T> | undefined, items: readonly T[], wrap: (item: T) => T = (item) => item): void => {
    if (!sink || items.length === 0) return;
    for (const item of items) sink.register(wrap(item));
    registered[kind] = items.map((item) => item.name);
  };
  const { items } = c.plugin;
  add('credentialProviders', registries.credentialProviders, items.credentialProviders);
  add('drivers', registries.drivers, items.drivers, (driver) => new PluginDriverAdapter(driver));
  add('parsers', registries.parsers, items.parsers);
  add('renderers', registries.renderers, items.renderers);
  add('schedulers', registries.schedulers, items.schedulers);
  add('webhooks', registries.webhooks, items.webhooks);
  return { name: c.plugin.name, path: c.path, registered, source: c.source, version: c.plugin.version };
}
