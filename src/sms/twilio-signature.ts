import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Twilio's webhook signature (https://www.twilio.com/docs/usage/security#validating-requests): the full
 * URL Twilio called, then each POST parameter's name and value appended with no delimiters, sorted by
 * name; HMAC-SHA1 of that with the account's auth token, base64-encoded, in `X-Twilio-Signature`.
 * Repeated names are sorted by value too, as Twilio's own helper libraries do.
 */
export function twilioSignature(authToken: string, url: string, params: URLSearchParams | Record<string, string>): string {
  const pairs = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  pairs.sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB));
  const data = url + pairs.map(([name, value]) => name + value).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

export function isValidTwilioSignature(authToken: string, url: string, params: URLSearchParams, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Code-unit order, like the sort Twilio's libraries use (not locale order). */
function compare(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
