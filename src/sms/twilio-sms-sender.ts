import twilio from 'twilio';
import { gsm7Length, isGsm7, maxSmsCharacters } from '../domain/sms-text.ts';
import { SmsSendError, type FoundSms, type SentSmsFinder } from './sms-send-error.ts';
import type { OutboundSms, SentSms, SmsSender } from './sms-sender.ts';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type * as TwilioHttp from 'twilio/lib/http/response.js';

export interface TwilioSenderSettings {
  accountSid: string;
  authToken: string;
  /** Exactly one of `from` (an E.164 number of the account) and `messagingServiceSid` (MG...) is used; the service wins. */
  from: string | undefined;
  messagingServiceSid: string | undefined;
  /**
   * Where the REST API lives when it is not https://api.twilio.com (a local fake in tests, a proxy, a
   * regional gateway): scheme, host and port (and an optional path prefix) replace Twilio's; the path
   * Twilio's client builds (/2010-04-01/Accounts/{Sid}/Messages.json) is kept.
   */
  apiBaseUrl: string | undefined;
  /** Per-request timeout (ms); a request that times out has an unknown outcome. */
  timeoutMs?: number;
}

/**
 * Twilio's own HTTP client, sending every request to `baseUrl` instead of Twilio's host. The client
 * builds URLs on api.twilio.com (and rewrites the host for TWILIO_REGION/TWILIO_EDGE); this is the one
 * seam where the whole URL can be replaced without touching how it authenticates, encodes or parses.
 */
export class BaseUrlRequestClient extends twilio.RequestClient {
  private readonly base: URL;

  constructor(baseUrl: string, options: { timeout?: number } = {}) {
    super(options);
    this.base = new URL(baseUrl);
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioHttp.default<TData>> {
    const original = new URL(opts.uri);
    const prefix = this.base.pathname.replace(/\/+$/, '');
    const target = new URL(`${prefix}${original.pathname}${original.search}`, this.base);
    return super.request({ ...opts, uri: target.href });
  }
}

/** Twilio's Messages REST API through the `twilio` package. */
export class TwilioSmsSender implements SmsSender, SentSmsFinder {
  readonly configured = true;
  private readonly client: twilio.Twilio;

  constructor(private readonly settings: TwilioSenderSettings) {
    const timeout = settings.timeoutMs ?? 10_000;
    this.client = twilio(settings.accountSid, settings.authToken, {
      // Without a base URL, Twilio's own client (with TWILIO_REGION/TWILIO_EDGE if the environment sets them).
      ...(settings.apiBaseUrl === undefined ? { timeout } : { httpClient: new BaseUrlRequestClient(settings.apiBaseUrl, { timeout }) }),
      // Never retry inside the client: the caller decides, because a retried create can send twice.
      autoRetry: false,
    });
  }

  async send(message: OutboundSms): Promise<SentSms> {
    if (!isGsm7(message.body) || gsm7Length(message.body) > maxSmsCharacters) {
      throw new SmsSendError(`The text must be at most ${maxSmsCharacters} GSM-7 characters.`, 'rejected');
    }
    const sender =
      this.settings.messagingServiceSid !== undefined
        ? { messagingServiceSid: this.settings.messagingServiceSid }
        : this.settings.from !== undefined
          ? { from: this.settings.from }
          : undefined;
    if (sender === undefined) throw new SmsSendError('TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID is needed to send.', 'rejected');
    try {
      const created = await this.client.messages.create({
        to: message.to,
        body: message.body,
        ...sender,
        ...(message.statusCallbackUrl === undefined ? {} : { statusCallback: message.statusCallbackUrl }),
      });
      return { sid: created.sid, status: created.status };
    } catch (error) {
      throw classify(error);
    }
  }

  async findSent(query: { to: string; body: string; since: string; excludeSids?: readonly string[] }): Promise<FoundSms | undefined> {
    const since = Date.parse(query.since);
    try {
      // Newest first; a message created by an in-doubt attempt is minutes old, well within one page.
      // date_sent is empty while a message is queued, so the filter is on date_created, here.
      const recent = await this.client.messages.list({ to: query.to, limit: 50, pageSize: 50 });
      const match = recent.find(
        (candidate) =>
          candidate.body === query.body &&
          candidate.dateCreated.getTime() >= since - 1000 &&
          !(query.excludeSids ?? []).includes(candidate.sid) &&
          candidate.direction !== 'inbound',
      );
      return match === undefined ? undefined : { sid: match.sid, status: match.status };
    } catch (error) {
      throw classify(error);
    }
  }
}

/**
 * Twilio's answer, sorted by what a retry may do. A 4xx other than 429 is Twilio refusing the message
 * (21211 invalid number, 21610 the phone texted STOP to Twilio, 20003 bad credentials): retrying would
 * fail the same way. 429 means it was not taken. A 5xx, a timeout or a broken connection may have
 * created the message.
 */
function classify(error: unknown): SmsSendError {
  if (error instanceof SmsSendError) return error;
  if (error instanceof twilio.RestException) {
    const details = { status: error.status, ...(typeof error.code === 'number' ? { providerCode: error.code } : {}), cause: error };
    const message = `Twilio answered ${error.status}${typeof error.code === 'number' ? ` (code ${error.code})` : ''}: ${error.message}`;
    if (error.status === 429) return new SmsSendError(message, 'retryLater', details);
    if (error.status >= 400 && error.status < 500) return new SmsSendError(message, 'rejected', details);
    return new SmsSendError(message, 'unknown', details);
  }
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  // Refused before anything was sent: the message cannot have been created.
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new SmsSendError(`Twilio could not be reached (${code}).`, 'retryLater', { cause: error });
  }
  return new SmsSendError(`Twilio did not answer (${code || (error instanceof Error ? error.message : String(error))}).`, 'unknown', { cause: error });
}
