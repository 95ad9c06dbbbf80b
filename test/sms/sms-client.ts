import { twilioSignatureFor } from '../../src/sms/twilio-webhook.ts';

export interface SmsReply {
  status: number;
  contentType: string;
  /** The <Message> text, unescaped; null for an empty <Response/>. */
  text: string | null;
  raw: string;
}

let counter = 0;

/** A new Twilio-style MessageSid ("SM" + 32 hex characters). */
export function newMessageSid(): string {
  counter += 1;
  return `SM${String(counter).padStart(8, '0')}${'0'.repeat(24)}`;
}

export interface SendOptions {
  from?: string;
  messageSid?: string;
  /** The auth token to sign with; no signature header when absent. */
  authToken?: string;
  /** The URL to sign (what Twilio would have called). */
  signedUrl?: string;
  /** Changes the body after signing (a tampered request). */
  tamper?: (form: URLSearchParams) => void;
}

/** Sends a form-encoded Twilio messaging webhook to POST /api/v1/sms, like Twilio does. */
export async function sendSms(baseUrl: string, body: string, options: SendOptions = {}): Promise<SmsReply> {
  const form = new URLSearchParams({
    ToCountry: 'US',
    From: options.from ?? '+16145550100',
    To: '+18885550199',
    Body: body,
    MessageSid: options.messageSid ?? newMessageSid(),
    AccountSid: `AC${'1'.repeat(32)}`,
    NumMedia: '0',
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (options.authToken) headers['x-twilio-signature'] = twilioSignatureFor(options.authToken, options.signedUrl ?? `${baseUrl}/api/v1/sms`, form);
  options.tamper?.(form);
  const response = await fetch(`${baseUrl}/api/v1/sms`, { method: 'POST', headers, body: form.toString() });
  const raw = await response.text();
  const match = /<Message>([\s\S]*)<\/Message>/.exec(raw);
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    text: match?.[1] === undefined ? null : unescapeXml(match[1]),
    raw,
  };
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_entity, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name] ?? '');
}
