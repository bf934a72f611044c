import { TemplateRenderError } from './template-render.error';

/**
 * The Jinja2 `Template` options a request may carry in `rendering.args`. Null or absent
 * means Jinja2's default.
 */
export interface Jinja2Options {
  readonly blockStart: string;
  readonly blockEnd: string;
  readonly variableStart: string;
  readonly variableEnd: string;
  readonly commentStart: string;
  readonly commentEnd: string;
  /** Drop the first newline after a block tag. Default false. */
  readonly trimBlocks: boolean;
  /** Strip spaces and tabs before a block tag at the start of a line. Default false. */
  readonly lstripBlocks: boolean;
  /** Keep the one trailing newline of the template, which Jinja2 drops by default. Default false. */
  readonly keepTrailingNewline: boolean;
  /** What the template's own line breaks become: `\n` (default), `\r\n` or `\r`. */
  readonly newlineSequence: '\n' | '\r\n' | '\r';
}

/** Options the original accepts that nunjucks has no counterpart for: refused, never silently ignored. */
const UNSUPPORTED = ['line_statement_prefix', 'line_comment_prefix'] as const;

/**
 * Reads `rendering.args` (snake_case, as Jinja2 names them). Unknown keys are ignored, as the original's
 * model ignores them.
 * @throws TemplateRenderError naming the option that is wrong or not served
 */
export function readJinja2Options(args: Readonly<Record<string, unknown>>): Jinja2Options {
  for (const key of UNSUPPORTED) {
    if (args[key] !== undefined && args[key] !== null) {
      throw new TemplateRenderError(`rendering.args.${key} is not supported by this server's jinja2 renderer`);
    }
  }
  return {
    blockEnd: delimiter(args, 'block_end_string', '%}'),
    blockStart: delimiter(args, 'block_start_string', '{%'),
    commentEnd: delimiter(args, 'comment_end_string', '#}'),
    commentStart: delimiter(args, 'comment_start_string', '{#'),
    keepTrailingNewline: flag(args, 'keep_trailing_newline'),
    lstripBlocks: flag(args, 'lstrip_blocks'),
    newlineSequence: newlineSequence(args.newline_sequence),
    trimBlocks: flag(args, 'trim_blocks'),
    variableEnd: delimiter(args, 'variable_end_string', '}}'),
    variableStart: delimiter(args, 'variable_start_string', '{{'),
  };
}

function delimiter(args: Readonly<Record<string, unknown>>, key: string, fallback: string): string {
  const value = args[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string' && value !== '') return value;
  throw new TemplateRenderError(`rendering.args.${key} must be a non-empty string`);
}

function flag(args: Readonly<Record<string, unknown>>, key: string): boolean {
  const value = args[key];
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  throw new TemplateRenderError(`rendering.args.${key} must be a boolean`);
}

function newlineSequence(value: unknown): Jinja2Options['newlineSequence'] {
  if (value === undefined || value === null) return '\n';
  if (value === '\n' || value === '\r\n' || value === '\r') return value;
  throw new TemplateRenderError('rendering.args.newline_sequence must be one of "\\n", "\\r\\n", "\\r"');
}
