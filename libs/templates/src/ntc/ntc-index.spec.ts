import { NtcIndex } from './ntc-index';
import { NtcIndexError } from './ntc-index.error';

// Row choices match textfsm's clitable.IndexTable.GetRowMatch on the same index.
const indexText = [
  '# comment line',
  'Template, Hostname, Platform, Command # trailing comment',
  '',
  'a.textfsm, .*, cisco_ios, sh[[ow]] ver[[sion]]',
  'b.textfsm:c.textfsm, .*, cisco_ios, sh[[ow]] mod[[ule]]',
  'd.textfsm, .*, cisco_nxos, show (ip )?int[[erface]]',
  'broken line, only two',
  'e.textfsm, router1, cisco_ios, show run',
  'f.textfsm, .*, cisco_ios, show run',
].join('\n');

describe('NtcIndex', () => {
  const sut = NtcIndex.parse(indexText);
  const templatesFor = (attributes: Record<string, string>): readonly string[] | undefined => sut.find(attributes)?.templates;

  it('expands [[...]] command completion', () => {
    expect(NtcIndex.expandCompletion('sh[[ow]] ver[[sion]]')).toBe('sh(o(w)?)? ver(s(i(o(n)?)?)?)?');
    expect(sut.find({ Command: 'sh ver', Platform: 'cisco_ios' })?.fields['Command']).toBe('sh(o(w)?)? ver(s(i(o(n)?)?)?)?');
  });

  it('reads the header after comments and skips rows of the wrong width', () => {
    expect(sut.header).toEqual(['Template', 'Hostname', 'Platform', 'Command']);
    expect(sut.size).toBe(5);
  });

  it.each([
    [{ Command: 'sh ver', Platform: 'cisco_ios' }, ['a.textfsm']],
    [{ Command: 'show version', Platform: 'cisco_ios' }, ['a.textfsm']],
    [{ Command: 'sh mod', Platform: 'cisco_ios' }, ['b.textfsm', 'c.textfsm']],
    [{ Command: 'show ip int', Platform: 'cisco_nxos' }, ['d.textfsm']],
    [{ Command: 'show int', Platform: 'cisco_nxos' }, ['d.textfsm']],
  ])('finds %j', (attributes, templates) => {
    expect(templatesFor(attributes)).toEqual(templates);
  });

  it('matches each column at the start only, as re.match does', () => {
    expect(templatesFor({ Command: 'show versionx', Platform: 'cisco_ios' })).toEqual(['a.textfsm']);
    expect(templatesFor({ Command: 'show version', Platform: 'cisco_ios_xe' })).toEqual(['a.textfsm']);
    expect(templatesFor({ Command: 's ver', Platform: 'cisco_ios' })).toBeUndefined();
  });

  it('takes the first matching row, checking only the columns asked for', () => {
    expect(templatesFor({ Command: 'show run', Platform: 'cisco_ios' })).toEqual(['e.textfsm']);
    expect(templatesFor({ Command: 'show run', Hostname: 'router2', Platform: 'cisco_ios' })).toEqual(['f.textfsm']);
    expect(sut.find({ Command: 'show run', Hostname: 'router1', Platform: 'cisco_ios' })?.line).toBe(8);
  });

  it('finds nothing for an unknown platform', () => {
    expect(sut.find({ Command: 'show version', Platform: 'juniper' })).toBeUndefined();
  });

  it('rejects an index without a Template column, a repeated column or a bad regex', () => {
    expect(() => NtcIndex.parse('Name, Command\nx, y\n')).toThrow(new NtcIndexError("Index file does not have 'Template' column."));
    expect(() => NtcIndex.parse('Template, Command, Command\n')).toThrow("Duplicate header entry 'Command'.");
    expect(() => NtcIndex.parse('Template, Command\nx.textfsm, show (ip\n')).toThrow(/Invalid regular expression 'show \(ip' on index line 2/);
    expect(() => NtcIndex.parse('# only comments\n')).toThrow('Index file has no header line.');
  });
});
