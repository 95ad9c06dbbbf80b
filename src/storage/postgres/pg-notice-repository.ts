import { deliveryRank, noticeColumns, toNotice, type NoticeRow } from '../notice-rows.ts';
import {
  defaultNoticeSettings,
  noticeSettingsSchema,
  type NoticeChannel,
  type NoticeSettings,
  type NoticeStatus,
  type SkipReason,
  type StoredNotice,
} from '../../notices/notice.ts';
import type { CasePlan, NoticeRepository, WatchedCase } from '../../notices/notice-repository.ts';
import type { PgDatabase } from './pg-database.ts';

/**
 * The notices outbox, the per-case watch and the dealers' notice settings on PostgreSQL: the SQL of
 * sqlite-notice-repository.ts, made safe for several app instances running the scheduler against one
 * database at once.
 * - Deciding: two instances may read the same due case and plan it twice; the outbox takes a
 *   (case, step, kind) once (`ON CONFLICT DO NOTHING` on notices_once), and the watch moves on only
 *   where it still holds the value read (a conditional UPDATE), so the second plan stores nothing.
 * - Sending: a claim is one conditional UPDATE (pending, and still the attempt the caller read): under
 *   READ COMMITTED the loser waits for the winner's row lock, re-reads the row and matches nothing, so
 *   each attempt of a notice is claimed by exactly one instance.
 */
export class PgNoticeRepository implements NoticeRepository {
  constructor(private readonly database: PgDatabase) {}

