import { BUILTIN_PARSERS } from './builtin-template-plugins';
import { TemplateEngineNotFoundError } from './template-engine-not-found.error';
import type { TemplatePluginOptions, TemplateParser } from './template-plugin.types';

/** The parsers this process knows, by name: built-ins and plugins alike register here. */
export class TemplateParserRegistry {
  private readonly parsers = new Map<string, TemplateParser>();

  static withBuiltins(options: TemplatePluginOptions = {}): TemplateParserRegistry {
    const registry = new TemplateParserRegistry();
    for (const P of BUILTIN_PARSERS) registry.register(new P(options));
    return registry;
  }

  /** @throws Error at startup when a name is registered twice */
  register(parser: TemplateParser): void {
    if (this.parsers.has(parser.name)) throw new Error(`parser ${parser.name} is registered twice`);
    this.parsers.set(parser.name, parser);
  }

  get(name: string): TemplateParser | undefined {
    return this.parsers.get(name);
  }

  /** @throws TemplateEngineNotFoundError (`Parser <name> not found`, known names listed) */
  require(name: string): TemplateParser {
    const parser = this.parsers.get(name);
    if (!parser) throw new TemplateEngineNotFoundError('Parser', name, this.names());
    return parser;
  }

  names(): string[] {
    return [...this.parsers.keys()].sort();
  }
}
