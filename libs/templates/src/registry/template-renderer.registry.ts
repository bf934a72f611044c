import { NamedRegistry } from '@netpulse/contracts';
import { BUILTIN_RENDERERS } from './builtin-template-plugins';
import { TemplateEngineNotFoundError } from './template-engine-not-found.error';
import type { TemplatePluginOptions, TemplateRenderer } from './template-plugin.types';

/** The renderers this process knows, by name: built-ins and plugins alike register here. */
export class TemplateRendererRegistry extends NamedRegistry<TemplateRenderer> {
  constructor() {
    // `require` throws TemplateEngineNotFoundError (`Renderer <name> not found`, known names listed).
    super('renderer', (name, known) => new TemplateEngineNotFoundError('Renderer', name, known));
  }

  static withBuiltins(options: TemplatePluginOptions = {}): TemplateRendererRegistry {
    const registry = new TemplateRendererRegistry();
    for (const P of BUILTIN_RENDERERS) registry.register(new P(options));
    return registry;
  }
}
