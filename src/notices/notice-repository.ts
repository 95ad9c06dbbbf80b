import type { NoticeChannel, NoticeSettings, PlannedNotice, SkipReason, StoredNotice } from './notice.ts';

/** A case the scheduler should look at: `checkAt` is the value read, so a newer re-arm is never overwritten. */
export interface WatchedCase {
  caseId: number;
  vin: string;
  checkAt: string;
}

/** What one look at a case decided. */
export interface CasePlan {
  watched: WatchedCase;
  dealerId: string;
  notices: readonly PlannedNotice[];
  nextCheckAt: string | null;
}

/** What the notice scheduler and API need from storage, and nothing about SQL (sqlite-notice-repository.ts). */
export interface NoticeRepository {
  /** Cases due for a look at `now`, earliest first: an index range, never every case. */
  dueCases(now: string, limit: number): Promise<WatchedCase[]>;
  /**
   * Stores the plans of a batch of cases in one transaction: each plan's notices (a (case, step, kind)
   * already in the outbox is left as it is) and the case's next look. The next look is written only if the
   * watch still holds `watched.checkAt` (an event recorded meanwhile re-armed it); null removes the watch.
   * Returns the notices newly stored.
   */
  recordPlans(plans: readonly CasePlan[], now: string): Promise<number>;
  /** Pending notices whose time has come, oldest due first. */
  dueNotices(now: string, limit: number): Promise<StoredNotice[]>;
  /**
   * pending → sending, recording the attempt before anything is sent; false when another attempt has it.
   * `attemptsSeen` is the notice's `attempts` as the caller read it: the claim holds only while the row is
   * still that attempt, so a caller deciding on a stale read (another instance retried it meanwhile, in
   * doubt, and the in-doubt lookup was never made) cannot claim it; each attempt is claimed once, by one instance.
   */
  claim(id: number, attempt: { channel: NoticeChannel; recipient: string; body: string; at: string; attemptsSeen: number }): Promise<boolean>;
  markSent(id: number, result: { providerId: string | null; deliveryStatus: string | null; at: string }): Promise<void>;
  /** Back to pending for another attempt at `dueAt`; `inDoubt` when the last attempt may have reached the provider. */
  markRetry(id: number, retry: { dueAt: string; error: string; inDoubt: boolean }): Promise<void>;
  markFailed(id: number, error: string, at: string): Promise<void>;
  /** Only a pending notice is skipped: one another instance has claimed or sent meanwhile keeps its status. */
  markSkipped(id: number, reason: SkipReason, at: string): Promise<void>;
  /** Moves a pending notice's time (quiet hours began while it waited). */
  postpone(id: number, dueAt: string): Promise<void>;
  /**
   * Attempts left in flight become pending and in doubt (looked up at Twilio before it is sent again): all of
   * them (one process owns the outbox: after its restart), or only those started before `startedBefore`
   * (several instances share it: an attempt that old outlived every send, so its instance died). Returns how many.
   */
  recoverInFlight(startedBefore?: string): Promise<number>;
  /** Twilio's delivery status for a SID; false when no notice has that SID. Earlier statuses never replace later ones. */
  updateDelivery(providerId: string, status: string, errorCode: string | null, at: string): Promise<boolean>;
  /** SIDs already recorded for notices to this recipient (a found message must not be claimed twice). */
  providerIdsFor(recipient: string): Promise<string[]>;
  listForCase(caseId: number): Promise<StoredNotice[]>;
  settings(dealerId: string): Promise<NoticeSettings>;
  saveSettings(dealerId: string, settings: NoticeSettings, at: string): Promise<void>;
  /** When one of these phones last texted us (UTC ISO), and which. */
  lastTextFrom(phones: readonly string[]): Promise<{ phone: string; at: string } | undefined>;
  /** The case id of a VIN's newest case. */
  caseIdOf(vin: string): Promise<number | undefined>;
  vinOfCase(caseId: number): Promise<string | undefined>;
}
