/** The eAPI (JSON-RPC over HTTP/HTTPS) face of a simulated `arista_eos` device. */
export interface EapiOptions {
  /** Port of the plain-HTTP endpoint; 0 picks a free one, null turns it off. Default 80. */
  httpPort?: number | null;
  /** Port of the HTTPS endpoint; 0 picks a free one, null turns it off. Default 443. */
  httpsPort?: number | null;
  /**
   * PEM certificate (and `tlsKey`, its private key) served on HTTPS. Default: a self-signed ECDSA
   * certificate made at start for the device address, as EOS makes one on first boot.
   */
  tlsCert?: string;
  /** PEM private key of `tlsCert`; give both or neither. */
  tlsKey?: string;
}

/** eAPI options after defaults and validation. */
export interface ResolvedEapiOptions {
  readonly httpPort: number | null;
  readonly httpsPort: number | null;
  readonly tls: { readonly cert: string; readonly key: string } | null;
}

/** Platforms whose simulated devices offer eAPI. */
const EAPI_PLATFORMS: ReadonlySet<string> = new Set(['arista_eos']);

function port(name: string, value: number | null | undefined, fallback: number): number | null {
  if (value === undefined) return fallback;
  if (value === null) return null;
  if (!Number.isInteger(value) || value < 0 || value > 65535) throw new Error(`${name} must be an integer >= 0 and <= 65535 or null, got ${String(value)}`);
  return value;
}

/** Applies defaults and rejects bad options by name; undefined when eAPI is not asked for. */
export function resolveEapiOptions(options: EapiOptions | undefined, platform: string): ResolvedEapiOptions | undefined {
  if (options === undefined) return undefined;
  if (!EAPI_PLATFORMS.has(platform)) throw new Error(`eapi is offered only by ${[...EAPI_PLATFORMS].join(', ')} devices, not ${platform}`);
  if ((options.tlsCert === undefined) !== (options.tlsKey === undefined)) throw new Error('eapi.tlsCert and eapi.tlsKey must be given together');
  const resolved: ResolvedEapiOptions = {
    httpPort: port('eapi.httpPort', options.httpPort, 80),
    httpsPort: port('eapi.httpsPort', options.httpsPort, 443),
    tls: options.tlsCert !== undefined && options.tlsKey !== undefined ? { cert: options.tlsCert, key: options.tlsKey } : null,
  };
  if (resolved.httpPort === null && resolved.httpsPort === null) throw new Error('eapi needs httpPort or httpsPort (both are null)');
  return resolved;
}
