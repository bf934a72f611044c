import { ParsedIp, parseIp } from './ip-address.parser';

interface CidrBlock {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly mask: bigint;
  readonly text: string;
}

/**
 * An allowlist of networks (`security.allowed_targets`): IPv4 and IPv6 CIDRs, a bare address meaning
 * one host. Used for every outbound target: template URLs, webhooks and devices.
 */
export class CidrList {
  private constructor(private readonly blocks: readonly CidrBlock[]) {}

  /**
   * @param entries CIDRs such as `127.0.0.0/8` or `::1/128`
   * @param field the config field named in errors
   * @throws TypeError naming the bad entry and its position
   */
  static parse(entries: readonly string[], field = 'security.allowed_targets'): CidrList {
    return new CidrList(entries.map((entry, index) => parseBlock(entry, `${field}[${index}]`)));
  }

  /** Everything allowed (`0.0.0.0/0`, `::/0`): the contract's behaviour. */
  static any(): CidrList {
    return CidrList.parse(['0.0.0.0/0', '::/0']);
  }

  /** True when the address (a literal, IPv4-mapped IPv6 judged as IPv4) is inside one of the networks. */
  contains(address: string): boolean {
    const ip = parseIp(address);
    return ip !== null && this.blocks.some((block) => inside(block, ip));
  }

  get entries(): readonly string[] {
    return this.blocks.map((block) => block.text);
  }

  toString(): string {
    return this.entries.join(', ');
  }
}

function parseBlock(entry: string, where: string): CidrBlock {
  const text = typeof entry === 'string' ? entry.trim() : '';
  const [address = '', prefixText, extra] = text.split('/');
  const ip = parseIp(address);
  const width = address.includes(':') ? 128 : 32;
  const prefix = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (ip === null || extra !== undefined || !(prefix >= 0 && prefix <= width) || address.includes('%')) {
    throw new TypeError(`${where} must be an IPv4 or IPv6 network like 127.0.0.0/8 or ::1/128, got ${JSON.stringify(entry)}`);
  }
  // A mapped IPv4 network (`::ffff:10.0.0.0/104`) is kept as the IPv4 network it denotes.
  const family = ip.family;
  const effectivePrefix = family === 4 && address.includes(':') ? prefix - 96 : prefix;
  if (effectivePrefix < 0) {
    throw new TypeError(`${where} must be an IPv4 or IPv6 network like 127.0.0.0/8 or ::1/128, got ${JSON.stringify(entry)}`);
  }
  const bits = BigInt(family === 4 ? 32 : 128);
  const all = (1n << bits) - 1n;
  const mask = all ^ ((1n << (bits - BigInt(effectivePrefix))) - 1n);
  return { family, network: ip.value & mask, mask, text };
}

function inside(block: CidrBlock, ip: ParsedIp): boolean {
  return block.family === ip.family && (ip.value & block.mask) === block.network;
}
