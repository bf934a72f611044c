import { renderToLines } from './render-to-lines.splitter';

describe('renderToLines', () => {
  it('gives one line per command, whatever the line break', () => {
    expect(renderToLines('interface e1\r\n description up\nexit\rend')).toEqual(['interface e1', ' description up', 'exit', 'end']);
  });

  it('drops empty and whitespace-only lines, keeps indentation and inner spaces', () => {
    expect(renderToLines('\n  \nvlan 10\n\t\n  name  users\n\n')).toEqual(['vlan 10', '  name  users']);
  });

  it('leaves no carriage return in any line', () => {
    expect(renderToLines('a\r\n\r\nb\r').every((l) => !l.includes('\r'))).toBe(true);
  });

  it('gives nothing for an empty render', () => {
    expect(renderToLines('')).toEqual([]);
    expect(renderToLines('\n \n')).toEqual([]);
  });
});
