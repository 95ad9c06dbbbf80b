import { deliveryRank, noticeColumns, toNotice, type NoticeRow } from './notice-rows.ts';
import {
  defaultNoticeSettings,
  noticeSettingsSchema,
  type NoticeChannel,
  type NoticeSettings,
  type NoticeStatus,
  type SkipReason,
  type StoredNotice,
} from '../notices/notice.ts';
import type { CasePlan, NoticeRepository, WatchedCase } from '../notices/notice-repository.ts';
import type { Database } from './database.ts';
import { guardStorage } from './storage-failure.ts';

export class SqliteNoticeRepository implements NoticeRepository {
  private readonly selectDueCases;
  private readonly insertNotice;
  private readonly updateWatch;
  private readonly deleteWatch;
  private readonly recordPlansAtomically;
  private readonly selectDueNotices;
  private readonly claimNotice;
  private readonly updateSent;
  private readonly updateRetry;
  private readonly updateFailed;
  private readonly updateSkipped;
  private readonly updateDueAt;
  private readonly recoverSending;
  private readonly recoverSendingBefore;
  private readonly selectByProviderId;
  private readonly updateDeliveryStatus;
  private readonly updateDeliveryAtomically;
  private readonly selectProviderIds;
  private readonly selectForCase;
  private readonly selectSettings;
  private readonly upsertSettings;
  private readonly selectLastText;
  private readonly selectCaseId;
  private readonly selectVin;

