import { z } from 'zod';
import { noticeKindSchema, noticeStatuses, skipReasons, type SkipReason, type StoredNotice } from '../notices/notice.ts';

/** Notice rows as both engines store them, and what they read back as (sqlite- and postgres/pg-notice-repository.ts). */
export interface NoticeRow {
  id: number;
  case_id: number;
  dealer_id: string;
  step: string;
  kind: string;
  status: string;
  text: string;
  created_at: string;
  due_at: string;
  channel: string | null;
  recipient: string | null;
  body: string | null;
  attempts: number;
  attempt_started_at: string | null;
  in_doubt_since: string | null;
  sent_at: string | null;
  provider_id: string | null;
  delivery_status: string | null;
  delivery_updated_at: string | null;
  error: string | null;
  skipped_reason: string | null;
}

const noticeStatusSchema = z.enum(noticeStatuses);

export const noticeColumns =
  'id, case_id, dealer_id, step, kind, status, text, created_at, due_at, channel, recipient, body, attempts, attempt_started_at, in_doubt_since, sent_at, provider_id, delivery_status, delivery_updated_at, error, skipped_reason';

/**
 * Twilio's message statuses in the order a message moves through them; a callback that arrives late
 * (Twilio does not promise order) never takes a message back.
 */
export const deliveryRank: Readonly<Record<string, number>> = {
  accepted: 0,
  scheduled: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  undelivered: 4,
  failed: 4,
  canceled: 4,
  read: 5,
};

export function toNotice(row: NoticeRow): StoredNotice {
  return {
    id: row.id,
    caseId: row.case_id,
    dealerId: row.dealer_id,
    step: row.step,
    kind: noticeKindSchema.parse(row.kind),
    status: noticeStatusSchema.parse(row.status),
    text: row.text,
    createdAt: row.created_at,
    dueAt: row.due_at,
    channel: row.channel === 'sms' || row.channel === 'chat' ? row.channel : null,
    recipient: row.recipient,
    body: row.body,
    attempts: row.attempts,
    attemptStartedAt: row.attempt_started_at,
    inDoubtSince: row.in_doubt_since,
    sentAt: row.sent_at,
    providerId: row.provider_id,
    deliveryStatus: row.delivery_status,
    deliveryUpdatedAt: row.delivery_updated_at,
    error: row.error,
    skippedReason: (skipReasons as readonly string[]).includes(row.skipped_reason ?? '') ? (row.skipped_reason as SkipReason) : null,
  };
}
