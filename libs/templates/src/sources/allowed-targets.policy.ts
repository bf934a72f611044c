import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { CidrList } from './cidr.list';

/**
 * `security.allowed_targets` for any outbound target given by name or address (devices, here;
 * template URLs and webhooks go through GuardedHttpClient, which pins the checked address).
 * A name is allowed only when every address it resolves to is inside the list.
 */
export class AllowedTargetsPolicy {
  private readonly cidrs: CidrList;

  constructor(allowed: readonly string[]) {
    this.cidrs = CidrList.parse([...allowed], 'security.allowed_targets');
  }

  /** Null when allowed; else the reason, naming the target. */
  async refusal(host: string): Promise<string | null> {
    const bare = host.replace(/^\[|\]$/g, '');
    let addresses: string[];
    if (isIP(bare)) addresses = [bare];
    else {
      try {
        addresses = (await lookup(bare, { all: true })).map((a) => a.address);
      } catch {
        return `Cannot resolve host ${host}`;
      }
    }
    const outside = addresses.find((a) => !this.cidrs.contains(a));
    return outside === undefined ? null : `Target ${host}${outside !== bare ? ` (${outside})` : ''} is outside security.allowed_targets`;
  }
}
