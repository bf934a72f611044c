/** Address arithmetic for simulated devices, which may only ever listen on loopback (127.0.0.0/8). */

export function isLoopback(host: string): boolean {
  const parts = host.split('.');
  return (
    parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)
  );
}

export function assertLoopback(host: string, option = 'host'): void {
  if (!isLoopback(host)) throw new Error(`${option} must be a loopback address 127.x.y.z, got '${host}'`);
}

function toNumber(host: string): number {
  return host.split('.').reduce((acc, p) => acc * 256 + Number(p), 0);
}

function toAddress(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/**
 * `count` consecutive device addresses from `first`, carrying into the higher octets
 * (127.0.10.254 → 127.0.11.1). Last octets 0 and 255 are skipped: they bind on Linux loopback,
 * but tools and people read them as network and broadcast addresses.
 */
export function loopbackRange(first: string, count: number): string[] {
  assertLoopback(first, 'first address');
  const out: string[] = [];
  let n = toNumber(first);
  const last = toNumber('127.255.255.254');
  while (out.length < count) {
    if (n > last) throw new Error(`${count} devices from ${first} do not fit in 127.0.0.0/8`);
    const octet = n % 256;
    if (octet !== 0 && octet !== 255) out.push(toAddress(n));
    n += 1;
  }
  return out;
}
