/**
 * Outbound text messages: one port shared by everything that texts a dealer (a one-time link code,
 * an agent's handoff reply to a dealer who came by SMS, proactive notices). The Twilio implementation
 * (the `twilio` package's REST client, `TWILIO_API_BASE_URL` for a local fake) lives beside it; without
 * Twilio credentials the composition root wires `smsSendingOff`, which refuses with SmsNotConfiguredError.
 */
export interface OutboundSms {
  /** E.164 phone number. */
  to: string;
  /** Plain GSM-7 text, already shortened by the caller (at most 320 characters, two segments). */
  body: string;
  /** Where Twilio should post delivery status (a signed callback), when the caller tracks delivery. */
  statusCallbackUrl?: string;
}

export interface SentSms {
  /** Twilio's message SID. */
  sid: string;
  /** Twilio's status at acceptance ("queued", "accepted", ...). */
  status: string;
}

export interface SmsSender {
  /** False when no credentials are configured: callers say so instead of promising a text. */
  readonly configured: boolean;
  send(message: OutboundSms): Promise<SentSms>;
}

export class SmsNotConfiguredError extends Error {
  constructor() {
    super('Outbound SMS is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID).');
    this.name = 'SmsNotConfiguredError';
  }
}

/** A sender that must not be used, for when Twilio is not configured. */
export const smsSendingOff: SmsSender = {
  configured: false,
  send: () => Promise.reject(new SmsNotConfiguredError()),
};
