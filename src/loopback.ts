import { BlockList, isIP } from 'node:net';

/**
 * What counts as "this machine", in one place: the HOST a server without API_TOKEN may bind to
 * (config.ts), the Host header it answers (http/server.ts), the callers and reply addresses of the
 * unauthenticated bot endpoint (http/routes/bot-routes.ts), the plain-http OpenAI URL allowed.
 */

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
  // A valid dotted quad is in 127.0.0.0/8 exactly when it starts "127." (the BlockList check costs ~20 µs; it runs on every request).
  if (family === 4) return bare.startsWith('127.');
  return family === 6 && loopback.check(bare, 'ipv6');
}

/**
 * True for `localhost` (a trailing dot allowed) and loopback addresses. Stricter than what a browser
 * treats as local: a name like `app.localhost` goes to the resolver, which may answer with any address.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || isLoopbackAddress(name);
}

/** True for an http(s) URL whose host is this machine: `localhost` or a loopback address. */
export function isLoopbackUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && isLoopbackHost(parsed.hostname);
}
