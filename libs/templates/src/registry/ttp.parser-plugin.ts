import { runTtp } from '../ttp/ttp.engine';
import { TtpError } from '../ttp/ttp.error';
import { TemplateParseError } from './template-parse.error';
import type { TemplateParseRequest, TemplateParser } from './template-plugin.types';

/**
 * Parser `ttp`: a TTP (Template Text Parser) template → TTP's result with structure `dictionary`
 * (`{"<template name>": [<one result per input>]}`, `_root_template_` for a template without a
 * name). Our own engine: a pure function of template, text and options, so it runs wherever the
 * parsers run. `use_ttp_template` (the ttp-templates collection) is refused until one is bundled.
 */
export class TtpParserPlugin implements TemplateParser {
  readonly name = 'ttp';

  async parse(text: string, request: TemplateParseRequest): Promise<unknown> {
    if (request.use_ttp_template === true) {
      throw new TemplateParseError(
        'use_ttp_template is not supported: no ttp-templates collection is bundled; pass the TTP template text (or its URL) in `template` instead',
      );
    }
    const template = request.template;
    if (typeof template !== 'string' || template.trim() === '') {
      throw new TemplateParseError('Parser ttp needs `template` (TTP template text or URL)');
    }
    try {
      return runTtp(template, { data: text, result: { structure: 'dictionary' } });
    } catch (err) {
      if (err instanceof TtpError) throw new TemplateParseError(`TTP: ${err.message}`);
      // A template the engine trips over is still the request's problem to report, never a 500.
      throw new TemplateParseError(`TTP: the template could not be processed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}
