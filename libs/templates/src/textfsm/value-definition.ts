import { PythonRegex } from '../regex/python-regex';
import { PythonRegexError } from '../regex/python-regex.error';
import { TextFsmTemplateError } from './textfsm-template.error';
import { ValueOption } from './textfsm.types';

const OPTIONS: ReadonlySet<string> = new Set<ValueOption>(['Fillup', 'Filldown', 'Key', 'List', 'Required']);
const MAX_NAME_LENGTH = 48;
const WRAPPED_IN_PARENS = PythonRegex.compile('^\\(.*\\)$');

/** A `Value [Options] NAME (regex)` line of a template. */
export class ValueDefinition {
  private constructor(
    readonly name: string,
    readonly options: readonly ValueOption[],
    /** The regex as written, including its outer parentheses. */
    readonly regex: string,
    /** Compiled `regex`, kept for `List` values whose nested named groups become dict items. */
    readonly listRegex: PythonRegex | undefined,
  ) {}

  /**
   * Parses one `Value` line (already right-stripped), exactly as TextFSM splits it: on single spaces,
   * options present when the third token does not start with `(`.
   * @throws TextFsmTemplateError without a line number; the template reader adds it.
   */
  static parse(line: string): ValueDefinition {
    const tokens = line.split(' ');
    if (tokens.length < 3) {
      throw new TextFsmTemplateError('Expect at least 3 tokens on line.');
    }
    let options: ValueOption[] = [];
    let name: string;
    let regex: string;
    if (!(tokens[2] ?? '').startsWith('(')) {
      options = ValueDefinition.parseOptions(tokens[1] ?? '');
      name = tokens[2] ?? '';
      regex = tokens.slice(3).join(' ');
    } else {
      name = tokens[1] ?? '';
      regex = tokens.slice(2).join(' ');
    }
    if (name.length > MAX_NAME_LENGTH) {
      throw new TextFsmTemplateError(`Invalid Value name '${name}' or name too long.`);
    }
    if (!WRAPPED_IN_PARENS.match(regex) || ValueDefinition.count(regex, '(') !== ValueDefinition.count(regex, ')')) {
      throw new TextFsmTemplateError(`Value '${regex}' must be contained within a '()' pair.`);
    }
    return new ValueDefinition(name, options, regex, options.includes('List') ? ValueDefinition.compileList(regex) : undefined);
  }

  /** The regex with its first group named after the value, for `${NAME}` substitution. */
  get template(): string {
    return `(?P<${this.name}>${this.regex.slice(1)}`;
  }

  has(option: ValueOption): boolean {
    return this.options.includes(option);
  }

  private static parseOptions(text: string): ValueOption[] {
    const options: ValueOption[] = [];
    for (const option of text.split(',')) {
      if (options.includes(option as ValueOption)) {
        throw new TextFsmTemplateError(`Duplicate option "${option}"`);
      }
      if (!OPTIONS.has(option)) {
        throw new TextFsmTemplateError(`Unknown option "${option}"`);
      }
      options.push(option as ValueOption);
    }
    return options;
  }

  private static compileList(regex: string): PythonRegex {
    try {
      return PythonRegex.compile(regex);
    } catch (error: unknown) {
      if (error instanceof PythonRegexError) {
        throw new TextFsmTemplateError(error.message);
      }
      throw error;
    }
  }

  private static count(text: string, char: string): number {
    return text.split(char).length - 1;
  }
}
