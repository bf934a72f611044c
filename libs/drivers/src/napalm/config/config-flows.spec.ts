import { candidateLines, hhmmss } from './candidate-lines';
import { mergeDiff, replaceDiff } from './ios.config-flow';

describe('candidate lines', () => {
  it('types indented configuration with an exit where each stanza closes; comments, blanks and end dropped', () => {
    const text = ['! Command: show running-config', 'hostname leaf1', '!', 'interface Ethernet1', '   description uplink', '   switchport mode trunk', '!', 'router bgp 65001', '   neighbor 127.0.0.2 remote-as 65002', '   address-family ipv4', '      network 127.0.0.0/8', 'ip routing', 'end'].join('\n');
    expect(candidateLines([text])).toEqual([
      'hostname leaf1',
      'interface Ethernet1',
      'description uplink',
      'switchport mode trunk',
      'exit',
      'router bgp 65001',
      'neighbor 127.0.0.2 remote-as 65002',
      'address-family ipv4',
      'network 127.0.0.0/8',
      'exit',
      'exit',
      'ip routing',
    ]);
  });

  it('leaves flat lines (the usual netmiko-style list) alone', () => {
    expect(candidateLines(['interface Loopback1', 'description x', 'ntp server 127.0.0.9'])).toEqual(['interface Loopback1', 'description x', 'ntp server 127.0.0.9']);
  });

  it('writes revert_in as an EOS commit timer', () => {
    expect(hhmmss(2)).toBe('00:00:02');
    expect(hhmmss(3725)).toBe('01:02:05');
  });
});

describe('ios diffs as NAPALM shows them', () => {
  it('merge: the commands IOS would apply, + each and - for a no line, without the banner and end', () => {
    expect(mergeDiff('!List of Commands:\ninterface Loopback1\n description x\nno ntp server 127.0.0.9\nend\n')).toBe('+interface Loopback1\n+ description x\n-no ntp server 127.0.0.9');
    expect(mergeDiff('!List of Commands:\nend\n!No changes were found\n')).toBe('');
  });

  it('replace: the contextual diff without its banner', () => {
    expect(replaceDiff('\n!Contextual Config Diffs:\ninterface Gi1\n -description a\n +description b\n\n')).toBe('interface Gi1\n -description a\n +description b');
    expect(replaceDiff('\n!Contextual Config Diffs:\n!No changes were found\n\n')).toBe('');
  });
});
