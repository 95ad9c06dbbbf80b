import { BlockList, isIP } from 'node:net';

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/**
 * True for a loopback address: 127.0.0.0/8, ::1, or an IPv4 loopback address mapped into IPv6
 * (`::ffff:127.0.0.1`, what a dual-stack socket reports). Brackets are allowed ("[::1]"). Anything
 * unparsable is not loopback.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  const bare = (address ?? '').replace(/^\[(.*)\]$/, '$1');
  const family = isIP(bare);
  return family !== 0 && loopback.check(bare, family === 6 ? 'ipv6' : 'ipv4');
}

/** A loopback address, or the name `localhost` (and its subdomains, which resolve to loopback: RFC 6761). */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || isLoopbackAddress(name);
}
