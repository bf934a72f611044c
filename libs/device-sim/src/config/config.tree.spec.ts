import { ConfigTree } from './config.tree';

describe('ConfigTree', () => {
  const text = 'hostname R1\ninterface Gi1\n description a\n shutdown\nline vty 0 4\n login local\n';

  it('parses indented text and renders it back', () => {
    expect(ConfigTree.parseIndented(text).lines()).toEqual(text.trim().split('\n'));
  });

  it('replaces single-valued settings in place and never duplicates a line', () => {
    const sut = ConfigTree.parseIndented(text);
    sut.set([], 'hostname R2', 'hostname');
    sut.set(['interface Gi1'], 'description b', 'description');
    sut.set(['interface Gi1'], 'shutdown');
    expect(sut.lines()).toEqual(['hostname R2', 'interface Gi1', ' description b', ' shutdown', 'line vty 0 4', ' login local']);
  });

  it('removes statements by their leading words, and whole stanzas', () => {
    const sut = ConfigTree.parseIndented(text);
    expect(sut.remove(['interface Gi1'], 'description')).toBe(1);
    expect(sut.remove([], 'line vty 0 4')).toBe(1);
    expect(sut.remove(['interface Gi9'], 'shutdown')).toBe(0);
    expect(sut.lines()).toEqual(['hostname R1', 'interface Gi1', ' shutdown']);
  });

  it('clones deeply', () => {
    const sut = ConfigTree.parseIndented(text);
    const copy = sut.clone();
    copy.set(['interface Gi1'], 'mtu 9000');
    expect(sut.equals(copy)).toBe(false);
    expect(sut.find(['interface Gi1'])?.children).toHaveLength(2);
  });
});
