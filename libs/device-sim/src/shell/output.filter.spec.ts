import { OutputFilter } from './output.filter';

describe('OutputFilter', () => {
  const text = 'interface Gi1\n description a\n shutdown\ninterface Gi2\n description b\nend\n';

  it('applies include, exclude, begin and section', () => {
    expect(OutputFilter.apply(text, ['i Gi'])).toBe('interface Gi1\ninterface Gi2\n');
    expect(OutputFilter.apply(text, ['exclude desc'])).toBe('interface Gi1\n shutdown\ninterface Gi2\nend\n');
    expect(OutputFilter.apply(text, ['begin Gi2'])).toBe('interface Gi2\n description b\nend\n');
    expect(OutputFilter.apply(text, ['section Gi2'])).toBe('interface Gi2\n description b\n');
  });

  it('chains filters and refuses unknown ones', () => {
    expect(OutputFilter.apply(text, ['include desc', 'count'])).toBe('Number of lines which match regexp = 2\n');
    expect(OutputFilter.apply(text, ['frobnicate x'])).toEqual({ pipe: 'frobnicate x' });
  });
});
