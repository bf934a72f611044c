import { NtcIndexError } from '../ntc/ntc-index.error';
import { parseWithNtcIndex } from '../ntc/parse-with-ntc-index';
import { TextFsm } from '../textfsm/text-fsm';
import { TextFsmParseError } from '../textfsm/textfsm-parse.error';
import { TextFsmTemplateError } from '../textfsm/textfsm-template.error';
import { TemplateParseError } from './template-parse.error';
import type { TemplateParseRequest, TemplateParser, TemplatePluginOptions } from './template-plugin.types';

/** Compiled templates kept per process; a job parses every result with the same one. */
const CACHE_SIZE = 64;

/**
 * Parser `textfsm`: a TextFSM template → one dict per record, keyed by the Value names as written
 * (textfsm's `ParseTextToDicts`). With `use_ntc_template: true` and `ntc_template_args: {platform,
 * command}` the ntc-templates index picks the template, and keys are lower-case, as the original's
 * `ntc_templates.parse.parse_output` gives them; `template` may then be omitted (docs/compatibility.md: Parsing with an index lookup needs no template).
 */
export class TextFsmParserPlugin implements TemplateParser {
  readonly name = 'textfsm';
  private readonly compiled = new Map<string, TextFsm>();
  private readonly ntcDir: string | undefined;

  constructor(options: TemplatePluginOptions = {}) {
    this.ntcDir = options.ntcDir ?? undefined;
  }

  async parse(text: string, request: TemplateParseRequest): Promise<unknown> {
    if (request.use_ntc_template === true) return this.parseWithIndex(text, request.ntc_template_args);
    const template = request.template;
    if (typeof template !== 'string' || template.trim() === '') {
      throw new TemplateParseError(
        'Parser textfsm needs `template` (TextFSM template text or URL), or `use_ntc_template: true` with `ntc_template_args: {platform, command}`',
      );
    }
    const fsm = this.compile(template);
    try {
      return fsm.parseTextToDicts(text);
    } catch (err) {
      if (err instanceof TextFsmParseError) throw new TemplateParseError(`TextFSM: ${err.message}`);
      throw err;
    }
  }

  private parseWithIndex(text: string, args: Record<string, unknown> | null | undefined): unknown {
    const platform = args?.platform;
    const command = args?.command;
    for (const [field, value] of [['platform', platform], ['command', command]] as const) {
      if (typeof value !== 'string' || value === '') {
        throw new TemplateParseError(`ntc_template_args.${field} must be a non-empty string when use_ntc_template is true`);
      }
    }
    try {
      return parseWithNtcIndex({ command: String(command), platform: String(platform) }, text, { lowerCaseKeys: true, templateDir: this.ntcDir });
    } catch (err) {
      if (err instanceof NtcIndexError || err instanceof TextFsmTemplateError || err instanceof TextFsmParseError) {
        throw new TemplateParseError(`TextFSM (ntc-templates): ${err.message}`);
      }
      throw err;
    }
  }

  private compile(template: string): TextFsm {
    const hit = this.compiled.get(template);
    if (hit) return hit;
    let fsm: TextFsm;
    try {
      fsm = TextFsm.parse(template);
    } catch (err) {
      if (err instanceof TextFsmTemplateError) throw new TemplateParseError(`Invalid TextFSM template: ${err.message}`);
      throw err;
    }
    if (this.compiled.size >= CACHE_SIZE) {
      const oldest = this.compiled.keys().next();
      if (!oldest.done) this.compiled.delete(oldest.value);
    }
    this.compiled.set(template, fsm);
    return fsm;
  }
}
