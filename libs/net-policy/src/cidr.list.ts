import { BlockList, isIP } from 'node:net';

/** IPv4 addresses written as IPv6 (`::ffff:a.b.c.d`): the kernel connects them to the IPv4 host. */
const MAPPED_SPACE = new BlockList();
MAPPED_SPACE.addSubnet('::ffff:0:0', 96, 'ipv6');

/**
 * An allowlist of networks (`security.allowed_targets`, `templates.allowed_targets`): IPv4 and IPv6
 * CIDRs, a bare address meaning one host, matched by Node's `net.BlockList`. An IPv4-mapped IPv6
 * address is judged by the IPv4 rules only (an IPv6 rule such as `::/0` never admits an IPv4 host),
 * and a mapped network (`::ffff:10.0.0.0/104`) counts as the IPv4 network it denotes.
 */
export class CidrList {
  private constructor(
    private readonly v4: BlockList,
    private readonly v6: BlockList,
    readonly entries: readonly string[],
  ) {}

  /**
   * @param entries CIDRs such as `127.0.0.0/8` or `::1/128`
   * @param field the config field named in errors
   * @throws TypeError naming the bad entry and its position
   */
  static parse(entries: readonly string[], field = 'security.allowed_targets'): CidrList {
    const v4 = new BlockList();
    const v6 = new BlockList();
    const texts = entries.map((entry, index) => {
      const where = `${field}[${index}]`;
      const text = typeof entry === 'string' ? entry.trim() : '';
      const [address = '', prefixText, extra] = text.split('/');
      const family = isIP(address);
      const width = family === 6 ? 128 : 32;
      const prefix = prefixText === undefined ? width : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
      if (family === 0 || extra !== undefined || !(prefix >= 0 && prefix <= width)) {
        throw new TypeError(`${where} must be an IPv4 or IPv6 network like 127.0.0.0/8 or ::1/128, got ${JSON.stringify(entry)}`);
      }
      if (family === 4) v4.addSubnet(address, prefix, 'ipv4');
      else if (prefix >= 96 && MAPPED_SPACE.check(address, 'ipv6')) v4.addSubnet(address, prefix, 'ipv6');
      else v6.addSubnet(address, prefix, 'ipv6');
      return text;
    });
    return new CidrList(v4, v6, texts);
  }

  /** Everything allowed (`0.0.0.0/0`, `::/0`). */
  static any(): CidrList {
    return CidrList.parse(['0.0.0.0/0', '::/0']);
  }

  /** True when the address (a literal; brackets and a zone id tolerated) is inside one of the networks. */
  contains(address: string): boolean {
    const literal = address.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
    const family = isIP(literal);
    if (family === 4) return this.v4.check(literal, 'ipv4');
    if (family !== 6) return false;
    return MAPPED_SPACE.check(literal, 'ipv6') ? this.v4.check(literal, 'ipv6') : this.v6.check(literal, 'ipv6');
  }

  toString(): string {
    return this.entries.join(', ');
  }
}
