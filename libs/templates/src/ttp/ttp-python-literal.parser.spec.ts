import { parseCalls } from './ttp-attributes.parser';
import { PythonLiteralParser } from './ttp-python-literal.parser';
import { XmlReader } from './ttp-xml.reader';

describe('TTP template readers', () => {
  it('read Python call arguments: strings, raw strings, numbers, constants, bare names, kwargs', () => {
    expect(PythonLiteralParser.callArgs(`"a", r'\\S+', 'x\\ty', 10, -1.5, True, None, name, k=[1, 'b']`)).toEqual({
      args: ['a', '\\S+', 'x\ty', 10, -1.5, true, null, 'name'],
      kwargs: { k: [1, 'b'] },
    });
    expect(PythonLiteralParser.assignments('a = "x"\nb = {"k": [1, 2]}\n')).toEqual({ a: 'x', b: { k: [1, 2] } });
    expect(() => PythonLiteralParser.callArgs('"open')).toThrow('unterminated string');
  });

  it('split a variable chain on | outside quotes and brackets', () => {
    expect(parseCalls('x | re("a|b") | replace("|", "-") | ORPHRASE')).toEqual([
      { args: [], kwargs: {}, name: 'x' },
      { args: ['a|b'], kwargs: {}, name: 're' },
      { args: ['|', '-'], kwargs: {}, name: 'replace' },
      { args: [], kwargs: {}, name: 'ORPHRASE' },
    ]);
  });

  it('read XML with ElementTree text and tail, entities and comments', () => {
    const root = XmlReader.parse('<template a="1">head<!-- c -->er<g name="x &amp; y">in</g>tail&lt;</template>');
    expect(root).toMatchObject({ attrib: { a: '1' }, tag: 'template', text: 'header' });
    expect(root.children[0]).toMatchObject({ attrib: { name: 'x & y' }, tail: 'tail<', text: 'in' });
    expect(() => XmlReader.parse('<a><b></a>')).toThrow('mismatched tag: line 1');
    expect(() => XmlReader.parse('<a/>junk')).toThrow('junk after document element');
  });
});
