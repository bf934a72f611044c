import { NamedRegistry } from '@netpulse/contracts';
import { BUILTIN_PARSERS } from './builtin-template-plugins';
import { TemplateEngineNotFoundError } from './template-engine-not-found.error';
import type { TemplatePluginOptions, TemplateParser } from './template-plugin.types';

/** The parsers this process knows, by name: built-ins and plugins alike register here. */
export class TemplateParserRegistry extends NamedRegistry<TemplateParser> {
  constructor() {
    // `require` throws TemplateEngineNotFoundError (`Parser <name> not found`, known names listed).
    super('parser', (name, known) => new TemplateEngineNotFoundError('Parser', name, known));
  }

  static withBuiltins(options: TemplatePluginOptions = {}): TemplateParserRegistry {
    const registry = new TemplateParserRegistry();
    for (const P of BUILTIN_PARSERS) registry.register(new P(options));
    return registry;
  }
}
