import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import {
  derBitString,
  derBoolean,
  derExplicit,
  derImplicit,
  derOctetString,
  derOid,
  derSequence,
  derSet,
  derSmallInt,
  derUnsigned,
  derUtcTime,
  derUtf8,
} from './der.writer';

const OID = {
  basicConstraints: '2.5.29.19',
  commonName: '2.5.4.3',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  organization: '2.5.4.10',
  subjectAltName: '2.5.29.17',
} as const;

/** A PEM certificate and its PEM (PKCS#8) private key. */
export interface CertificatePem {
  readonly cert: string;
  readonly key: string;
}

/**
 * A self-signed X.509 v3 certificate made in-process, like the one an EOS switch generates for its
 * eAPI on first boot: ECDSA P-256, the device address and `localhost` as subject alternative names,
 * valid from a day ago for a year. It is marked as a CA so a client can trust it through `ca_file`.
 */
export class SelfSignedCertificate {
  static create(host: string, commonName = host): CertificatePem {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const now = Date.now();
    const name = derSequence(
      derSet(derSequence(derOid(OID.organization), derUtf8('NetPulse device simulator'))),
      derSet(derSequence(derOid(OID.commonName), derUtf8(commonName))),
    );
    const algorithm = derSequence(derOid(OID.ecdsaWithSha256));
    const altNames = [isIP(host) === 4 ? derImplicit(7, Buffer.from(host.split('.').map(Number))) : derImplicit(2, Buffer.from(host, 'ascii'))];
    if (host !== 'localhost') altNames.push(derImplicit(2, Buffer.from('localhost', 'ascii')));
    const extensions = derExplicit(
      3,
      derSequence(
        derSequence(derOid(OID.basicConstraints), derBoolean(true), derOctetString(derSequence(derBoolean(true)))),
        derSequence(derOid(OID.subjectAltName), derOctetString(derSequence(...altNames))),
      ),
    );
    // Serial numbers must be positive and at most 20 bytes; 16 random bytes keep them unique.
    const tbs = derSequence(
      derExplicit(0, derSmallInt(2)),
      derUnsigned(randomBytes(16)),
      algorithm,
      name,
      derSequence(derUtcTime(new Date(now - 86_400_000)), derUtcTime(new Date(now + 365 * 86_400_000))),
      name,
      publicKey.export({ format: 'der', type: 'spki' }),
      extensions,
    );
    const signature = sign('sha256', tbs, createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' })));
    const der = derSequence(tbs, algorithm, derBitString(signature));
    return { cert: pem('CERTIFICATE', der), key: String(privateKey.export({ format: 'pem', type: 'pkcs8' })) };
  }
}

function pem(label: string, der: Buffer): string {
  const body = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${body}-----END ${label}-----\n`;
}
