import { PythonText } from './python-text';

describe('PythonText', () => {
  it('splits lines like str.splitlines()', () => {
    expect(PythonText.splitLines('a\r\nb\rc\nd\x0be\x0cf\x1cg\x1dh\x1ei\x85j\u2028k\u2029l\n')).toEqual(Array.from('abcdefghijkl'));
    expect(PythonText.splitLines('a\n\nb')).toEqual(['a', '', 'b']);
    expect(PythonText.splitLines('')).toEqual([]);
  });

  it('splits a file like Python text mode (universal newlines only)', () => {
    expect(PythonText.fileLines('a\r\nb\rc\x0cd\n')).toEqual(['a', 'b', 'c\x0cd']);
  });

  it('strips what str.strip() strips: \\x1c-\\x1f and \\x85 yes, \\ufeff no', () => {
    expect(PythonText.strip('\x1c\x85 a \x1f\t')).toBe('a');
    expect(PythonText.strip('\ufeffa\ufeff')).toBe('\ufeffa\ufeff');
    expect(PythonText.rstrip('  a  ')).toBe('  a');
  });
});
