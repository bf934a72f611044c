import { PythonRepr } from './python-repr';

describe('PythonRepr', () => {
  it.each([
    [null, 'None'],
    ['plain', "'plain'"],
    ["it's", '"it\'s"'],
    ['both \' and "', "'both \\' and \"'"],
    ['tab\tnew\nback\\', "'tab\\tnew\\nback\\\\'"],
    ['\x01é\u200b', "'\\x01é\\u200b'"],
    [{ age: null, name: 'bob' }, "{'age': None, 'name': 'bob'}"],
  ])('writes %j as Python would', (value, expected) => {
    expect(PythonRepr.of(value)).toBe(expected);
  });
});
