import { ExpectMatcher } from './expect.matcher';

describe('ExpectMatcher', () => {
  it('answers a regex prompt and a plain-text prompt that is not a matching regex', () => {
    const sut = new ExpectMatcher({ 'Name: ?$': 'ann', 'Continue? [y/n]': 'y' });
    expect(sut.feed('Name: ')).toEqual(['ann']);
    expect(sut.feed('ann\r\nContinue? [y/n] ')).toEqual(['y']);
  });

  it('answers a prompt split across chunks once, and again when asked again', () => {
    const sut = new ExpectMatcher({ 'Password:': 'pw' });
    expect(sut.feed('Pass')).toEqual([]);
    expect(sut.feed('word: ')).toEqual(['pw']);
    expect(sut.feed('\r\nSorry\r\n')).toEqual([]);
    expect(sut.feed('Password: ')).toEqual(['pw']);
  });

  it('answers several prompts of one chunk in order of appearance', () => {
    const sut = new ExpectMatcher({ 'second>': '2', 'first>': '1' });
    expect(sut.feed('first> second> ')).toEqual(['1', '2']);
  });

  it('ignores empty keys and empty regex matches', () => {
    const sut = new ExpectMatcher({ '': 'x', 'z*': 'y' });
    expect(sut.feed('abc')).toEqual([]);
  });
});
