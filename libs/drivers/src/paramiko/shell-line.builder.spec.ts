import { inWorkingDirectory, shellQuote, ShellLineError, withEnvironment } from './shell-line.builder';

describe('shell line builder', () => {
  it('quotes single quotes the POSIX way', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('prefixes environment exports in order and rejects names that would inject', () => {
    expect(withEnvironment('env', { A: '1', B_2: 'x y' })).toBe("export A='1' && export B_2='x y' && env");
    expect(withEnvironment('env', {})).toBe('env');
    expect(() => withEnvironment('env', { 'A;rm -rf /': '1' })).toThrow(ShellLineError);
  });

  it('changes directory with the home tilde kept working', () => {
    expect(inWorkingDirectory('ls', '/tmp/a b')).toBe("cd '/tmp/a b' && ls");
    expect(inWorkingDirectory('ls', '~/x')).toBe(`cd "$HOME"/'x' && ls`);
    expect(inWorkingDirectory('ls', '~')).toBe('cd "$HOME" && ls');
    expect(inWorkingDirectory('ls', null)).toBe('ls');
  });
});
