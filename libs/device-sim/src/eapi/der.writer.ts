/**
 * The few ASN.1 DER encodings an X.509 certificate needs. Written out here because Node can parse
 * certificates (`X509Certificate`) but not build them, and a certificate library would be a
 * dependency for one test fixture.
 */

/** A tag, its length in DER's definite form, then the content. */
export function derNode(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

export function derSequence(...items: Buffer[]): Buffer {
  return derNode(0x30, Buffer.concat(items));
}

export function derSet(...items: Buffer[]): Buffer {
  return derNode(0x31, Buffer.concat(items));
}

/** A non-negative INTEGER from big-endian bytes (a leading 0 keeps the sign bit clear). */
export function derUnsigned(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const trimmed = bytes.subarray(start);
  return derNode(0x02, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export function derSmallInt(n: number): Buffer {
  return derUnsigned(Buffer.from([n]));
}

export function derOid(oid: string): Buffer {
  const [a, b, ...rest] = oid.split('.').map(Number);
  const out: number[] = [a * 40 + b];
  for (const part of rest) {
    const base128: number[] = [part & 0x7f];
    for (let v = Math.floor(part / 128); v > 0; v = Math.floor(v / 128)) base128.unshift((v & 0x7f) | 0x80);
    out.push(...base128);
  }
  return derNode(0x06, Buffer.from(out));
}

export function derUtf8(text: string): Buffer {
  return derNode(0x0c, Buffer.from(text, 'utf8'));
}

/** UTCTime (`YYMMDDHHMMSSZ`), valid for years 1950-2049 as RFC 5280 requires. */
export function derUtcTime(date: Date): Buffer {
  const iso = date.toISOString();
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return derNode(0x17, Buffer.from(text, 'ascii'));
}

export function derBitString(bytes: Buffer): Buffer {
  return derNode(0x03, Buffer.concat([Buffer.from([0]), bytes]));
}

export function derOctetString(bytes: Buffer): Buffer {
  return derNode(0x04, bytes);
}

export function derBoolean(value: boolean): Buffer {
  return derNode(0x01, Buffer.from([value ? 0xff : 0]));
}

/** `[n] EXPLICIT` (constructed, context-specific). */
export function derExplicit(n: number, content: Buffer): Buffer {
  return derNode(0xa0 | n, content);
}

/** `[n] IMPLICIT` primitive (context-specific), as GeneralName alternatives use. */
export function derImplicit(n: number, content: Buffer): Buffer {
  return derNode(0x80 | n, content);
}
