import { assertLoopback, isLoopback, loopbackRange } from './loopback.address';

describe('loopback addresses', () => {
  it('counts on across octets, skipping .0 and .255', () => {
    expect(loopbackRange('127.0.10.253', 4)).toEqual(['127.0.10.253', '127.0.10.254', '127.0.11.1', '127.0.11.2']);
    expect(loopbackRange('127.0.255.254', 2)).toEqual(['127.0.255.254', '127.1.0.1']);
    expect(loopbackRange('127.0.10.1', 1000).at(-1)).toBe('127.0.13.238');
  });

  it('refuses anything outside 127.0.0.0/8', () => {
    expect(isLoopback('127.0.20.1')).toBe(true);
    expect(isLoopback('128.0.0.1')).toBe(false);
    expect(() => assertLoopback('localhost')).toThrow("host must be a loopback address 127.x.y.z, got 'localhost'");
    expect(() => loopbackRange('127.255.255.254', 2)).toThrow('do not fit');
  });
});
