import { z } from 'zod';

/**
 * Proactive notices (issue 16): what the assistant tells a dealer without being asked.
 * - `stepOverdue`: a step of the case timeline turned overdue (one notice per step);
 * - `holdEnding`: a dealer-purchase hold enters its last 12 hours;
 * - `sold`: the car sold on SmartAuction (release it only to the buying dealer, against proof of sale);
 * - `notSold`: it did not sell (a transporter will come; release only against the Bill of Lading).
 */
export const noticeKinds = ['stepOverdue', 'holdEnding', 'sold', 'notSold'] as const;
export const noticeKindSchema = z.enum(noticeKinds);
export type NoticeKind = z.infer<typeof noticeKindSchema>;

/** How long before the end of a dealer-purchase hold the dealer hears about it. */
export const holdWarningHours = 12;

/** Where a notice goes: the dealer's last channel (SMS or chat, whichever the dealer wrote from last), or one of them first. */
export const noticeChannelPreferences = ['lastUsed', 'sms', 'chat'] as const;
export type NoticeChannelPreference = (typeof noticeChannelPreferences)[number];

export const noticeSettingsSchema = z.strictObject({
  kinds: z.strictObject({ stepOverdue: z.boolean(), holdEnding: z.boolean(), sold: z.boolean(), notSold: z.boolean() }),
  channel: z.enum(noticeChannelPreferences),
});
export type NoticeSettings = z.infer<typeof noticeSettingsSchema>;

export const defaultNoticeSettings: NoticeSettings = {
  kinds: { stepOverdue: true, holdEnding: true, sold: true, notSold: true },
  channel: 'lastUsed',
};

/** PUT /api/v1/dealers/:id/notice-settings: some or all of the settings; what is left out stays. */
export const noticeSettingsUpdateSchema = z.strictObject({
  kinds: z
    .strictObject({ stepOverdue: z.boolean().optional(), holdEnding: z.boolean().optional(), sold: z.boolean().optional(), notSold: z.boolean().optional() })
    .optional(),
  channel: z.enum(noticeChannelPreferences, { error: () => `must be one of ${noticeChannelPreferences.join(', ')}` }).optional(),
});
export type NoticeSettingsUpdate = z.infer<typeof noticeSettingsUpdateSchema>;

/** pending: waiting for its time; sending: an attempt in flight; sent; failed (for good); skipped (never sent, with the reason). */
export const noticeStatuses = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

export const skipReasons = ['kindOff', 'optedOut', 'noChannel', 'stale'] as const;
export type SkipReason = (typeof skipReasons)[number];

export type NoticeChannel = 'sms' | 'chat';

/** A notice as stored in the outbox. */
export interface StoredNotice {
  id: number;
  caseId: number;
  dealerId: string;
  step: string;
  kind: NoticeKind;
  status: NoticeStatus;
  /** The notice in words, as decided (chat shows it as is; SMS adds the opt-out line). */
  text: string;
  createdAt: string;
  /** Not before this instant (UTC ISO): when it was decided, or the end of the dealer's quiet hours. */
  dueAt: string;
  channel: NoticeChannel | null;
  /** The phone (E.164) or the chat conversation key. */
  recipient: string | null;
  /** What went out, exactly (the same on every attempt, so a message Twilio took can be found again). */
  body: string | null;
  attempts: number;
  attemptStartedAt: string | null;
  inDoubtSince: string | null;
  sentAt: string | null;
  providerId: string | null;
  deliveryStatus: string | null;
  deliveryUpdatedAt: string | null;
  error: string | null;
  skippedReason: SkipReason | null;
}

/** A notice decided by the planner, before it is stored. */
export interface PlannedNotice {
  step: string;
  kind: NoticeKind;
  text: string;
  dueAt: string;
  /** Set when the dealer turned this kind off: stored as skipped, so turning it back on does not send it late. */
  skippedReason?: SkipReason;
}

/** GET /api/v1/cases/:vin/notices: one entry. Field names are a contract. */
export interface NoticeView {
  id: number;
  kind: NoticeKind;
  step: string;
  status: NoticeStatus;
  text: string;
  createdAt: string;
  dueAt: string;
  channel: NoticeChannel | null;
  recipient: string | null;
  sentAt: string | null;
  deliveryStatus: string | null;
  deliveryUpdatedAt: string | null;
  twilioSid: string | null;
  attempts: number;
  error: string | null;
  skippedReason: SkipReason | null;
}

export function noticeView(notice: StoredNotice): NoticeView {
  return {
    id: notice.id,
    kind: notice.kind,
    step: notice.step,
    status: notice.status,
    text: notice.text,
    createdAt: notice.createdAt,
    dueAt: notice.dueAt,
    channel: notice.channel,
    recipient: notice.recipient,
    sentAt: notice.sentAt,
    deliveryStatus: notice.deliveryStatus,
    deliveryUpdatedAt: notice.deliveryUpdatedAt,
    twilioSid: notice.channel === 'sms' ? notice.providerId : null,
    attempts: notice.attempts,
    error: notice.error,
    skippedReason: notice.skippedReason,
  };
}
