import type { NamedContact } from '../cases/case-messages.ts';
import type { CaseService } from '../cases/case-service.ts';
import { isoNow, type Clock } from '../clock.ts';
import { stateTimeZone } from '../domain/us-states.ts';
import type { Vin } from '../domain/vin.ts';
import type { Logger } from '../logger.ts';
import { SmsSendError, type SentSmsFinder } from '../sms/sms-send-error.ts';
import type { SmsSender } from '../sms/sms-sender.ts';
import type { CaseRepository, Dealer, DealerRepository, SmsRepository, StoredCase } from '../storage/repositories.ts';
import type { NoticeChannel, NoticeSettings, SkipReason, StoredNotice } from './notice.ts';
import { smsBodyOf } from './notice-messages.ts';
import { planNotices } from './notice-planner.ts';
import type { CasePlan, NoticeRepository, WatchedCase } from './notice-repository.ts';
import { nextSendableInstant, type QuietHours } from './quiet-hours.ts';

/** A dealer's chat conversations, as far as notices need them (bots/proactive-messenger.ts sends). */
export interface ChatNoticeReach {
  /** The chat conversation one of the dealer's users wrote from last, and when; undefined when none can be reached. */
  latestConversation(dealerId: string): Promise<{ conversationKey: string; channelId: string; at: string } | undefined>;
  send(conversationKey: string, text: string): Promise<void>;
}

export interface NoticeSchedulerDeps {
  notices: NoticeRepository;
  caseRepository: Pick<CaseRepository, 'findByVin'>;
  cases: Pick<CaseService, 'view'>;
  dealers: Pick<DealerRepository, 'get'>;
  sms: SmsSender & Partial<SentSmsFinder>;
  optOuts: Pick<SmsRepository, 'isOptedOut'>;
  /** Undefined until the bot runtime can reach chat conversations. */
  chat: () => ChatNoticeReach | undefined;
  contact: (id: string) => NamedContact;
  clock: Clock;
  logger: Logger;
  quietHours: QuietHours | null;
  intervalSeconds: number;
  /**
   * Several instances share the outbox (PostgreSQL): an attempt still in flight after this many seconds
   * belonged to an instance that died (a send gives up after 10 s), and every pass hands it back, in doubt.
   * Unset (SQLite, one process): everything left in flight is recovered once, at start.
   */
  inFlightLeaseSeconds?: number | undefined;
  /** Where Twilio posts delivery statuses (PUBLIC_BASE_URL + /api/v1/sms/status), when the server is reachable. */
  statusCallbackUrl: string | undefined;
}

export interface TickSummary {
  casesLooked: number;
  noticesDecided: number;
  sent: number;
  skipped: number;
  failed: number;
  retrying: number;
  postponed: number;
}

/** Cases looked at and notices sent per batch; a tick goes on batch after batch until nothing is due. */
const batchSize = 500;
/** After this many attempts a notice is failed for good. */
const maxAttempts = 6;
/** Minutes before the next attempt, by attempts made so far. */
const retryMinutes = [1, 5, 15, 60, 240];

const isoOf = (ms: number): string => new Date(ms).toISOString();

/**
 * The notice scheduler: every NOTICE_INTERVAL_SECONDS it (1) looks at the cases whose watch is due (an
 * index range on notice_watch, re-armed by a trigger in the same transaction as every case write) and stores
 * the notices they call for in the outbox, at most one per (case, step, kind); then (2) sends the outbox's
 * due notices, each attempt recorded before anything leaves. See src/notices/README.md for what "exactly
 * once" holds through (a crash, a Twilio 5xx) and where it stops.
 */
