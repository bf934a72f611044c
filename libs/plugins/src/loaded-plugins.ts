import type { LoadedPlugin } from './plugin.loader';

/** The third-party plugins this process loaded at start (for the start-up log and diagnostics). */
export class LoadedPlugins {
  constructor(readonly plugins: readonly LoadedPlugin[]) {}

  /** One line per plugin: `dummy-plugin 1.0.0 (./examples/plugin-dummy-driver): drivers dummy; schedulers round_robin`. */
  summary(): string[] {
    return this.plugins.map((p) => {
      const what = Object.entries(p.registered)
        .map(([kind, names]) => `${kind} ${names.join(', ')}`)
        .join('; ');
      return `${p.name}${p.version ? ` ${p.version}` : ''} (${p.source}): ${what || 'nothing this process uses'}`;
    });
  }
}
