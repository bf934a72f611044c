import { CidrList } from './cidr.list';

describe('CidrList', () => {
  it('matches IPv4 networks and bare hosts', () => {
    const sut = CidrList.parse(['127.0.0.0/8', '192.0.2.7']);
    expect(sut.contains('127.1.2.3')).toBe(true);
    expect(sut.contains('192.0.2.7')).toBe(true);
    expect(sut.contains('192.0.2.8')).toBe(false);
    expect(sut.contains('128.0.0.1')).toBe(false);
  });

  it('matches IPv6 networks, compressed or not, with brackets or a zone', () => {
    const sut = CidrList.parse(['::1/128', 'fd00::/8']);
    expect(sut.contains('::1')).toBe(true);
    expect(sut.contains('0:0:0:0:0:0:0:1')).toBe(true);
    expect(sut.contains('[fd12:3456::1]')).toBe(true);
    expect(sut.contains('fe80::1%lo')).toBe(false);
    expect(sut.contains('::2')).toBe(false);
  });

  it('judges an IPv4-mapped IPv6 address by the IPv4 rules, in either spelling', () => {
    expect(CidrList.parse(['127.0.0.0/8']).contains('::ffff:7f00:1')).toBe(true);
    expect(CidrList.parse(['127.0.40.0/24']).contains('::ffff:127.0.0.1')).toBe(false);
    expect(CidrList.parse(['127.0.0.0/8']).contains('::ffff:127.0.0.1')).toBe(true);
    expect(CidrList.parse(['::/0']).contains('::ffff:10.0.0.1')).toBe(false);
    expect(CidrList.parse(['::ffff:127.0.0.0/104']).contains('127.9.9.9')).toBe(true);
  });

  it('allows everything with 0.0.0.0/0 and ::/0', () => {
    const sut = CidrList.any();
    expect(sut.contains('203.0.113.1')).toBe(true);
    expect(sut.contains('2001:db8::1')).toBe(true);
  });

  it('refuses anything that is not an address', () => {
    expect(CidrList.parse(['0.0.0.0/0']).contains('localhost')).toBe(false);
    expect(CidrList.parse(['0.0.0.0/0']).contains('')).toBe(false);
  });

  it('rejects bad entries, naming the field and position', () => {
    expect(() => CidrList.parse(['127.0.0.0/8', '10.0.0/8'])).toThrow('security.allowed_targets[1] must be an IPv4 or IPv6 network');
    expect(() => CidrList.parse(['127.0.0.0/33'])).toThrow('[0]');
    expect(() => CidrList.parse(['::1/129'])).toThrow('[0]');
    expect(() => CidrList.parse(['1.2.3.4/8/1'], 'webhooks.allowed')).toThrow('webhooks.allowed[0]');
  });
});
