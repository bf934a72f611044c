import { PythonRegex } from './python-regex';
import { PythonRegexError } from './python-regex.error';

/** The whole match and its named groups, as Python's `m.group(0), m.groupdict()` (unset → null). */
const match = (pattern: string, text: string): [string, Record<string, string | null>] | null => {
  const result = PythonRegex.compile(pattern).match(text);
  if (result === null) {
    return null;
  }
  return [result.text, Object.fromEntries(Object.entries(result.groups).map(([name, value]) => [name, value ?? null]))];
};

// Every expectation below is what CPython 3.11's `re` returns for the same pattern and text.
describe('PythonRegex', () => {
  it('anchors at the start but not at the end (re.match)', () => {
    expect(match('ab', 'abc')).toEqual(['ab', {}]);
    expect(match('ab', 'xab')).toBeNull();
    expect(match('a|b', 'b')).toEqual(['b', {}]);
  });

  describe('Python syntax', () => {
    it.each([
      ['(?P<x>\\d+)-(?P=x)', '12-12', ['12-12', { x: '12' }]],
      ['(?P<x>\\d+)-(?P=x)', '12-13', null],
      ['x{,2}y', 'xxy', ['xxy', {}]],
      ['x{,}y', 'xxxy', ['xxxy', {}]],
      ['x{y}', 'x{y}', ['x{y}', {}]],
      ['a{,2', 'a{,2', ['a{,2', {}]],
      ['[]a]+', ']a]b', [']a]', {}]],
      ['[^]a]+', 'bc]', ['bc', {}]],
      ['[[:alpha:]]+', ':]]', [':]]', {}]],
      ['(?i)abc', 'ABC', ['ABC', {}]],
      ['(?s).', '\n', ['\n', {}]],
      ['(?m)a$\\nb', 'a\nb', ['a\nb', {}]],
      ['(?x) a b # comment', 'ab', ['ab', {}]],
      ['(?i:a)b', 'Ab', ['Ab', {}]],
      ['(?i:a)b', 'AB', null],
      ['(?i:s)', '\u017f', ['\u017f', {}]],
      ['\\Aa', 'a', ['a', {}]],
      ['a\\Z', 'a\n', null],
      ['(?#comment)a', 'a', ['a', {}]],
      ['\\x41\\u00e9\\101', 'AéA', ['AéA', {}]],
    ])('%j on %j', (pattern, text, expected) => {
      expect(match(pattern, text)).toEqual(expected);
    });
  });

  describe('Python semantics', () => {
    it.each([
      ['. stops only at \\n', '.', '\n', null],
      ['$ also matches before a final \\n', 'a$', 'a\n', ['a', {}]],
      ['\\w is Unicode', '\\w+', 'Grüße!', ['Grüße', {}]],
      ['\\d is Unicode', '\\d+', '٣4x', ['٣4', {}]],
      ['\\s includes \\x1c', '\\s', '\x1c', ['\x1c', {}]],
      ['\\s excludes \\ufeff', '\\s', '\ufeff', null],
      ['\\b knows Unicode words', '.+\\b', 'naïve x', ['naïve x', {}]],
      ['\\B never matches an empty string', '\\B', '', null],
      ['a back-reference to an unset group fails', '(a)?b\\1', 'b', null],
      ['a repeat keeps captures from earlier iterations', '(?:(?P<c>a)|b)+', 'ab', ['ab', { c: 'a' }]],
      ['an empty iteration captures the empty string', '(?P<e>x*)?y', 'y', ['y', { e: '' }]],
      ['a repeat may take one empty iteration', '(?:|a)?', 'a', ['', {}]],
      ['and still backtracks past it', '(?:|a)?b', 'ab', ['ab', {}]],
      ['atomic groups do not give back', '(?>a+)a', 'aaa', null],
      ['possessive repeats do not give back', 'a*+a', 'aaa', null],
      ['possessive repeats still match', 'a*+b', 'aab', ['aab', {}]],
    ])('%s', (_case, pattern, text, expected) => {
      expect(match(pattern, text)).toEqual(expected);
    });

    it('gives the same answer for ASCII and non-ASCII subjects of one pattern', () => {
      const sut = PythonRegex.compile('(?P<word>\\w+)\\s+(?P<rest>\\S+)');

      expect(sut.match('abc def')?.groups).toEqual({ rest: 'def', word: 'abc' });
      expect(sut.match('åbc déf')?.groups).toEqual({ rest: 'déf', word: 'åbc' });
      expect(sut.match('abc def', true)?.groups).toEqual({ rest: 'def', word: 'abc' });
    });
  });

  it('runs on the JS engine unless the pattern needs Python\'s own rules', () => {
    expect(PythonRegex.compile('^\\s*(?P<x>\\S+)(\\s+(?P<y>\\d+))?').usesPythonMatcher).toBe(false);
    expect(PythonRegex.compile('(?P<x>a)?b(?P=x)').usesPythonMatcher).toBe(true);
    expect(PythonRegex.compile('(?:|a)?').usesPythonMatcher).toBe(true);
    expect(PythonRegex.compile('(?>a)').usesPythonMatcher).toBe(true);
  });

  it('falls back to the JS result when an input is too long for the Python-semantics matcher', () => {
    const text = `${'xy'.repeat(20_000)}y`;

    expect(PythonRegex.compile('(?:(?P<a>x)|y)+').match(text)?.text).toBe(text);
  });

  it('reports groups like Python: all capturing groups counted, names in order', () => {
    const sut = PythonRegex.compile('(a)(?P<second>b)(?:c)(?P<first>d)');

    expect(sut.groupCount).toBe(3);
    expect(sut.groupNames).toEqual(['second', 'first']);
  });

  it.each([
    ['*a', 'nothing to repeat at position 0'],
    ['a**', 'multiple repeat at position 2'],
    ['(a', 'missing ), unterminated subpattern at position 0'],
    ['a)', 'unbalanced parenthesis at position 1'],
    ['\\q', 'bad escape \\q at position 0'],
    ['(?P=n)', "unknown group name 'n'"],
    ['(?<=a+)b', 'look-behind requires fixed-width pattern'],
    ['[ab', 'unterminated character set at position 0'],
    ['a(?i)b', 'global flags not at the start of the expression at position 1'],
    ['(?P<1a>x)', "bad character in group name '1a'"],
    ['a{3,1}', 'min repeat greater than max repeat'],
    ['(?(1)a|b)', 'conditional groups are not supported'],
  ])('rejects %j like Python', (pattern, message) => {
    expect(() => PythonRegex.compile(pattern)).toThrow(PythonRegexError);
    expect(() => PythonRegex.compile(pattern)).toThrow(message);
  });
});