export class NoticeScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickSummary> | undefined;
  private stopped = false;

  constructor(private readonly deps: NoticeSchedulerDeps) {}

  /** Recovers attempts a previous process left in flight, then looks every interval. */
  async start(): Promise<void> {
    // Shared outbox: at start, as on every pass, only attempts older than the lease (another instance may
    // be sending right now); own outbox: everything the last process left.
    const recovered = await this.deps.notices.recoverInFlight(this.leaseCutoff());
    if (recovered > 0)
      this.deps.logger.warn({ recovered }, 'notices: attempts left in flight by the last process are in doubt; each is looked up before any resend');
    this.schedule();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** One look and one send pass now (the timer's work; tests call it with a fake clock). Never two at once. */
  async runOnce(): Promise<TickSummary> {
    while (this.running !== undefined) await this.running.catch(() => undefined);
    const run = this.tick();
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = undefined;
    }
  }

  /** Only the first half: decide and store what is due, send nothing (a restart test stops here). */
  async decideOnce(): Promise<TickSummary> {
    const summary = emptySummary();
    await this.decide(summary);
    return summary;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.runOnce()
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'notices: scheduler pass failed'))
        .finally(() => this.schedule());
    }, this.deps.intervalSeconds * 1000);
    this.timer.unref();
  }

  private async tick(): Promise<TickSummary> {
    const summary = emptySummary();
    const cutoff = this.leaseCutoff();
    if (cutoff !== undefined) {
      const recovered = await this.deps.notices.recoverInFlight(cutoff);
      if (recovered > 0)
        this.deps.logger.warn(
          { recovered },
          'notices: attempts in flight past their lease (an instance stopped mid-send) are in doubt; each is looked up at Twilio before it is sent again',
        );
    }
    await this.decide(summary);
    await this.send(summary);
    if (summary.noticesDecided + summary.sent + summary.failed + summary.skipped > 0) this.deps.logger.info({ ...summary }, 'notices: pass done');
    return summary;
  }

  /** Attempts started before this instant are past their lease; undefined without a lease (one process). */
  private leaseCutoff(): string | undefined {
    const lease = this.deps.inFlightLeaseSeconds;
    return lease === undefined ? undefined : (this.deps.clock.now().minus({ seconds: lease }).toUTC().toISO() ?? undefined);
  }

  private nowIso(): string {
    return isoNow(this.deps.clock);
  }

  private async decide(summary: TickSummary): Promise<void> {
    const seen = new Set<number>();
    const settings = new Map<string, NoticeSettings>();
    for (;;) {
      const due = (await this.deps.notices.dueCases(this.nowIso(), batchSize)).filter((watched) => !seen.has(watched.caseId));
      if (due.length === 0) return;
      const plans: CasePlan[] = [];
      for (const watched of due) {
        seen.add(watched.caseId);
        summary.casesLooked += 1;
        try {
          plans.push(await this.decideFor(watched, settings));
        } catch (error) {
          // One case that cannot be read must not stop the others; it is looked at again next pass.
          this.deps.logger.error({ err: error, vin: watched.vin }, 'notices: could not decide for a case');
        }
      }
      // One transaction per batch: a pass over thousands of cases (the first after a bulk load, the
      // midnight when many steps' last day ends) writes in a few commits, not one per case.
      summary.noticesDecided += await this.deps.notices.recordPlans(plans, this.nowIso());
    }
  }

  private async decideFor(watched: WatchedCase, settings: Map<string, NoticeSettings>): Promise<CasePlan> {
    const forget: CasePlan = { watched, dealerId: '', notices: [], nextCheckAt: null };
    const stored = await this.deps.caseRepository.findByVin(watched.vin as Vin);
    if (!stored || stored.id !== watched.caseId) return forget;
    const dealer = await this.deps.dealers.get(stored.dealerId);
    if (!dealer) return forget;
    let dealerSettings = settings.get(dealer.id);
    if (!dealerSettings) {
      dealerSettings = await this.deps.notices.settings(dealer.id);
      settings.set(dealer.id, dealerSettings);
    }
    const plan = this.planFor(stored, dealer, dealerSettings);
    return { watched, dealerId: dealer.id, notices: plan.notices, nextCheckAt: plan.nextCheckAt };
  }

  private planFor(stored: StoredCase, dealer: Dealer, settings: NoticeSettings): ReturnType<typeof planNotices> {
    return planNotices({
      view: this.deps.cases.view(stored, dealer),
      dealerZone: stateTimeZone(dealer.state),
      now: this.deps.clock.now().toMillis(),
      settings,
      quietHours: this.deps.quietHours,
      contact: this.deps.contact,
    });
  }

  private async send(summary: TickSummary): Promise<void> {
    const seen = new Set<number>();
    // Where each dealer is reached is worked out once per pass (a few queries), not once per notice.
    const channels = new Map<string, Promise<ChannelChoice>>();
    for (;;) {
      const due = (await this.deps.notices.dueNotices(this.nowIso(), batchSize)).filter((notice) => !seen.has(notice.id));
      if (due.length === 0) return;
      for (const notice of due) {
        seen.add(notice.id);
        try {
          summary[await this.deliver(notice, channels)] += 1;
        } catch (error) {
          this.deps.logger.error({ err: error, noticeId: notice.id }, 'notices: delivery failed unexpectedly');
        }
      }
    }
  }

  private async deliver(
    notice: StoredNotice,
    channels: Map<string, Promise<ChannelChoice>>,
  ): Promise<'sent' | 'skipped' | 'failed' | 'retrying' | 'postponed'> {
    const nowMs = this.deps.clock.now().toMillis();
    const now = isoOf(nowMs);
    const dealer = await this.deps.dealers.get(notice.dealerId);
    if (!dealer) return this.skip(notice, 'noChannel', now);

    // Quiet hours may have begun while the notice waited (a retry, a slow outbox).
    const sendable = nextSendableInstant(nowMs, stateTimeZone(dealer.state), this.deps.quietHours);
    if (sendable > nowMs) {
      await this.deps.notices.postpone(notice.id, isoOf(sendable));
      return 'postponed';
    }

    // An attempt that may have reached Twilio is settled first: found there, it was sent; nothing else goes out.
    if (notice.channel === 'sms' && notice.recipient && notice.body && notice.inDoubtSince) {
      const settled = await this.settleInDoubt(notice, notice.recipient, notice.body, now);
      if (settled !== undefined) return settled;
    }

    // What was true when it was decided may no longer be: the step got done, the car left, the hold ended.
    if (notice.attempts === 0 && !(await this.stillCalledFor(notice, dealer))) return this.skip(notice, 'stale', now);

    let choice = channels.get(dealer.id);
    if (!choice) {
      choice = this.chooseChannel(dealer);
      channels.set(dealer.id, choice);
    }
    const target = notice.channel && notice.recipient ? { channel: notice.channel, recipient: notice.recipient } : await choice;
    if ('skip' in target) return this.skip(notice, target.skip, now);
    if (target.channel === 'sms' && (await this.deps.optOuts.isOptedOut(target.recipient))) return this.skip(notice, 'optedOut', now);
    if (notice.attempts >= maxAttempts) {
      await this.deps.notices.markFailed(notice.id, `Gave up after ${notice.attempts} attempts: ${notice.error ?? 'no answer'}`, now);
      return 'failed';
    }
    return target.channel === 'sms' ? this.sendSms(notice, target.recipient, now) : this.sendChat(notice, target.recipient, now);
  }

  private async settleInDoubt(notice: StoredNotice, to: string, body: string, now: string): Promise<'sent' | 'retrying' | undefined> {
    const finder = this.deps.sms.findSent?.bind(this.deps.sms);
    // A sender that cannot look messages up: resend (at least once), as documented.
    if (!finder || !notice.inDoubtSince) return undefined;
    try {
      const found = await finder({ to, body, since: notice.inDoubtSince, excludeSids: await this.deps.notices.providerIdsFor(to) });
      if (!found) return undefined;
      await this.deps.notices.markSent(notice.id, { providerId: found.sid, deliveryStatus: found.status, at: now });
      this.deps.logger.info({ noticeId: notice.id, sid: found.sid }, 'notices: an in-doubt attempt had reached Twilio; not sent again');
      return 'sent';
    } catch (error) {
      // Not knowing whether it went out, it is not sent again now: look again later.
      await this.deps.notices.markRetry(notice.id, { dueAt: this.retryAt(notice), error: describe(error), inDoubt: true });
      return 'retrying';
    }
  }

  private async stillCalledFor(notice: StoredNotice, dealer: Dealer): Promise<boolean> {
    const vin = await this.vinOf(notice.caseId);
    const stored = vin === undefined ? undefined : await this.deps.caseRepository.findByVin(vin);
    if (!stored || stored.id !== notice.caseId) return false;
    const plan = this.planFor(stored, dealer, await this.deps.notices.settings(dealer.id));
    return plan.notices.some((planned) => planned.kind === notice.kind && planned.step === notice.step);
  }

  private vinCache = new Map<number, Vin>();
  private async vinOf(caseId: number): Promise<Vin | undefined> {
    const known = this.vinCache.get(caseId);
    if (known) return known;
    const vin = await this.deps.notices.vinOfCase(caseId);
    if (vin) this.vinCache.set(caseId, vin as Vin);
    return vin as Vin | undefined;
  }

  /**
   * The dealer's channel: the one asked for when it can be reached, else the other; "lastUsed" takes
   * whichever the dealer wrote from last (a text from one of its phones, or a chat message from one of
   * its users), and texts the phone that wrote last. Opted-out phones are never chosen.
   */
  private async chooseChannel(dealer: Dealer): Promise<ChannelChoice> {
    const settings = await this.deps.notices.settings(dealer.id);
    const phones: string[] = [];
    for (const phone of dealer.phones) if (!(await this.deps.optOuts.isOptedOut(phone))) phones.push(phone);
    const lastText = await this.deps.notices.lastTextFrom(phones);
    const sms = this.deps.sms.configured && phones.length > 0 ? { phone: lastText?.phone ?? phones[0] ?? '', at: lastText?.at ?? '' } : undefined;
    const chatReach = this.deps.chat();
    const chat = chatReach ? await chatReach.latestConversation(dealer.id) : undefined;
    const bySms = sms && { channel: 'sms' as const, recipient: sms.phone };
    const byChat = chat && { channel: 'chat' as const, recipient: chat.conversationKey };
    const choice =
      settings.channel === 'sms'
        ? (bySms ?? byChat)
        : settings.channel === 'chat'
          ? (byChat ?? bySms)
          : sms && chat
            ? Date.parse(sms.at || '1970-01-01T00:00:00Z') > Date.parse(chat.at)
              ? bySms
              : byChat
            : (bySms ?? byChat);
    if (choice) return choice;
    return { skip: dealer.phones.length > 0 && phones.length === 0 ? 'optedOut' : 'noChannel' };
  }

  private async sendSms(notice: StoredNotice, to: string, now: string): Promise<'sent' | 'failed' | 'retrying'> {
    const body = notice.body ?? smsBodyOf(notice.text);
    // The attempt is on record before the request leaves: a crash from here on leaves it "sending", in doubt.
    if (!(await this.deps.notices.claim(notice.id, { channel: 'sms', recipient: to, body, at: now, attemptsSeen: notice.attempts }))) return 'retrying';
    try {
      const sent = await this.deps.sms.send({ to, body, ...(this.deps.statusCallbackUrl ? { statusCallbackUrl: this.deps.statusCallbackUrl } : {}) });
      await this.deps.notices.markSent(notice.id, { providerId: sent.sid, deliveryStatus: sent.status, at: this.nowIso() });
      return 'sent';
    } catch (error) {
      if (error instanceof SmsSendError && error.failure === 'rejected') {
        await this.deps.notices.markFailed(notice.id, error.message, this.nowIso());
        return 'failed';
      }
      const inDoubt = !(error instanceof SmsSendError && error.failure === 'retryLater');
      await this.deps.notices.markRetry(notice.id, { dueAt: this.retryAt({ ...notice, attempts: notice.attempts + 1 }), error: describe(error), inDoubt });
      this.deps.logger.warn({ noticeId: notice.id, inDoubt, err: error }, 'notices: text not sent; will retry');
      return 'retrying';
    }
  }

  private async sendChat(notice: StoredNotice, conversationKey: string, now: string): Promise<'sent' | 'retrying' | 'skipped'> {
    const chat = this.deps.chat();
    if (!chat) return this.skip(notice, 'noChannel', now);
    if (!(await this.deps.notices.claim(notice.id, { channel: 'chat', recipient: conversationKey, body: notice.text, at: now, attemptsSeen: notice.attempts })))
      return 'retrying';
    try {
      await chat.send(conversationKey, notice.text);
      await this.deps.notices.markSent(notice.id, { providerId: null, deliveryStatus: 'sent', at: this.nowIso() });
      return 'sent';
    } catch (error) {
      // Chat has no way to look a message up: a retry after an unclear failure may repeat it (at least once).
      await this.deps.notices.markRetry(notice.id, {
        dueAt: this.retryAt({ ...notice, attempts: notice.attempts + 1 }),
        error: describe(error),
        inDoubt: false,
      });
      return 'retrying';
    }
  }

  private async skip(notice: StoredNotice, reason: SkipReason, now: string): Promise<'skipped'> {
    await this.deps.notices.markSkipped(notice.id, reason, now);
    return 'skipped';
  }

  private retryAt(notice: Pick<StoredNotice, 'attempts'>): string {
    const minutes = retryMinutes[Math.min(Math.max(notice.attempts - 1, 0), retryMinutes.length - 1)] ?? 5;
    return isoOf(this.deps.clock.now().toMillis() + minutes * 60_000);
  }
}

type ChannelChoice = { channel: NoticeChannel; recipient: string } | { skip: SkipReason };

function emptySummary(): TickSummary {
  return { casesLooked: 0, noticesDecided: 0, sent: 0, skipped: 0, failed: 0, retrying: 0, postponed: 0 };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
