import { Jinja2Renderer } from '../render/jinja2.renderer';
import type { TemplateParser, TemplatePluginOptions, TemplateRenderer } from './template-plugin.types';
import { TextFsmParserPlugin } from './textfsm.parser-plugin';
import { TtpParserPlugin } from './ttp.parser-plugin';

/** Renderers shipped with NetPulse. Adding one is adding a line here. */
export const BUILTIN_RENDERERS: readonly (new (options: TemplatePluginOptions) => TemplateRenderer)[] = [Jinja2Renderer];

/** Parsers shipped with NetPulse. */
export const BUILTIN_PARSERS: readonly (new (options: TemplatePluginOptions) => TemplateParser)[] = [TextFsmParserPlugin, TtpParserPlugin];
