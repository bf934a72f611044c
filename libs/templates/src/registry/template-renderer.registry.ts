import { BUILTIN_RENDERERS } from './builtin-template-plugins';
import { TemplateEngineNotFoundError } from './template-engine-not-found.error';
import type { TemplatePluginOptions, TemplateRenderer } from './template-plugin.types';

/** The renderers this process knows, by name: built-ins and plugins alike register here. */
export class TemplateRendererRegistry {
  private readonly renderers = new Map<string, TemplateRenderer>();

  static withBuiltins(options: TemplatePluginOptions = {}): TemplateRendererRegistry {
    const registry = new TemplateRendererRegistry();
    for (const R of BUILTIN_RENDERERS) registry.register(new R(options));
    return registry;
  }

  /** @throws Error at startup when a name is registered twice */
  register(renderer: TemplateRenderer): void {
    if (this.renderers.has(renderer.name)) throw new Error(`renderer ${renderer.name} is registered twice`);
    this.renderers.set(renderer.name, renderer);
  }

  get(name: string): TemplateRenderer | undefined {
    return this.renderers.get(name);
  }

  /** @throws TemplateEngineNotFoundError (`Renderer <name> not found`, known names listed) */
  require(name: string): TemplateRenderer {
    const renderer = this.renderers.get(name);
    if (!renderer) throw new TemplateEngineNotFoundError('Renderer', name, this.names());
    return renderer;
  }

  names(): string[] {
    return [...this.renderers.keys()].sort();
  }
}
