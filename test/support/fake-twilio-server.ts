import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twilio from 'twilio';

/**
 * A real HTTP server on 127.0.0.1 speaking the part of Twilio's Messages REST API the assistant uses:
 * POST /2010-04-01/Accounts/{AccountSid}/Messages.json (create, form-encoded, Basic auth with the account
 * SID and auth token) and GET on the same path (list, newest first, filtered by To). Every request is
 * recorded; `failNext` scripts failures the way Twilio can fail (a 500 that did or did not create the
 * message, a 429, a 4xx refusal, a dropped connection).
 */
export interface RecordedTwilioRequest {
  method: string;
  path: string;
  accountSid: string | undefined;
  /** The Basic credentials, decoded ("AC...:token"), or undefined when there were none. */
  basicAuth: string | undefined;
  form: Record<string, string>;
  query: Record<string, string>;
  /** What the fake answered. */
  status: number;
}

export interface FakeTwilioMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  status: string;
  dateCreated: Date;
}

export type TwilioFailure =
  /** Answers 500; with `created`, the message was created anyway (Twilio failed after accepting it). */
  | { status: 500 | 502 | 503; created?: boolean }
  | { status: 429 }
  /** A refusal with Twilio's error code (21211 invalid To, 21610 unsubscribed recipient...). */
  | { status: 400; code: number; message?: string }
  /** The connection is destroyed without an answer; with `created`, after the message was created. */
  | { drop: true; created?: boolean }
  /** The message is created and the request is never answered (the sender is stuck in its POST). */
  | { hang: true };

export class FakeTwilioServer {
  readonly requests: RecordedTwilioRequest[] = [];
  readonly messages: FakeTwilioMessage[] = [];
  private readonly failures: TwilioFailure[] = [];
  private readonly held: ServerResponse[] = [];
  private readonly server: Server = createServer((request, response) => {
    void this.receive(request, response);
  });

  constructor(
    readonly accountSid = `AC${randomBytes(16).toString('hex')}`,
    readonly authToken = 'fake-twilio-auth-token',
  ) {}

  /** What to set as TWILIO_API_BASE_URL. */
  get url(): string {
    const address = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next requests that create a message fail this way, in order. */
  failNext(...failures: TwilioFailure[]): void {
    this.failures.push(...failures);
  }

  reset(): void {
    this.requests.length = 0;
    this.messages.length = 0;
    this.failures.length = 0;
  }

  /** Create requests (POST Messages.json) received so far, answered or not. */
  get createRequests(): RecordedTwilioRequest[] {
    return this.requests.filter((request) => request.method === 'POST');
  }

  /**
   * Posts a status callback for `sid` as Twilio would: form-encoded, signed with the auth token over the
   * StatusCallback URL the message was created with. `deliverTo` is where to actually send it (the
   * StatusCallback URL names the public host, which a test cannot reach).
   */
  async postStatus(sid: string, status: string, deliverTo: string, extra: Record<string, string> = {}): Promise<Response> {
    const message = this.messages.find((candidate) => candidate.sid === sid);
    if (!message?.statusCallback) throw new Error(`message ${sid} has no StatusCallback`);
    message.status = status;
    const params: Record<string, string> = {
      AccountSid: message.accountSid,
      MessageSid: sid,
      SmsSid: sid,
      MessageStatus: status,
      SmsStatus: status,
      To: message.to,
      From: message.from ?? '+15005550006',
      ApiVersion: '2010-04-01',
      ...extra,
    };
    const signature = twilio.getExpectedTwilioSignature(this.authToken, message.statusCallback, params);
    return fetch(deliverTo, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
  }

  private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? '/', 'http://fake-twilio');
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
    const authorization = request.headers.authorization;
    const basicAuth = authorization?.startsWith('Basic ') ? Buffer.from(authorization.slice(6), 'base64').toString('utf8') : undefined;
    const record: RecordedTwilioRequest = {
      method: request.method ?? '',
      path: url.pathname,
      accountSid: match?.[1],
      basicAuth,
      form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      query: Object.fromEntries(url.searchParams),
      status: 0,
    };
    this.requests.push(record);
    const answer = (status: number, body: unknown): void => {
      record.status = status;
      const payload = JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) });
      response.end(payload);
    };

    if (!match) return answer(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    if (basicAuth !== `${this.accountSid}:${this.authToken}` || match[1] !== this.accountSid) {
      return answer(401, { code: 20003, message: 'Authentication Error - invalid username', status: 401 });
    }
    if (request.method === 'GET') return answer(200, this.page(url));
    if (request.method !== 'POST') return answer(405, { code: 20004, message: 'Method not allowed', status: 405 });

    const failure = this.failures.shift();
    if (failure && 'hang' in failure) {
      this.create(record.form);
      record.status = -1;
      this.held.push(response);
      return;
    }
    if (failure && 'drop' in failure) {
      if (failure.created) this.create(record.form);
      record.status = -1;
      response.destroy();
      return;
    }
    if (failure && failure.status === 400) return answer(400, { code: failure.code, message: failure.message ?? 'The message was refused', status: 400 });
    if (failure && failure.status === 429) return answer(429, { code: 20429, message: 'Too Many Requests', status: 429 });
    if (failure) {
      if (failure.created) this.create(record.form);
      return answer(failure.status, { code: 20500, message: 'Internal Server Error', status: failure.status });
    }

    const to = record.form.To;
    if (!to) return answer(400, { code: 21604, message: "A 'To' phone number is required.", status: 400 });
    if (!record.form.Body) return answer(400, { code: 21602, message: 'Message body is required.', status: 400 });
    if (!record.form.From && !record.form.MessagingServiceSid) {
      return answer(400, { code: 21603, message: "A 'From' or 'MessagingServiceSid' parameter is required", status: 400 });
    }
    return answer(201, this.json(this.create(record.form)));
  }

  private create(form: Record<string, string>): FakeTwilioMessage {
    const message: FakeTwilioMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      accountSid: this.accountSid,
      to: form.To ?? '',
      from: form.From ?? null,
      messagingServiceSid: form.MessagingServiceSid ?? null,
      body: form.Body ?? '',
      statusCallback: form.StatusCallback ?? null,
      status: form.MessagingServiceSid ? 'accepted' : 'queued',
      dateCreated: new Date(),
    };
    this.messages.push(message);
    return message;
  }

  private page(url: URL): Record<string, unknown> {
    const to = url.searchParams.get('To');
    const pageSize = Number(url.searchParams.get('PageSize') ?? '50');
    const items = this.messages
      .filter((message) => to === null || message.to === to)
      .reverse()
      .slice(0, pageSize);
    return {
      messages: items.map((message) => this.json(message)),
      end: Math.max(0, items.length - 1),
      first_page_uri: url.pathname,
      next_page_uri: null,
      page: 0,
      page_size: pageSize,
      previous_page_uri: null,
      start: 0,
      uri: url.pathname,
    };
  }

  private json(message: FakeTwilioMessage): Record<string, unknown> {
    return {
      account_sid: message.accountSid,
      api_version: '2010-04-01',
      body: message.body,
      date_created: message.dateCreated.toUTCString(),
      date_sent: null,
      date_updated: message.dateCreated.toUTCString(),
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: message.from,
      messaging_service_sid: message.messagingServiceSid,
      num_media: '0',
      num_segments: message.body.length > 160 ? '2' : '1',
      price: null,
      price_unit: 'USD',
      sid: message.sid,
      status: message.status,
      subresource_uris: { media: `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}/Media.json` },
      to: message.to,
      uri: `/2010-04-01/Accounts/${message.accountSid}/Messages/${message.sid}.json`,
    };
  }
}
