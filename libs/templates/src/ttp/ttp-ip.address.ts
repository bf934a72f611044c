/** An IPv4/IPv6 address or interface, like Python's `ipaddress.ip_address` / `ip_interface`. */
export class TtpIp {
  private constructor(
    readonly version: 4 | 6,
    readonly value: bigint,
    /** `undefined` for an address; prefix length for an interface or network. */
    readonly prefix: number | undefined,
    readonly isNetwork: boolean,
  ) {}

  get bits(): number {
    return this.version === 4 ? 32 : 128;
  }

  /** Python's `ipaddress.ip_address(text)`, or `ip_interface` when the text has `/` or a mask. */
  static parse(text: string): TtpIp | undefined {
    const trimmed = text.trim();
    const [addr, rest, extra] = trimmed.includes('/') ? trimmed.split('/') : trimmed.split(' ');
    if (extra !== undefined) return undefined;
    const v4 = parseV4(addr);
    const version = v4 !== undefined ? 4 : 6;
    const value = v4 ?? parseV6(addr);
    if (value === undefined) return undefined;
    if (rest === undefined) return new TtpIp(version, value, undefined, false);
    const bits = version === 4 ? 32 : 128;
    let prefix: number | undefined;
    if (/^\d+$/.test(rest)) prefix = Number(rest);
    else if (version === 4) prefix = maskToPrefix(parseV4(rest), bits);
    if (prefix === undefined || prefix > bits) return undefined;
    return new TtpIp(version, value, prefix, false);
  }

  static network(text: string, strict = true): TtpIp | undefined {
    const ip = TtpIp.parse(text);
    if (!ip) return undefined;
    const net = ip.network();
    if (strict && net.value !== ip.value) return undefined;
    return net;
  }

  get ip(): TtpIp {
    return new TtpIp(this.version, this.value, undefined, false);
  }

  get prefixlen(): number {
    return this.prefix ?? this.bits;
  }

  network(): TtpIp {
    const mask = this.maskValue();
    return new TtpIp(this.version, this.value & mask, this.prefixlen, true);
  }

  maskValue(): bigint {
    const all = (1n << BigInt(this.bits)) - 1n;
    return (all << BigInt(this.bits - this.prefixlen)) & all;
  }

  get broadcast(): string {
    return format(this.version, this.value | (((1n << BigInt(this.bits)) - 1n) ^ this.maskValue()));
  }

  get addressCount(): number {
    return 2 ** (this.bits - this.prefixlen);
  }

  /** Addresses in the network less two, as TTP's `ip_info` counts hosts. */
  get hostCount(): number {
    return this.addressCount - 2;
  }

  get netmask(): string {
    return format(this.version, this.maskValue());
  }

  get hostmask(): string {
    return format(this.version, ((1n << BigInt(this.bits)) - 1n) ^ this.maskValue());
  }

  contains(other: TtpIp): boolean {
    if (other.version !== this.version) return false;
    const mask = this.maskValue();
    return (other.value & mask) === (this.value & mask) && other.prefixlen >= this.prefixlen;
  }

  get address(): string {
    return format(this.version, this.value);
  }

  get exploded(): string {
    const addr = this.version === 4 ? this.address : explodeV6(this.value);
    return this.prefix === undefined ? addr : `${addr}/${this.prefix}`;
  }

  get withPrefixlen(): string {
    return `${this.address}/${this.prefixlen}`;
  }

  get withNetmask(): string {
    return `${this.address}/${this.netmask}`;
  }

  get withHostmask(): string {
    return `${this.address}/${this.hostmask}`;
  }

  isPrivate(): boolean {
    if (this.version === 6) return this.inAny(['::1/128', '::/128', 'fc00::/7', 'fe80::/10', '2001:db8::/32', '::ffff:0:0/96', '100::/64', '2001::/23']);
    return this.inAny(['0.0.0.0/8', '10.0.0.0/8', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/29', '192.0.0.170/31', '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '240.0.0.0/4', '255.255.255.255/32']);
  }

  flags(): Record<string, boolean> {
    const v4 = this.version === 4;
    return {
      is_link_local: this.inAny([v4 ? '169.254.0.0/16' : 'fe80::/10']),
      is_loopback: this.inAny([v4 ? '127.0.0.0/8' : '::1/128']),
      is_multicast: this.inAny([v4 ? '224.0.0.0/4' : 'ff00::/8']),
      is_private: this.isPrivate(),
      is_reserved: v4 ? this.inAny(['240.0.0.0/4']) : false,
      is_unspecified: this.value === 0n,
    };
  }

  private inAny(nets: string[]): boolean {
    const probe = this.prefix === undefined || !this.isNetwork ? this.ip : this;
    return nets.some((net) => {
      const n = TtpIp.parse(net);
      return n !== undefined && n.version === this.version && n.contains(probe);
    });
  }

  toString(): string {
    if (this.prefix === undefined) return this.address;
    return `${this.address}/${this.prefix}`;
  }
}

function parseV4(text: string): bigint | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return undefined;
  const parts = text.split('.').map(Number);
  if (parts.some((p, i) => p > 255 || (text.split('.')[i].length > 1 && text.split('.')[i].startsWith('0')))) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) + BigInt(p), 0n);
}

function parseV6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = toGroups(halves[0]);
  const tail = halves.length === 2 ? toGroups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0 || (halves.length === 2 && missing < 1)) return undefined;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(g), 0n);
}

function maskToPrefix(mask: bigint | undefined, bits: number): number | undefined {
  if (mask === undefined) return undefined;
  const text = mask.toString(2).padStart(bits, '0');
  if (/^1*0*$/.test(text)) return text.indexOf('0') < 0 ? bits : text.indexOf('0');
  if (/^0*1*$/.test(text)) return text.indexOf('1') < 0 ? 0 : text.indexOf('1');
  return undefined;
}

function format(version: 4 | 6, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 255n)).join('.');
  const groups = explodeV6(value).split(':').map((g) => parseInt(g, 16).toString(16));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j += 1;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

function explodeV6(value: bigint): string {
  const out: string[] = [];
  for (let i = 7; i >= 0; i -= 1) out.push(((value >> BigInt(i * 16)) & 0xffffn).toString(16).padStart(4, '0'));
  return out.join(':');
}
