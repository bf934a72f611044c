import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { CidrList } from './cidr.list';

/** One address a job will connect to, and the request field that names it (errors name the field). */
export interface OutboundTarget {
  /** `connection_args.host`, `connection_args.proxy_host`, `webhook.url`, ... */
  readonly field: string;
  /** A host name or an IP literal (brackets allowed). */
  readonly host: string;
}

/** A refused target: the field and the reason, already prefixed by the field. */
export interface TargetRefusal {
  readonly field: string;
  readonly message: string;
}

/** Resolves a host name to every address it has. */
export type AddressLookup = (host: string) => Promise<readonly string[]>;

const systemLookup: AddressLookup = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * An allowlist (`security.allowed_targets`) for any outbound target given by name or address: device
 * hosts, jump hosts, webhook and template URLs. A name is allowed only when every address it resolves
 * to is inside the list. Checked when a request is accepted and again when the connection is opened
 * (a name may resolve differently later); HTTP targets also go through GuardedHttpClient, which pins
 * the checked address for the socket.
 */
export class AllowedTargetsPolicy {
  readonly cidrs: CidrList;

  /**
   * @param allowed the networks, or a parsed list
   * @param label   the config key named in refusals
   */
  constructor(
    allowed: readonly string[] | CidrList,
    readonly label = 'security.allowed_targets',
    private readonly lookupAll: AddressLookup = systemLookup,
  ) {
    this.cidrs = allowed instanceof CidrList ? allowed : CidrList.parse([...allowed], label);
  }

  /** Null when allowed; else the reason, naming the target. */
  async refusal(host: string): Promise<string | null> {
    const bare = host.trim().replace(/^\[|\]$/g, '');
    let addresses: readonly string[];
    if (isIP(bare.replace(/%.*$/, ''))) addresses = [bare];
    else {
      try {
        addresses = await this.lookupAll(bare);
      } catch {
        return `Cannot resolve host ${host}`;
      }
    }
    if (addresses.length === 0) return `Cannot resolve host ${host}`;
    const outside = addresses.find((a) => !this.cidrs.contains(a));
    return outside === undefined ? null : `Target ${host}${outside !== bare ? ` (${outside})` : ''} is outside ${this.label}`;
  }

  /** The first target refused, its message prefixed by its field; null when every one is allowed. */
  async firstRefusal(targets: readonly OutboundTarget[]): Promise<TargetRefusal | null> {
    for (const t of targets) {
      const why = await this.refusal(t.host);
      if (why) return { field: t.field, message: `${t.field}: ${why}` };
    }
    return null;
  }
}

/** The host of an `http(s)://` URL (brackets removed), or null for anything else. */
export function urlHost(text: unknown): string | null {
  if (typeof text !== 'string') return null;
  try {
    const url = new URL(text.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return null;
  }
}

/**
 * The device-side targets of a job's connection arguments: the device (`host`, also the eAPI
 * endpoint) and the jump host (`proxy_host`) when there is one.
 */
export function connectionTargets(args: Readonly<Record<string, unknown>>): OutboundTarget[] {
  const out: OutboundTarget[] = [];
  for (const field of ['host', 'proxy_host']) {
    const v = args[field];
    if (typeof v === 'string' && v.trim() !== '') out.push({ field: `connection_args.${field}`, host: v.trim() });
  }
  return out;
}
