import { TextFsmDefinition, TextFsmTemplateReader } from './textfsm-template.reader';
import { TextFsmRunner } from './textfsm.runner';
import { ParseTextOptions, TextFsmRecord, TextFsmRow, ValueOption } from './textfsm.types';

/**
 * A compiled TextFSM template, behaviourally compatible with Google's Python `textfsm` 1.1.
 *
 * Immutable once parsed: every `parseText` call runs with its own state, so one instance can be
 * cached and shared. Pure and synchronous (no I/O), so it can run in a worker thread as is.
 */
export class TextFsm {
  private constructor(private readonly definition: TextFsmDefinition) {}

  /** @throws TextFsmTemplateError for a template TextFSM would refuse, naming the line. */
  static parse(templateText: string): TextFsm {
    return new TextFsm(TextFsmTemplateReader.read(templateText));
  }

  /** Value names in template order: the column of each row cell. */
  get header(): readonly string[] {
    return this.definition.values.map((value) => value.name);
  }

  /** State names in template order (`End` excluded, as in TextFSM). */
  get stateNames(): readonly string[] {
    return [...this.definition.states.keys()];
  }

  /** Names of the values that carry `option` (Python's `GetValuesByAttrib`). */
  valuesWithOption(option: ValueOption): string[] {
    return this.definition.values.filter((value) => value.has(option)).map((value) => value.name);
  }

  /**
   * Runs the template over `text` (Python's `ParseText`).
   * @returns one row per record, cells in {@link header} order
   * @throws TextFsmParseError when an `Error` rule matches
   */
  parseText(text: string, options: ParseTextOptions = {}): TextFsmRow[] {
    return new TextFsmRunner(this.definition).run(text, options.eof ?? true);
  }

  /** Like {@link parseText}, each row keyed by value name as written in the template (`ParseTextToDicts`). */
  parseTextToDicts(text: string, options: ParseTextOptions = {}): TextFsmRecord[] {
    const header = this.header;
    return this.parseText(text, options).map((row) => {
      const record: TextFsmRecord = {};
      header.forEach((name, index) => {
        record[name] = row[index] ?? '';
      });
      return record;
    });
  }
}
