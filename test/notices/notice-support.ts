import { expect } from 'chai';
import type { FixedClock } from '../../src/clock.ts';
import type { FakeTwilioServer } from '../support/fake-twilio-server.ts';
import { getJson, postJson, type RunningApp } from '../support/test-app.ts';

/** GET /api/v1/cases/:vin/notices, one entry (the contract). */
export interface NoticeJson {
  id: number;
  kind: 'stepOverdue' | 'holdEnding' | 'sold' | 'notSold';
  step: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';
  text: string;
  createdAt: string;
  dueAt: string;
  channel: 'sms' | 'chat' | null;
  recipient: string | null;
  sentAt: string | null;
  deliveryStatus: string | null;
  deliveryUpdatedAt: string | null;
  twilioSid: string | null;
  attempts: number;
  error: string | null;
  skippedReason: string | null;
}

export interface TimelineJson {
  step: string;
  status: string;
  expectedBy: string;
}

export interface CaseJson {
  vin: string;
  status: string;
  timeline: TimelineJson[];
  nextStep: TimelineJson | null;
}

export const twilioEnv = (fake: FakeTwilioServer, extra: Record<string, string> = {}): Record<string, string> => ({
  TWILIO_ACCOUNT_SID: fake.accountSid,
  TWILIO_AUTH_TOKEN: fake.authToken,
  TWILIO_FROM: '+16145559999',
  TWILIO_API_BASE_URL: fake.url,
  PUBLIC_BASE_URL: 'https://lease-return.example.com',
  // The timer never fires in a test: each pass is run explicitly, on the fake clock.
  NOTICE_INTERVAL_SECONDS: '86400',
  ...extra,
});

/** What a test needs to drive one app: its API, its clock, the fake Twilio behind it. */
export class NoticeDriver {
  /** Each text the fake received, with the fake clock's time when the pass that sent it ran. */
  readonly texts: { at: string; to: string; body: string; sid: string }[] = [];

  constructor(
    readonly running: RunningApp,
    readonly clock: FixedClock,
    readonly fake: FakeTwilioServer,
  ) {}

  url(path: string): string {
    return `${this.running.baseUrl}${path}`;
  }

  async dealer(id: string, phone: string, state = 'OH'): Promise<void> {
    const created = await postJson(this.url('/api/v1/dealers'), { id, name: `Dealer ${id}`, state, phones: [phone] });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
  }

  async openCase(body: Record<string, unknown>): Promise<CaseJson> {
    const created = await postJson(this.url('/api/v1/cases'), { maturityDate: '2026-06-30', hasAvrmAccess: true, intent: 'lesseeReturn', ...body });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    return created.body as CaseJson;
  }

  async record(vin: string, event: Record<string, unknown>): Promise<CaseJson> {
    const recorded = await postJson(this.url(`/api/v1/cases/${vin}/events`), event);
    expect(recorded.status, JSON.stringify(recorded.body)).to.equal(201);
    return recorded.body as CaseJson;
  }

  async getCase(vin: string): Promise<CaseJson> {
    const found = await getJson(this.url(`/api/v1/cases/${vin}`));
    expect(found.status).to.equal(200);
    return found.body as CaseJson;
  }

  async notices(vin: string): Promise<NoticeJson[]> {
    const listed = await getJson(this.url(`/api/v1/cases/${vin}/notices`));
    expect(listed.status, JSON.stringify(listed.body)).to.equal(200);
    return (listed.body as { items: NoticeJson[] }).items;
  }

  /** One scheduler pass at the clock's time; the texts it sent are added to `texts`. */
  async pass(): Promise<number> {
    const before = this.fake.messages.length;
    await this.running.app.noticeScheduler.runOnce();
    const fresh = this.fake.messages.slice(before);
    for (const message of fresh) this.texts.push({ at: this.clock.now().toUTC().toISO() ?? '', to: message.to, body: message.body, sid: message.sid });
    return fresh.length;
  }

  /** Moves the clock `hours` at a time up to `until` (UTC ISO), one pass after each move. */
  async walk(until: string, hours = 1): Promise<void> {
    const end = Date.parse(until);
    while (this.clock.now().toMillis() < end) {
      const next = Math.min(this.clock.now().toMillis() + hours * 3_600_000, end);
      this.clock.set(new Date(next).toISOString());
      await this.pass();
    }
  }

  nowIso(): string {
    return this.clock.now().toUTC().toISO({ suppressMilliseconds: true }) ?? '';
  }
}
