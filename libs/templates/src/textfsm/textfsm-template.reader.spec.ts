import { TextFsm } from './text-fsm';
import { TextFsmTemplateError } from './textfsm-template.error';

const parseError = (template: string): TextFsmTemplateError => {
  try {
    TextFsm.parse(template);
  } catch (error: unknown) {
    if (error instanceof TextFsmTemplateError) {
      return error;
    }
    throw error;
  }
  throw new Error('template was accepted');
};

// Messages are Python textfsm 1.1.0's, checked against it template by template.
describe('TextFsmTemplateReader', () => {
  const start = '\n\nStart\n  ^x\n';

  it.each([
    ['a value regex without parentheses', 'Value V \\S+', 'Unknown option "V" Line 1.', 1],
    ['unbalanced parentheses', 'Value V ((\\S+)', "Value '((\\S+)' must be contained within a '()' pair. Line 1.", 1],
    ['an unknown option', 'Value Bogus V (\\S+)', 'Unknown option "Bogus" Line 1.', 1],
    ['a repeated option', 'Value Key,Key V (\\S+)', 'Duplicate option "Key" Line 1.', 1],
    ['a repeated value', 'Value V (\\S+)\nValue V (\\d+)', "Duplicate declarations for Value 'V'. Line: 2.", 2],
    ['a short value line', 'Value V', 'Expect at least 3 tokens on line. Line 1.', 1],
    ['a long value name', `Value ${'N'.repeat(49)} (x)`, `Invalid Value name '${'N'.repeat(49)}' or name too long. Line 1.`, 1],
  ])('rejects %s', (_case, values, message, line) => {
    const error = parseError(`${values}${start}`);

    expect(error.message).toBe(message);
    expect(error.line).toBe(line);
  });

  it.each([
    ['no blank line after the values', 'Value V (\\S+)\nStart\n  ^x\n', 'Expected blank line after last Value entry. Line: 2.'],
    ['no values', 'Start\n  ^x\n', 'No Value definitions found.'],
    ['no Start state', 'Value V (\\S+)\n\nOther\n  ^x\n', "Missing state 'Start'."],
    ['a bad state name', 'Value V (\\S+)\n\nStart here\n  ^x\n', "Invalid state name: 'Start here'. Line: 3"],
    ['a reserved state name', 'Value V (\\S+)\n\nStart\n  ^x\n\nRecord\n  ^y\n', "Invalid state name: 'Record'. Line: 6"],
    ['a repeated state', 'Value V (\\S+)\n\nStart\n  ^x\n\nStart\n  ^y\n', "Duplicate state name: 'Start'. Line: 6"],
    ['a rule without its caret', 'Value V (\\S+)\n\nStart\n  x\n', "Missing white space or carat ('^') before rule. Line: 4"],
    ['a rule indented by three spaces', 'Value V (\\S+)\n\nStart\n   ^x\n', "Missing white space or carat ('^') before rule. Line: 4"],
    ['an unknown ${VALUE}', 'Value V (\\S+)\n\nStart\n  ^${W}\n', "Duplicate or invalid variable substitution: '^${W}'. Line: 4."],
    ['a lone $', 'Value V (\\S+)\n\nStart\n  ^x$\n', "Duplicate or invalid variable substitution: '^x$'. Line: 4."],
    ['Continue with a new state', 'Value V (\\S+)\n\nStart\n  ^x -> Continue Other\n\nOther\n  ^y\n', "Action 'Continue' with new state Other specified. Line: 4."],
    ['a misspelt action', 'Value V (\\S+)\n\nStart\n  ^x -> Nexty.Record\n', "Badly formatted rule '^x -> Nexty.Record'. Line: 4."],
    ['an unknown target state', 'Value V (\\S+)\n\nStart\n  ^x -> Nowhere\n', "State 'Nowhere' not found, referenced in state 'Start'"],
    ['rules in EOF', 'Value V (\\S+)\n\nStart\n  ^x\n\nEOF\n  ^y\n', "Non-Empty 'EOF' state."],
    ['rules in End', 'Value V (\\S+)\n\nStart\n  ^x\n\nEnd\n  ^y\n', "Non-Empty 'End' state."],
    ['a quoted state outside Error', 'Value V (\\S+)\n\nStart\n  ^x -> Next "Other"\n', 'Alphanumeric characters only in state names. Line: 4.'],
  ])('rejects %s', (_case, template, message) => {
    expect(parseError(template).message).toBe(message);
  });

  it('names the line of a bad rule regex and says what is wrong', () => {
    const error = parseError('Value V (\\S+)\n\nStart\n  ^x(\n');

    expect(error.message).toBe("Invalid regular expression: '^x('. Line: 4. (missing ), unterminated subpattern at position 2)");
    expect(error.line).toBe(4);
  });

  it('compiles a List value regex up front', () => {
    expect(parseError('Value List V ((?P<a>x)(?P<a>y))\n\nStart\n  ^x\n').message).toMatch(/^redefinition of group name 'a'.* Line 1\.$/);
  });

  it('accepts a template without values when it starts with a blank line', () => {
    expect(TextFsm.parse('\nStart\n  ^x$$\n').header).toEqual([]);
  });

  it('keeps the text before " ->" as the regex, trailing space included, as TextFSM does', () => {
    const sut = TextFsm.parse('Value V (\\S+)\n\nStart\n  ^${V}  -> Record\n');

    expect(sut.parseText('a \nb\n')).toEqual([['a']]);
  });

  it('lists states in template order without End', () => {
    expect(TextFsm.parse('Value V (\\S+)\n\nStart\n  ^x -> Other\n\nOther\n  ^y -> End\n\nEnd\n').stateNames).toEqual(['Start', 'Other']);
  });
});
