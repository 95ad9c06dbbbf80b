import { isIP } from 'node:net';

/**
 * Who is starting a conversation, for the per-caller limits: the peer's IPv4 address, or the /64 of an
 * IPv6 address (one host usually holds a whole /64, so counting single IPv6 addresses would let it
 * start as many conversations as it likes). An IPv4 address mapped into IPv6 (`::ffff:10.0.0.7`, what
 * a dual-stack socket reports) counts as that IPv4 address.
 *
 * The peer is whoever opened the TCP connection: behind a reverse proxy every browser shares the
 * proxy's address, and so its limits (see README, Limits).
 */
export function callerKeyOf(remoteAddress: string | undefined): string {
  const address = (remoteAddress ?? '').replace(/%.*$/, '');
  const family = isIP(address);
  if (family === 4) return address;
  if (family !== 6) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  return `${ipv6Groups(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address, as lower-case hex without leading zeros. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const groupsOf = (part: string): string[] => (part === '' ? [] : part.split(':').flatMap(embeddedIpv4));
  const first = groupsOf(head);
  const last = tail === undefined ? [] : groupsOf(tail);
  const zeros = Array.from({ length: Math.max(0, 8 - first.length - last.length) }, () => '0');
  return [...first, ...zeros, ...last].map((group) => group.replace(/^0+(?=.)/, ''));
}

/** A dotted IPv4 tail (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`) is two groups. */
function embeddedIpv4(group: string): string[] {
  if (!group.includes('.')) return [group];
  const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}
