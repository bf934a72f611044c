import { NamedRegistry } from './named.registry';

describe('NamedRegistry', () => {
  const registry = () => new NamedRegistry<{ name: string; aliases?: string[]; n: number }>('driver');

  it('finds an entry by its name or an alias and lists every name sorted', () => {
    const r = registry();
    r.register({ name: 'netmiko', n: 1 });
    r.register({ name: 'eapi', aliases: ['pyeapi'], n: 2 });
    expect(r.get('pyeapi')?.n).toBe(2);
    expect(r.require('netmiko').n).toBe(1);
    expect(r.get('napalm')).toBeUndefined();
    expect(r.names()).toEqual(['eapi', 'netmiko', 'pyeapi']);
  });

  it('refuses a name or alias registered twice, keeping the first entry whole', () => {
    const r = registry();
    r.register({ name: 'a', n: 1 });
    expect(() => r.register({ name: 'b', aliases: ['a'], n: 2 })).toThrow('driver a is registered twice');
    expect(r.get('b')).toBeUndefined();
    expect(r.require('a').n).toBe(1);
  });

  it('names the known entries when a lookup fails, with the kind-specific error when given', () => {
    const r = registry();
    r.register({ name: 'a', n: 1 });
    expect(() => r.require('x')).toThrow("unknown driver 'x'; known: a");
    const custom = new NamedRegistry<{ name: string }>('parser', (name, known) => new RangeError(`Parser ${name} not found (${known.join(',')})`));
    custom.register({ name: 'textfsm' });
    expect(() => custom.require('ttp')).toThrow(RangeError);
  });
});
