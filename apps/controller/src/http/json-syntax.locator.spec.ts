import { describeJsonSyntaxError } from './json-syntax.locator';

describe('describeJsonSyntaxError', () => {
  const cases: [string, string][] = [
    ['{"password": hunter2secret}', 'Expecting value: line 1 column 14 (char 13)'],
    ['{"a":1', "Expecting ',' delimiter: line 1 column 7 (char 6)"],
    ['{"a":1}x', 'Extra data: line 1 column 8 (char 7)'],
    ['{a:1}', 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['{\n  "p": "s3cr\u0001t"\n}', 'Invalid control character at: line 2 column 13 (char 14)'],
    ['{"p": "abc', 'Unterminated string starting at: line 1 column 7 (char 6)'],
    ['[1,]', 'Expecting value: line 1 column 4 (char 3)'],
    ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
    ['', 'Expecting value: line 1 column 1 (char 0)'],
    ['"\\q"', 'Invalid \\escape: line 1 column 2 (char 1)'],
  ];

  it.each(cases)('locates %j without quoting it', (text, expected) => {
    expect(() => JSON.parse(text)).toThrow();
    const message = describeJsonSyntaxError(text);
    expect(message).toBe(expected);
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('s3cr');
  });

  it('survives unclosed nesting far deeper than any request', () => {
    expect(describeJsonSyntaxError('['.repeat(50_000))).toBe('Nesting deeper than 1000 levels: line 1 column 1002 (char 1001)');
  });
});
