/** Request paths whose value is a secret (what the secret-echo cases plant a marker at). */
export const SECRET_PATHS: readonly string[] = [
  'connection_args.password',
  'connection_args.secret',
  'connection_args.passphrase',
  'connection_args.pkey',
  'connection_args.proxy_password',
  'connection_args.proxy_pkey',
  'driver_args.sudo_password',
  'webhook.auth',
  'webhook.headers.X-Auth-Token',
  'webhook.cookies.session',
];

/**
 * Seeded generator of hostile request bodies: wrong types in every field, oversized strings, deep
 * nesting, prototype keys, unicode and control characters, numbers at the edges. Deterministic per
 * seed so a failing case can be replayed.
 */
export class HostileInputGenerator {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  /** xorshift32: small, fast and reproducible. */
  next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x100000000;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Any JSON value, up to `depth` levels deep. */
  value(depth = 3): unknown {
    const kinds = depth > 0 ? 10 : 7;
    switch (this.int(kinds)) {
      case 0:
        return null;
      case 1:
        return this.next() < 0.5;
      case 2:
        return this.pick([0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, 86401, 60, 59, 0.1, -0.0]);
      case 3:
        return this.string();
      case 4:
        return this.pick(['', ' ', 'null', 'true', '[]', '{}', '300', '127.0.0.1', 'fifo', 'pinned', 'netmiko', 'paramiko']);
      case 5:
        return 'x'.repeat(this.pick([1, 1000, 100_000]));
      case 6:
        return this.pick(['__proto__', 'constructor', 'prototype', 'toString']);
      case 7:
        return Array.from({ length: this.int(4) }, () => this.value(depth - 1));
      default: {
        const o: Record<string, unknown> = {};
        for (let i = 0; i < this.int(5); i++) o[this.key()] = this.value(depth - 1);
        return o;
      }
    }
  }

  string(): string {
    const parts = ['a', 'é', '漢', '\u0000', '\u001b[2J', '\n', '\r\n', '"', '\\', '%s', '${VAR}', '{{ x }}', '../', '😀', '\ud800'];
    return Array.from({ length: 1 + this.int(8) }, () => this.pick(parts)).join('');
  }

  key(): string {
    return this.pick(['driver', 'connection_args', 'command', 'config', 'ttl', 'result_ttl', 'execution_timeout', 'queue_strategy', 'webhook', 'rendering', 'parsing', 'detach', 'push_interval', 'file_transfer', 'driver_args', 'credential', 'devices', 'host', 'port', 'password', 'device_type', 'url', 'name', 'template', '__proto__', 'constructor', this.string()]);
  }

  /** A plausible request with some fields replaced by hostile values. */
  mutate(base: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
    const n = 1 + this.int(3);
    for (let i = 0; i < n; i++) {
      const k = this.next() < 0.7 ? this.pick(Object.keys(out)) : this.key();
      if (this.next() < 0.15) delete out[k];
      else out[k] = this.value();
      const args = out.connection_args;
      if (this.next() < 0.3 && args && typeof args === 'object' && !Array.isArray(args)) (args as Record<string, unknown>)[this.key()] = this.value(1);
    }
    return out;
  }

  /**
   * A body with a marker planted at one secret path, as any JSON type (number, string, list, object):
   * no answer may echo the marker. Returns the body and a text every rendering of the marker contains.
   */
  secretEcho(base: Record<string, unknown>): { body: Record<string, unknown>; path: string; marker: string } {
    const digits = String(10_000_000 + this.int(89_999_999));
    const path = this.pick(SECRET_PATHS);
    const value = this.pick<unknown>([Number(digits), `Ech0${digits}`, [`Ech0${digits}`], [Number(digits)], { v: `Ech0${digits}` }, [['u', Number(digits)]], `${digits}\u0000"`]);
    const body: Record<string, unknown> = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
    const parts = path.split('.');
    let node = body;
    for (const p of parts.slice(0, -1)) {
      if (node[p] === null || typeof node[p] !== 'object' || Array.isArray(node[p])) node[p] = {};
      node = node[p] as Record<string, unknown>;
    }
    node[parts[parts.length - 1] ?? ''] = value;
    if (this.next() < 0.3) body.ttl = this.value(0);
    return { body, path, marker: digits };
  }

  /** A JSON text nested `depth` levels deep. */
  static deepNesting(depth: number): string {
    return `${'['.repeat(depth)}${']'.repeat(depth)}`;
  }
}
