import type { AppConfig } from '@netpulse/config';
import type { Request } from 'express';
import { ClientAddressResolver } from './client-address.resolver';

function resolver(trusted: string[]): ClientAddressResolver {
  return new ClientAddressResolver({ value: { server: { trusted_proxies: trusted } } } as unknown as AppConfig);
}

function req(peer: string, xff?: string): Request {
  return { socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } } as unknown as Request;
}

describe('ClientAddressResolver', () => {
  it('ignores X-Forwarded-For without trusted proxies', () => {
    expect(resolver([]).of(req('127.0.0.9', '10.1.1.1'))).toBe('127.0.0.9');
  });

  it('ignores X-Forwarded-For from a peer that is not trusted', () => {
    expect(resolver(['10.0.0.0/8']).of(req('::ffff:127.0.0.9', '10.1.1.1'))).toBe('127.0.0.9');
  });

  it('takes the right-most address that is not a trusted proxy', () => {
    const r = resolver(['10.0.0.0/8']);
    expect(r.of(req('10.0.0.1', '192.0.2.7'))).toBe('192.0.2.7');
    expect(r.of(req('10.0.0.1', '198.51.100.1, 192.0.2.7, 10.0.0.2'))).toBe('192.0.2.7');
    expect(r.of(req('10.0.0.1'))).toBe('10.0.0.1');
    expect(r.of(req('10.0.0.1', '10.0.0.3, 10.0.0.2'))).toBe('10.0.0.3');
  });

  it('refuses a bad CIDR naming the key', () => {
    expect(() => resolver(['nope'])).toThrow(/server\.trusted_proxies\[0\]/);
  });
});
