import { TtpIp } from './ttp-ip.address';
import type { TtpMatchFunction } from './ttp-match.types';
import { pyStr } from './ttp-python.values';

function asIp(data: unknown): TtpIp | undefined {
  return data instanceof TtpIp ? data : TtpIp.parse(pyStr(data).replace(/\s+/, ' '));
}

function info(ip: TtpIp): Record<string, unknown> {
  const out: Record<string, unknown> = { compressed: ip.toString(), exploded: ip.exploded, ...ip.flags(), max_prefixlen: ip.bits, version: ip.version };
  if (ip.prefix === undefined) return { ip: ip.address, ...out };
  return {
    ...out,
    hostmask: ip.hostmask,
    ip: ip.address,
    netmask: ip.netmask,
    network: ip.network().toString(),
    with_hostmask: ip.withHostmask,
    with_netmask: ip.withNetmask,
    with_prefixlen: ip.withPrefixlen,
    broadcast_address: ip.broadcast,
    hosts: ip.hostCount,
    network_address: ip.network().address,
    num_addresses: ip.addressCount,
    prefixlen: ip.prefixlen,
  };
}

/** TTP's IP address match functions. */
export const IP_MATCH_FUNCTIONS: Readonly<Record<string, TtpMatchFunction>> = {
  cidr_match: (data, args) => {
    const ip = asIp(data);
    const net = TtpIp.parse(pyStr(args[0]));
    if (!ip || !net) return [data, false];
    const probe = ip.prefix === undefined ? ip : ip.network();
    return [data, net.network().contains(probe)];
  },
  hostmask: (data) => (data instanceof TtpIp ? [data.hostmask, null] : [data, null]),
  ip_info: (data) => (data instanceof TtpIp ? [info(data), null] : [data, null]),
  is_ip: (data) => [data, asIp(data) !== undefined],
  netmask: (data) => (data instanceof TtpIp ? [data.netmask, null] : [data, null]),
  network: (data) => (data instanceof TtpIp ? [data.network(), null] : [data, null]),
  prefixlen: (data) => (data instanceof TtpIp ? [data.prefixlen, null] : [data, null]),
  to_cidr: (data) => {
    const ip = TtpIp.parse(`0.0.0.0/${pyStr(data)}`);
    return ip ? [ip.prefixlen, null] : [data, null];
  },
  to_ip: (data) => {
    const ip = asIp(data);
    return [ip ?? data, null];
  },
  to_net: (data) => {
    const ip = asIp(data);
    return [ip ? ip.network() : data, null];
  },
  with_hostmask: (data) => (data instanceof TtpIp ? [data.withHostmask, null] : [data, null]),
  with_netmask: (data) => (data instanceof TtpIp ? [data.withNetmask, null] : [data, null]),
  with_prefixlen: (data) => (data instanceof TtpIp ? [data.withPrefixlen, null] : [data, null]),
};
