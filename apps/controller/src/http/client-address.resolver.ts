import { Injectable } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { CidrList } from '@netpulse/net-policy';
import type { Request } from 'express';

/**
 * The address a request comes from. The TCP peer, unless that peer is one of `server.trusted_proxies`:
 * then `X-Forwarded-For` is read from the right, skipping trusted proxies, and the first address not
 * trusted is the client. A peer outside the list cannot set the address by sending the header.
 */
@Injectable()
export class ClientAddressResolver {
  private readonly trusted: CidrList | null;

  constructor(config: AppConfig) {
    const list = config.value.server.trusted_proxies;
    this.trusted = list.length > 0 ? CidrList.parse(list, 'server.trusted_proxies') : null;
  }

  of(req: Request): string {
    const peer = normalise(req.socket.remoteAddress ?? 'unknown');
    if (!this.trusted || !this.trusted.contains(peer)) return peer;
    const raw = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',').map((h) => normalise(h.trim())).filter((h) => h.length > 0);
    for (let i = hops.length - 1; i >= 0; i--) {
      if (!this.trusted.contains(hops[i])) return hops[i];
    }
    // Every hop is a trusted proxy (or the header is absent): the left-most one is as far as we can see.
    return hops[0] ?? peer;
  }
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client; anything not an address is kept short. */
function normalise(address: string): string {
  const a = address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
  return a.length > 64 ? a.slice(0, 64) : a;
}
