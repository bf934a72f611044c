import { PythonRegex } from '../regex/python-regex';
import { PythonRegexError } from '../regex/python-regex.error';
import { PythonTemplateSubstituter } from './python-template.substituter';
import { PythonText } from './python-text';
import { TextFsmTemplateError } from './textfsm-template.error';
import { LineOp, RecordOp } from './textfsm.types';

// TextFSM's own rule grammar, compiled with Python semantics so odd whitespace splits the same way.
const MATCH_ACTION = PythonRegex.compile('(?P<match>.*)(\\s->(?P<action>.*))');
const LINE_OPS = 'Continue|Next|Error';
const RECORD_OPS = 'Clear|Clearall|Record|NoRecord';
const NEW_STATE = '(?P<new_state>\\w+|\\".*\\")';
const ACTIONS = [
  PythonRegex.compile(`\\s+(?P<ln_op>${LINE_OPS})(\\.(?P<rec_op>${RECORD_OPS}))?(\\s+${NEW_STATE})?$`),
  PythonRegex.compile(`\\s+(?P<rec_op>${RECORD_OPS})(\\s+${NEW_STATE})?$`),
  PythonRegex.compile(`(\\s+${NEW_STATE})?$`),
];
const WORD_START = PythonRegex.compile('\\w+');

/** A rule's named group that fills a value: the group name and the value's column. */
export interface RuleAssignment {
  readonly column: number;
  readonly group: string;
}

/** One `^regex -> LineOp.RecordOp NewState` line of a state. */
export class StateRule {
  private constructor(
    /** The regex as written, before `${VALUE}` substitution. */
    readonly match: string,
    readonly regex: PythonRegex,
    readonly lineOp: LineOp,
    readonly recordOp: RecordOp,
    /** Target state, or the message of an `Error` action (quotes kept); `''` for none. */
    readonly newState: string,
    readonly line: number,
    /** Named groups of the regex that are values, in pattern order. */
    readonly assignments: readonly RuleAssignment[],
  ) {}

  /**
   * @param text the rule line as read from the template
   * @param substitutions value name → value regex with its named group, for `${NAME}`
   * @param columns value name → column index
   */
  static parse(text: string, line: number, substitutions: ReadonlyMap<string, string>, columns: ReadonlyMap<string, number>): StateRule {
    const stripped = PythonText.strip(text);
    if (!stripped) {
      throw new TextFsmTemplateError(`Null data in FSMRule. Line: ${line}`, line);
    }
    const split = MATCH_ACTION.match(stripped);
    const match = split ? (split.groups['match'] ?? '') : stripped;
    const source = substitutions.size > 0 ? PythonTemplateSubstituter.substitute(match, substitutions) : match;
    if (source === undefined) {
      throw new TextFsmTemplateError(`Duplicate or invalid variable substitution: '${match}'. Line: ${line}.`, line);
    }
    const regex = StateRule.compile(source, line);
    const assignments = regex.groupNames.flatMap((group) => {
      const column = columns.get(group);
      return column === undefined ? [] : [{ column, group }];
    });
    if (!split) {
      return new StateRule(match, regex, '', '', '', line, assignments);
    }
    const action = split.groups['action'] ?? '';
    const parsed = ACTIONS.map((pattern) => pattern.match(action)).find((result) => result !== null);
    if (!parsed) {
      throw new TextFsmTemplateError(`Badly formatted rule '${stripped}'. Line: ${line}.`, line);
    }
    const lineOp = (parsed.groups['ln_op'] ?? '') as LineOp;
    const recordOp = (parsed.groups['rec_op'] ?? '') as RecordOp;
    const newState = parsed.groups['new_state'] ?? '';
    if (lineOp === 'Continue' && newState) {
      throw new TextFsmTemplateError(`Action '${lineOp}' with new state ${newState} specified. Line: ${line}.`, line);
    }
    if (lineOp !== 'Error' && newState && !WORD_START.match(newState)) {
      throw new TextFsmTemplateError(`Alphanumeric characters only in state names. Line: ${line}.`, line);
    }
    return new StateRule(match, regex, lineOp, recordOp, newState, line, assignments);
  }

  private static compile(source: string, line: number): PythonRegex {
    try {
      return PythonRegex.compile(source);
    } catch (error: unknown) {
      if (error instanceof PythonRegexError) {
        throw new TextFsmTemplateError(`Invalid regular expression: '${source}'. Line: ${line}. (${error.message})`, line);
      }
      throw error;
    }
  }
}
