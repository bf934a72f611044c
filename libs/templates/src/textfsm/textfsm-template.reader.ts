import { PythonRegex } from '../regex/python-regex';
import { PythonText } from './python-text';
import { StateRule } from './state-rule';
import { TextFsmTemplateError } from './textfsm-template.error';
import { ValueDefinition } from './value-definition';

/** A template read into its parts; `End` is already dropped, as TextFSM does after validation. */
export interface TextFsmDefinition {
  /** States in template order, each with its rules. */
  readonly states: ReadonlyMap<string, readonly StateRule[]>;
  readonly values: readonly ValueDefinition[];
}

const COMMENT = PythonRegex.compile('^\\s*#');
const STATE_NAME = PythonRegex.compile('^(\\w+)$');
const MAX_NAME_LENGTH = 48;
const RESERVED = new Set(['Continue', 'Next', 'Error', 'Clear', 'Clearall', 'Record', 'NoRecord']);
const RULE_PREFIXES = [' ^', '  ^', '\t^'];

/** Reads template text with TextFSM's grammar and error messages (line numbers are 1-based). */
export class TextFsmTemplateReader {
  private readonly lines: readonly string[];
  private lineNumber = 0;
  private readonly states = new Map<string, StateRule[]>();
  private readonly values: ValueDefinition[] = [];

  private constructor(text: string) {
    this.lines = PythonText.fileLines(text);
  }

  /** @throws TextFsmTemplateError */
  static read(text: string): TextFsmDefinition {
    return new TextFsmTemplateReader(text).run();
  }

  private run(): TextFsmDefinition {
    this.readValues();
    const substitutions = new Map(this.values.map((value) => [value.name, value.template]));
    const columns = new Map(this.values.map((value, index) => [value.name, index]));
    while (this.readState(substitutions, columns)) {
      // Each call consumes one state and the blank line that ends it.
    }
    this.validate();
    this.states.delete('End');
    return { states: this.states, values: this.values };
  }

  private nextLine(): string | undefined {
    const line = this.lines[this.lineNumber];
    if (line === undefined) {
      return undefined;
    }
    this.lineNumber += 1;
    return PythonText.rstrip(line);
  }

  private readValues(): void {
    for (let line = this.nextLine(); line !== undefined; line = this.nextLine()) {
      if (!line) {
        return;
      }
      if (COMMENT.match(line)) {
        continue;
      }
      if (!line.startsWith('Value ')) {
        if (this.values.length === 0) {
          throw new TextFsmTemplateError('No Value definitions found.', this.lineNumber);
        }
        throw new TextFsmTemplateError(`Expected blank line after last Value entry. Line: ${this.lineNumber}.`, this.lineNumber);
      }
      const value = this.parseValue(line);
      if (this.values.some((existing) => existing.name === value.name)) {
        throw new TextFsmTemplateError(`Duplicate declarations for Value '${value.name}'. Line: ${this.lineNumber}.`, this.lineNumber);
      }
      this.values.push(value);
    }
  }

  private parseValue(line: string): ValueDefinition {
    try {
      return ValueDefinition.parse(line);
    } catch (error: unknown) {
      if (error instanceof TextFsmTemplateError) {
        throw new TextFsmTemplateError(`${error.message} Line ${this.lineNumber}.`, this.lineNumber);
      }
      throw error;
    }
  }

  /** @returns whether a state was read (false at the end of the template). */
  private readState(substitutions: ReadonlyMap<string, string>, columns: ReadonlyMap<string, number>): boolean {
    let rules: StateRule[] | undefined;
    for (let line = this.nextLine(); line !== undefined; line = this.nextLine()) {
      if (!line || COMMENT.match(line)) {
        continue;
      }
      if (!STATE_NAME.match(line) || line.length > MAX_NAME_LENGTH || RESERVED.has(line)) {
        throw new TextFsmTemplateError(`Invalid state name: '${line}'. Line: ${this.lineNumber}`, this.lineNumber);
      }
      if (this.states.has(line)) {
        throw new TextFsmTemplateError(`Duplicate state name: '${line}'. Line: ${this.lineNumber}`, this.lineNumber);
      }
      rules = [];
      this.states.set(line, rules);
      break;
    }
    if (rules === undefined) {
      return false;
    }
    for (let line = this.nextLine(); line; line = this.nextLine()) {
      if (COMMENT.match(line)) {
        continue;
      }
      if (!RULE_PREFIXES.some((prefix) => line.startsWith(prefix))) {
        throw new TextFsmTemplateError(`Missing white space or carat ('^') before rule. Line: ${this.lineNumber}`, this.lineNumber);
      }
      rules.push(StateRule.parse(line, this.lineNumber, substitutions, columns));
    }
    return true;
  }

  private validate(): void {
    if (!this.states.has('Start')) {
      throw new TextFsmTemplateError("Missing state 'Start'.");
    }
    for (const reserved of ['End', 'EOF']) {
      const [first] = this.states.get(reserved) ?? [];
      if (first !== undefined) {
        throw new TextFsmTemplateError(`Non-Empty '${reserved}' state.`, first.line);
      }
    }
    for (const [name, rules] of this.states) {
      if (name === 'End') {
        continue;
      }
      for (const rule of rules) {
        if (rule.lineOp === 'Error' || !rule.newState || rule.newState === 'End' || rule.newState === 'EOF') {
          continue;
        }
        if (!this.states.has(rule.newState)) {
          throw new TextFsmTemplateError(`State '${rule.newState}' not found, referenced in state '${name}'`, rule.line);
        }
      }
    }
  }
}