  constructor(database: Database) {
    this.selectDueCases = database.prepare<[string, number], { case_id: number; vin: string; next_check_at: string }>(
      `SELECT w.case_id, c.vin, w.next_check_at FROM notice_watch w JOIN return_cases c ON c.id = w.case_id
       WHERE w.next_check_at <= ? ORDER BY w.next_check_at LIMIT ?`,
    );
    this.insertNotice = database.prepare<[number, string, string, string, string, string, string, string, string | null]>(
      `INSERT OR IGNORE INTO notices (case_id, dealer_id, step, kind, status, text, created_at, due_at, skipped_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateWatch = database.prepare<[string, number, string]>('UPDATE notice_watch SET next_check_at = ? WHERE case_id = ? AND next_check_at = ?');
    this.deleteWatch = database.prepare<[number, string]>('DELETE FROM notice_watch WHERE case_id = ? AND next_check_at = ?');
    this.recordPlansAtomically = database.transaction((plans: readonly CasePlan[], now: string): number => {
      let stored = 0;
      for (const { watched, dealerId, notices, nextCheckAt } of plans) {
        for (const notice of notices) {
          const status: NoticeStatus = notice.skippedReason === undefined ? 'pending' : 'skipped';
          stored += this.insertNotice.run(
            watched.caseId,
            dealerId,
            notice.step,
            notice.kind,
            status,
            notice.text,
            now,
            notice.dueAt,
            notice.skippedReason ?? null,
          ).changes;
        }
        if (nextCheckAt === null) this.deleteWatch.run(watched.caseId, watched.checkAt);
        else this.updateWatch.run(nextCheckAt, watched.caseId, watched.checkAt);
      }
      return stored;
    }).immediate;
    this.selectDueNotices = database.prepare<[string, number], NoticeRow>(
      `SELECT ${noticeColumns} FROM notices WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?`,
    );
    this.claimNotice = database.prepare<[string, string, string, string, number, number]>(
      `UPDATE notices SET status = 'sending', channel = ?, recipient = ?, body = ?, attempt_started_at = ?, attempts = attempts + 1
       WHERE id = ? AND status = 'pending' AND attempts = ?`,
    );
    this.updateSent = database.prepare<[string | null, string | null, string, string, number]>(
      `UPDATE notices SET status = 'sent', provider_id = ?, delivery_status = ?, sent_at = ?, delivery_updated_at = ?, in_doubt_since = NULL, error = NULL WHERE id = ?`,
    );
    this.updateRetry = database.prepare<[string, string, number, number]>(
      `UPDATE notices SET status = 'pending', due_at = ?, error = ?,
         in_doubt_since = CASE WHEN ? = 1 THEN COALESCE(in_doubt_since, attempt_started_at) ELSE in_doubt_since END
       WHERE id = ?`,
    );
    this.updateFailed = database.prepare<[string, string, number]>(`UPDATE notices SET status = 'failed', error = ?, delivery_updated_at = ? WHERE id = ?`);
    this.updateSkipped = database.prepare<[string, string, number]>(
      `UPDATE notices SET status = 'skipped', skipped_reason = ?, delivery_updated_at = ? WHERE id = ? AND status = 'pending'`,
    );
    this.updateDueAt = database.prepare<[string, number]>(`UPDATE notices SET due_at = ? WHERE id = ? AND status = 'pending'`);
    this.recoverSending = database.prepare(
      `UPDATE notices SET status = 'pending', in_doubt_since = COALESCE(in_doubt_since, attempt_started_at) WHERE status = 'sending'`,
    );
    this.recoverSendingBefore = database.prepare<[string]>(
      `UPDATE notices SET status = 'pending', in_doubt_since = COALESCE(in_doubt_since, attempt_started_at) WHERE status = 'sending' AND attempt_started_at < ?`,
    );
    this.selectByProviderId = database.prepare<[string], { id: number; delivery_status: string | null }>(
      'SELECT id, delivery_status FROM notices WHERE provider_id = ?',
    );
    this.updateDeliveryStatus = database.prepare<[string, string | null, string, number]>(
      'UPDATE notices SET delivery_status = ?, error = COALESCE(?, error), delivery_updated_at = ? WHERE id = ?',
    );
    this.updateDeliveryAtomically = database.transaction((providerId: string, status: string, errorCode: string | null, at: string): boolean => {
      const row = this.selectByProviderId.get(providerId);
      if (!row) return false;
      const current = row.delivery_status === null ? -1 : (deliveryRank[row.delivery_status] ?? -1);
      if ((deliveryRank[status] ?? 0) >= current) {
        this.updateDeliveryStatus.run(status, errorCode === null ? null : `Twilio error ${errorCode}`, at, row.id);
      }
      return true;
    }).immediate;
    this.selectProviderIds = database.prepare<[string], { provider_id: string }>(
      'SELECT provider_id FROM notices WHERE recipient = ? AND provider_id IS NOT NULL',
    );
    this.selectForCase = database.prepare<[number], NoticeRow>(`SELECT ${noticeColumns} FROM notices WHERE case_id = ? ORDER BY id`);
    this.selectSettings = database.prepare<[string], { settings: string }>('SELECT settings FROM dealer_notice_settings WHERE dealer_id = ?');
    this.upsertSettings = database.prepare<[string, string, string]>(
      `INSERT INTO dealer_notice_settings (dealer_id, settings, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(dealer_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
    );
    this.selectLastText = database.prepare<[string], { from_phone: string; received_at: string }>(
      `SELECT from_phone, received_at FROM sms_messages WHERE from_phone IN (SELECT value FROM json_each(?)) ORDER BY received_at DESC LIMIT 1`,
    );
    this.selectCaseId = database.prepare<[string], { id: number }>('SELECT id FROM return_cases WHERE vin = ? ORDER BY id DESC LIMIT 1');
    this.selectVin = database.prepare<[number], { vin: string }>('SELECT vin FROM return_cases WHERE id = ?');
  }

  async dueCases(now: string, limit: number): Promise<WatchedCase[]> {
    return guardStorage(() => this.selectDueCases.all(now, limit).map((row) => ({ caseId: row.case_id, vin: row.vin, checkAt: row.next_check_at })));
  }

  async recordPlans(plans: readonly CasePlan[], now: string): Promise<number> {
    if (plans.length === 0) return 0;
    return guardStorage(() => this.recordPlansAtomically(plans, now));
  }

  async dueNotices(now: string, limit: number): Promise<StoredNotice[]> {
    return guardStorage(() => this.selectDueNotices.all(now, limit).map(toNotice));
  }

  async claim(id: number, attempt: { channel: NoticeChannel; recipient: string; body: string; at: string; attemptsSeen: number }): Promise<boolean> {
    return guardStorage(() => this.claimNotice.run(attempt.channel, attempt.recipient, attempt.body, attempt.at, id, attempt.attemptsSeen).changes === 1);
  }

  async markSent(id: number, result: { providerId: string | null; deliveryStatus: string | null; at: string }): Promise<void> {
    guardStorage(() => this.updateSent.run(result.providerId, result.deliveryStatus, result.at, result.at, id));
  }

  async markRetry(id: number, retry: { dueAt: string; error: string; inDoubt: boolean }): Promise<void> {
    guardStorage(() => this.updateRetry.run(retry.dueAt, retry.error, retry.inDoubt ? 1 : 0, id));
  }

  async markFailed(id: number, error: string, at: string): Promise<void> {
    guardStorage(() => this.updateFailed.run(error, at, id));
  }

  async markSkipped(id: number, reason: SkipReason, at: string): Promise<void> {
    guardStorage(() => this.updateSkipped.run(reason, at, id));
  }

  async postpone(id: number, dueAt: string): Promise<void> {
    guardStorage(() => this.updateDueAt.run(dueAt, id));
  }

  async recoverInFlight(startedBefore?: string): Promise<number> {
    return guardStorage(() => (startedBefore === undefined ? this.recoverSending.run().changes : this.recoverSendingBefore.run(startedBefore).changes));
  }

  async updateDelivery(providerId: string, status: string, errorCode: string | null, at: string): Promise<boolean> {
    return guardStorage(() => this.updateDeliveryAtomically(providerId, status, errorCode, at));
  }

  async providerIdsFor(recipient: string): Promise<string[]> {
    return guardStorage(() => this.selectProviderIds.all(recipient).map((row) => row.provider_id));
  }

  async listForCase(caseId: number): Promise<StoredNotice[]> {
    return guardStorage(() => this.selectForCase.all(caseId).map(toNotice));
  }

  async settings(dealerId: string): Promise<NoticeSettings> {
    const row = guardStorage(() => this.selectSettings.get(dealerId));
    if (!row) return defaultNoticeSettings;
    const parsed = noticeSettingsSchema.safeParse(JSON.parse(row.settings) as unknown);
    return parsed.success ? parsed.data : defaultNoticeSettings;
  }

  async saveSettings(dealerId: string, settings: NoticeSettings, at: string): Promise<void> {
    guardStorage(() => this.upsertSettings.run(dealerId, JSON.stringify(settings), at));
  }

  async lastTextFrom(phones: readonly string[]): Promise<{ phone: string; at: string } | undefined> {
    if (phones.length === 0) return undefined;
    const row = guardStorage(() => this.selectLastText.get(JSON.stringify(phones)));
    return row && { phone: row.from_phone, at: row.received_at };
  }

  async caseIdOf(vin: string): Promise<number | undefined> {
    return guardStorage(() => this.selectCaseId.get(vin)?.id);
  }

  async vinOfCase(caseId: number): Promise<string | undefined> {
    return guardStorage(() => this.selectVin.get(caseId)?.vin);
  }
}
