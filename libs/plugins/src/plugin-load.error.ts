/** One thing wrong with one configured plugin. */
export interface PluginProblem {
  /** The `plugin.packages` entry as configured (package name or path). */
  readonly source: string;
  readonly problem: string;
}

/**
 * Plugins could not be loaded: nothing was registered. The message lists every problem of every
 * plugin, each naming the configured entry, so the app's start failure says all there is to fix.
 */
export class PluginLoadError extends Error {
  constructor(readonly problems: readonly PluginProblem[]) {
    super(`plugin.packages: ${problems.length} problem${problems.length === 1 ? '' : 's'}, no plugin loaded:\n${problems.map((p) => `  - ${p.source}: ${p.problem}`).join('\n')}`);
    this.name = 'PluginLoadError';
  }
}
