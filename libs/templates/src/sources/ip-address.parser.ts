import { isIP } from 'node:net';

/** An IP address as a number, so CIDR membership is one mask-and-compare. */
export interface ParsedIp {
  readonly family: 4 | 6;
  readonly value: bigint;
}

/**
 * Parses an IPv4 or IPv6 literal (brackets and a zone id are tolerated). An IPv4-mapped IPv6 address
 * (`::ffff:127.0.0.1`) comes back as IPv4: the kernel connects it to the IPv4 host, so it must be
 * judged by the IPv4 rules too. Returns null for anything that is not an address.
 */
export function parseIp(text: string): ParsedIp | null {
  const literal = text.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
  const family = isIP(literal);
  if (family === 4) return { family: 4, value: ipv4Value(literal) };
  if (family !== 6) return null;
  const value = ipv6Value(literal);
  if (value >> 32n === 0xffffn) return { family: 4, value: value & 0xffffffffn };
  return { family: 6, value };
}

function ipv4Value(literal: string): bigint {
  return literal.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function ipv6Value(literal: string): bigint {
  let text = literal;
  // A dotted tail (`::ffff:1.2.3.4`) stands for the last two groups.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = ipv4Value(dotted[1]);
    text = `${text.slice(0, -dotted[1].length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(zeros).fill('0'), ...tailGroups];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g, 16)), 0n);
}
