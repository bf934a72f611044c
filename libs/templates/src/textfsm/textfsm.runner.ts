import { PythonRegex } from '../regex/python-regex';
import { StateRule } from './state-rule';
import { TextFsmParseError } from './textfsm-parse.error';
import { TextFsmDefinition } from './textfsm-template.reader';
import { PythonText } from './python-text';
import { MutableRow, ValueSlot } from './value-slot';

/** One pass of a template over one text: the current state, the record being built and the rows. */
export class TextFsmRunner {
  private readonly rows: MutableRow[] = [];
  private readonly slots: readonly ValueSlot[];
  private state: readonly StateRule[];
  private stateName = 'Start';

  constructor(private readonly definition: TextFsmDefinition) {
    this.slots = definition.values.map((value, column) => new ValueSlot(value, column));
    this.state = definition.states.get('Start') ?? [];
  }

  /** @throws TextFsmParseError when an `Error` rule matches. */
  run(text: string, eof: boolean): MutableRow[] {
    for (const line of PythonText.splitLines(text)) {
      this.checkLine(line);
      if (this.stateName === 'End' || this.stateName === 'EOF') {
        break;
      }
    }
    // The implicit EOF record, unless the template declares its own (necessarily empty) EOF state.
    if (this.stateName !== 'End' && !this.definition.states.has('EOF') && eof) {
      this.appendRecord();
    }
    return this.rows;
  }

  private checkLine(line: string): void {
    const ascii = PythonRegex.isAscii(line);
    for (const rule of this.state) {
      const match = rule.regex.match(line, ascii);
      if (!match) {
        continue;
      }
      for (const { column, group } of rule.assignments) {
        this.slots[column]?.assign(match.groups[group] ?? null, this.rows);
      }
      this.recordOperation(rule);
      if (rule.lineOp === 'Error') {
        throw TextFsmRunner.error(rule, line);
      }
      if (rule.lineOp === 'Continue') {
        continue;
      }
      if (rule.newState) {
        if (rule.newState !== 'End' && rule.newState !== 'EOF') {
          this.state = this.definition.states.get(rule.newState) ?? [];
        }
        this.stateName = rule.newState;
      }
      return;
    }
  }

  private recordOperation(rule: StateRule): void {
    switch (rule.recordOp) {
      case 'Record':
        return this.appendRecord();
      case 'Clear':
        return this.slots.forEach((slot) => slot.clear());
      case 'Clearall':
        return this.slots.forEach((slot) => slot.clearAll());
      case '':
      case 'NoRecord':
        return;
    }
  }

  private appendRecord(): void {
    if (this.slots.length === 0) {
      return;
    }
    const record: MutableRow = [];
    for (const slot of this.slots) {
      if (!slot.save()) {
        this.slots.forEach((each) => each.clear());
        return;
      }
      record.push(slot.value ?? '');
    }
    // An all-empty record is dropped without clearing, as TextFSM does.
    if (this.slots.every((slot) => slot.value === null || (Array.isArray(slot.value) && slot.value.length === 0))) {
      return;
    }
    this.rows.push(record);
    this.slots.forEach((slot) => slot.clear());
  }

  private static error(rule: StateRule, line: string): TextFsmParseError {
    const message = rule.newState
      ? `Error: ${rule.newState}. Rule Line: ${rule.line}. Input Line: ${line}.`
      : `State Error raised. Rule Line: ${rule.line}. Input Line: ${line}`;
    return new TextFsmParseError(message, rule.line, line);
  }
}
