import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The capability that lets the bot, and only the bot, write into a conversation. The bot learns its
 * reply address from the `serviceUrl` of the activities we hand it, so we put a per-conversation key
 * in that URL (`<base>/directline/connector/<key>`); browsers never see it (we strip `serviceUrl` from
 * everything they read). Knowing a conversation id (from a log, a screen, the agent console) is then
 * not enough to inject a bot message into someone's chat. Keys are derived, not stored, so they need
 * no memory and stay valid for as long as the secret does.
 */
export class ConnectorKeys {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('directline-connector-v1').digest();
  }

  keyFor(conversationId: string): string {
    return createHmac('sha256', this.key).update(conversationId).digest('base64url');
  }

  matches(conversationId: string, given: string): boolean {
    const expected = Buffer.from(this.keyFor(conversationId));
    const candidate = Buffer.from(given);
    return candidate.length === expected.length && timingSafeEqual(candidate, expected);
  }
}

const loopbackAddresses = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * True when the caller runs on this machine: a loopback address, or our own address when the server
 * is bound to a specific interface. The bot runs in this process, so its calls always qualify; a
 * caller elsewhere on the network never does (defence in depth next to the key; a reverse proxy on
 * the same host passes this check, which is why the key is the real guard).
 */
export function isSameHost(remoteAddress: string | undefined, localAddress: string | undefined): boolean {
  if (!remoteAddress) return false;
  return loopbackAddresses.has(remoteAddress) || remoteAddress === localAddress;
}
