import { createPrivateKey, X509Certificate } from 'node:crypto';
import { derNode, derOid, derUnsigned } from './der.writer';
import { SelfSignedCertificate } from './self-signed.certificate';

describe('SelfSignedCertificate', () => {
  it('makes a CA-marked certificate for an address, with the key that signed it', () => {
    const sut = SelfSignedCertificate.create('127.0.70.1', 'leaf1');
    const cert = new X509Certificate(sut.cert);
    expect(cert.subject).toContain('CN=leaf1');
    expect(cert.subjectAltName).toBe('IP Address:127.0.70.1, DNS:localhost');
    expect(cert.ca).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(sut.key))).toBe(true);
    expect(new Date(cert.validFrom).getTime()).toBeLessThan(Date.now());
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now() + 300 * 86_400_000);
  });

  it('names a host name as a DNS alternative name', () => {
    expect(new X509Certificate(SelfSignedCertificate.create('localhost').cert).subjectAltName).toBe('DNS:localhost');
  });
});

describe('DER writer', () => {
  it('encodes long lengths, OIDs and positive integers as DER requires', () => {
    expect(derNode(0x04, Buffer.alloc(200)).subarray(0, 3)).toEqual(Buffer.from([0x04, 0x81, 200]));
    expect(derNode(0x04, Buffer.alloc(300)).subarray(0, 4)).toEqual(Buffer.from([0x04, 0x82, 0x01, 0x2c]));
    expect(derOid('1.2.840.10045.4.3.2')).toEqual(Buffer.from('06082a8648ce3d040302', 'hex'));
    expect(derUnsigned(Buffer.from([0x00, 0x00, 0x80]))).toEqual(Buffer.from([0x02, 0x02, 0x00, 0x80]));
    expect(derUnsigned(Buffer.from([0x00]))).toEqual(Buffer.from([0x02, 0x01, 0x00]));
  });
});
