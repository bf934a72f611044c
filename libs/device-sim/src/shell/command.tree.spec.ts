import { CommandTree } from './command.tree';

describe('CommandTree', () => {
  const sut = new CommandTree<string>()
    .add('show version', 'version')
    .add('show ip interface brief', 'ip-brief')
    .add('show interfaces status', 'status')
    .add('show interfaces <name>', 'interface')
    .add('terminal length <lines#>', 'length')
    .add('echo <text...>', 'echo')
    .add('set cli screen-length <n#>', 'cli-length')
    .add('set <statement...>', 'set');

  it('accepts unique abbreviations of every keyword', () => {
    expect(sut.match('sh ip int br')).toMatchObject({ handler: 'ip-brief', kind: 'ok' });
    expect(sut.match('  SHOW   VERSION ')).toMatchObject({ handler: 'version', kind: 'ok' });
  });

  it('prefers keywords over parameters and captures parameters', () => {
    expect(sut.match('show interfaces stat')).toMatchObject({ handler: 'status' });
    expect(sut.match('show interfaces Gi1/0/1')).toMatchObject({ args: { name: 'Gi1/0/1' }, handler: 'interface' });
    expect(sut.match('set cli screen-length 0')).toMatchObject({ handler: 'cli-length' });
    expect(sut.match('set system host-name R1')).toMatchObject({ args: { statement: 'system host-name R1' }, handler: 'set' });
  });

  it('reports the offset of the word that does not fit', () => {
    expect(sut.match('show foo')).toEqual({ kind: 'invalid', offset: 5 });
    expect(sut.match('terminal length abc')).toEqual({ kind: 'invalid', offset: 16 });
  });

  it('tells ambiguous and incomplete input apart', () => {
    expect(sut.match('s version')).toEqual({ kind: 'ambiguous', offset: 0, token: 's' });
    expect(sut.match('show ip')).toEqual({ kind: 'incomplete' });
    expect(sut.match('   ')).toEqual({ kind: 'empty' });
  });

  it('keeps the spacing of a rest parameter and splits pipes off', () => {
    expect(sut.match('echo a   b | include a | exclude z')).toMatchObject({ args: { text: 'a   b' }, pipes: ['include a', 'exclude z'] });
  });

  it('hides commands the current mode does not allow', () => {
    expect(sut.match('show version', (h) => h !== 'version')).toEqual({ kind: 'invalid', offset: 5 });
  });
});