  async dueCases(now: string, limit: number): Promise<WatchedCase[]> {
    const rows = await this.database.rows<{ case_id: number; vin: string; next_check_at: string }>(
      `SELECT w.case_id, c.vin, w.next_check_at FROM notice_watch w JOIN return_cases c ON c.id = w.case_id
       WHERE w.next_check_at <= $1 ORDER BY w.next_check_at, w.case_id LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => ({ caseId: row.case_id, vin: row.vin, checkAt: row.next_check_at }));
  }

  async recordPlans(plans: readonly CasePlan[], now: string): Promise<number> {
    if (plans.length === 0) return 0;
    const notices = plans.flatMap(({ watched, dealerId, notices: planned }) =>
      planned.map((notice) => ({
        caseId: watched.caseId,
        dealerId,
        notice,
        status: (notice.skippedReason === undefined ? 'pending' : 'skipped') as NoticeStatus,
      })),
    );
    const rearmed = plans.filter((plan) => plan.nextCheckAt !== null);
    const forgotten = plans.filter((plan) => plan.nextCheckAt === null);
    return this.database.transaction(async (client) => {
      // The watch rows first, in case order: two instances recording plans for the same cases queue up
      // here instead of taking the outbox's index locks in different orders (a deadlock).
      await client.query('SELECT case_id FROM notice_watch WHERE case_id = ANY($1::bigint[]) ORDER BY case_id FOR UPDATE', [
        plans.map((plan) => plan.watched.caseId),
      ]);
      let stored = 0;
      if (notices.length > 0) {
        // In plan order, so ids follow the order SQLite gives them.
        const inserted = await client.query(
          `INSERT INTO notices (case_id, dealer_id, step, kind, status, text, created_at, due_at, skipped_reason)
           SELECT p.case_id, p.dealer_id, p.step, p.kind, p.status, p.text, $1, p.due_at, p.skipped_reason
           FROM unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
             WITH ORDINALITY AS p(case_id, dealer_id, step, kind, status, text, due_at, skipped_reason, position)
           ORDER BY p.position
           ON CONFLICT (case_id, step, kind) DO NOTHING`,
          [
            now,
            notices.map((row) => row.caseId),
            notices.map((row) => row.dealerId),
            notices.map((row) => row.notice.step),
            notices.map((row) => row.notice.kind),
            notices.map((row) => row.status),
            notices.map((row) => row.notice.text),
            notices.map((row) => row.notice.dueAt),
            notices.map((row) => row.notice.skippedReason ?? null),
          ],
        );
        stored = inserted.rowCount ?? 0;
      }
      if (rearmed.length > 0) {
        await client.query(
          `UPDATE notice_watch w SET next_check_at = p.next_check_at
           FROM unnest($1::bigint[], $2::text[], $3::text[]) AS p(case_id, check_at, next_check_at)
           WHERE w.case_id = p.case_id AND w.next_check_at = p.check_at`,
          [rearmed.map((plan) => plan.watched.caseId), rearmed.map((plan) => plan.watched.checkAt), rearmed.map((plan) => plan.nextCheckAt)],
        );
      }
      if (forgotten.length > 0) {
        await client.query(
          `DELETE FROM notice_watch w USING unnest($1::bigint[], $2::text[]) AS p(case_id, check_at)
           WHERE w.case_id = p.case_id AND w.next_check_at = p.check_at`,
          [forgotten.map((plan) => plan.watched.caseId), forgotten.map((plan) => plan.watched.checkAt)],
        );
      }
      return stored;
    });
  }

  async dueNotices(now: string, limit: number): Promise<StoredNotice[]> {
    const rows = await this.database.rows<NoticeRow>(
      `SELECT ${noticeColumns} FROM notices WHERE status = 'pending' AND due_at <= $1 ORDER BY due_at, id LIMIT $2`,
      [now, limit],
    );
    return rows.map(toNotice);
  }

  async claim(id: number, attempt: { channel: NoticeChannel; recipient: string; body: string; at: string; attemptsSeen: number }): Promise<boolean> {
    const claimed = await this.database.rows(
      `UPDATE notices SET status = 'sending', channel = $1, recipient = $2, body = $3, attempt_started_at = $4, attempts = attempts + 1
       WHERE id = $5 AND status = 'pending' AND attempts = $6 RETURNING id`,
      [attempt.channel, attempt.recipient, attempt.body, attempt.at, id, attempt.attemptsSeen],
    );
    return claimed.length === 1;
  }

  async markSent(id: number, result: { providerId: string | null; deliveryStatus: string | null; at: string }): Promise<void> {
    await this.database.rows(
      `UPDATE notices SET status = 'sent', provider_id = $1, delivery_status = $2, sent_at = $3, delivery_updated_at = $3, in_doubt_since = NULL, error = NULL
       WHERE id = $4`,
      [result.providerId, result.deliveryStatus, result.at, id],
    );
  }

  async markRetry(id: number, retry: { dueAt: string; error: string; inDoubt: boolean }): Promise<void> {
    await this.database.rows(
      `UPDATE notices SET status = 'pending', due_at = $1, error = $2,
         in_doubt_since = CASE WHEN $3 THEN COALESCE(in_doubt_since, attempt_started_at) ELSE in_doubt_since END
       WHERE id = $4`,
      [retry.dueAt, retry.error, retry.inDoubt, id],
    );
  }

  async markFailed(id: number, error: string, at: string): Promise<void> {
    await this.database.rows(`UPDATE notices SET status = 'failed', error = $1, delivery_updated_at = $2 WHERE id = $3`, [error, at, id]);
  }

  async markSkipped(id: number, reason: SkipReason, at: string): Promise<void> {
    await this.database.rows(`UPDATE notices SET status = 'skipped', skipped_reason = $1, delivery_updated_at = $2 WHERE id = $3 AND status = 'pending'`, [
      reason,
      at,
      id,
    ]);
  }

  async postpone(id: number, dueAt: string): Promise<void> {
    await this.database.rows(`UPDATE notices SET due_at = $1 WHERE id = $2 AND status = 'pending'`, [dueAt, id]);
  }

  async recoverInFlight(startedBefore?: string): Promise<number> {
    const recovered = await this.database.rows(
      `UPDATE notices SET status = 'pending', in_doubt_since = COALESCE(in_doubt_since, attempt_started_at)
       WHERE status = 'sending' AND ($1::text IS NULL OR attempt_started_at < $1) RETURNING id`,
      [startedBefore ?? null],
    );
    return recovered.length;
  }

  async updateDelivery(providerId: string, status: string, errorCode: string | null, at: string): Promise<boolean> {
    // The row is locked while its current status is compared: two callbacks for one SID arriving at two
    // instances are applied one after the other, and the later status wins whatever order they came in.
    return this.database.transaction(async (client) => {
      const found = await client.query<{ id: number; delivery_status: string | null }>(
        'SELECT id, delivery_status FROM notices WHERE provider_id = $1 FOR UPDATE',
        [providerId],
      );
      const row = found.rows[0];
      if (!row) return false;
      const current = row.delivery_status === null ? -1 : (deliveryRank[row.delivery_status] ?? -1);
      if ((deliveryRank[status] ?? 0) >= current) {
        await client.query('UPDATE notices SET delivery_status = $1, error = COALESCE($2, error), delivery_updated_at = $3 WHERE id = $4', [
          status,
          errorCode === null ? null : `Twilio error ${errorCode}`,
          at,
          row.id,
        ]);
      }
      return true;
    });
  }

  async providerIdsFor(recipient: string): Promise<string[]> {
    const rows = await this.database.rows<{ provider_id: string }>(
      'SELECT provider_id FROM notices WHERE recipient = $1 AND provider_id IS NOT NULL ORDER BY id',
      [recipient],
    );
    return rows.map((row) => row.provider_id);
  }

  async listForCase(caseId: number): Promise<StoredNotice[]> {
    const rows = await this.database.rows<NoticeRow>(`SELECT ${noticeColumns} FROM notices WHERE case_id = $1 ORDER BY id`, [caseId]);
    return rows.map(toNotice);
  }

  async settings(dealerId: string): Promise<NoticeSettings> {
    const [row] = await this.database.rows<{ settings: string }>('SELECT settings FROM dealer_notice_settings WHERE dealer_id = $1', [dealerId]);
    if (!row) return defaultNoticeSettings;
    const parsed = noticeSettingsSchema.safeParse(JSON.parse(row.settings) as unknown);
    return parsed.success ? parsed.data : defaultNoticeSettings;
  }

  async saveSettings(dealerId: string, settings: NoticeSettings, at: string): Promise<void> {
    await this.database.rows(
      `INSERT INTO dealer_notice_settings (dealer_id, settings, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (dealer_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
      [dealerId, JSON.stringify(settings), at],
    );
  }

  async lastTextFrom(phones: readonly string[]): Promise<{ phone: string; at: string } | undefined> {
    if (phones.length === 0) return undefined;
    const [row] = await this.database.rows<{ from_phone: string; received_at: string }>(
      'SELECT from_phone, received_at FROM sms_messages WHERE from_phone = ANY($1::text[]) ORDER BY received_at DESC LIMIT 1',
      [phones],
    );
    return row && { phone: row.from_phone, at: row.received_at };
  }

  async caseIdOf(vin: string): Promise<number | undefined> {
    const [row] = await this.database.rows<{ id: number }>('SELECT id FROM return_cases WHERE vin = $1 ORDER BY id DESC LIMIT 1', [vin]);
    return row?.id;
  }

  async vinOfCase(caseId: number): Promise<string | undefined> {
    const [row] = await this.database.rows<{ vin: string }>('SELECT vin FROM return_cases WHERE id = $1', [caseId]);
    return row?.vin;
  }
}
