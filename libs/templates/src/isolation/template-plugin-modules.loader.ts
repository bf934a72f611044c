import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import type { TemplateParser, TemplateRenderer } from '../registry/template-plugin.types';

/** A `plugin.packages` module that brings template engines: where it is and what it registers. */
export interface TemplatePluginModule {
  /** The resolved module file (a pool thread loads the same file). */
  readonly path: string;
  readonly renderers: readonly TemplateRenderer[];
  readonly parsers: readonly TemplateParser[];
}

/**
 * The plugin modules among `packages` that export template renderers or parsers. The plugins lib
 * loads and checks every package at start (and fails the app on a bad one); this only picks out the
 * template engines, which run in the template pool and so must be loadable there by path.
 */
export function templatePluginModules(packages: readonly string[], baseDir: string = process.cwd()): TemplatePluginModule[] {
  const load = createRequire(join(resolve(baseDir), 'noop.js'));
  const out: TemplatePluginModule[] = [];
  for (const source of packages) {
    let path: string;
    let manifest: { renderers?: unknown; parsers?: unknown } | undefined;
    try {
      path = load.resolve(source.startsWith('.') || isAbsolute(source) ? resolve(baseDir, source) : source);
      manifest = (load(path) as { netpulsePlugin?: { renderers?: unknown; parsers?: unknown } }).netpulsePlugin;
    } catch {
      continue;
    }
    const renderers = Array.isArray(manifest?.renderers) ? (manifest.renderers as TemplateRenderer[]) : [];
    const parsers = Array.isArray(manifest?.parsers) ? (manifest.parsers as TemplateParser[]) : [];
    if (renderers.length > 0 || parsers.length > 0) out.push({ parsers, path, renderers });
  }
  return out;
}
