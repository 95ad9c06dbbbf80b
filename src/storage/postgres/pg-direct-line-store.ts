import type { Clock } from '../../clock.ts';
import { ActivityNotFoundError, ConversationNotFoundError, TooManyConversationsError } from '../../directline/direct-line-errors.ts';
import {
  activityIdFor,
  defaultConversationLimits,
  retryAfterSeconds,
  startWindowMs,
  type ActivityBuilder,
  type ActivityJson,
  type ActivitySet,
  type ConversationLimits,
  type DirectLineConversation,
  type DirectLineConversationStore,
  type NewConversation,
} from '../../directline/direct-line-store.ts';
import type pg from 'pg';
import type { PgDatabase, PgQueryable } from './pg-database.ts';

/**
 * The local Direct Line's conversations in PostgreSQL (migration 2), so /chat works behind a load
 * balancer without sticky sessions: a conversation started on one instance is polled and posted to on
 * every other, a conversation revoked or expired on one is gone for all, and the per-caller limits count
 * every instance's starts. Same bounds and answers as the in-memory ConversationStore.
 *
 * - Appending takes the next sequence number with `UPDATE … SET last_seq = last_seq + 1 … RETURNING` in
 *   the transaction that inserts the activity: the row lock orders appends to one conversation, so
 *   activities commit in sequence order and a poll never skips one.
 * - A poll reads the watermark and the activities in one statement (one snapshot).
 * - Starts take a transaction-scoped advisory lock: the caller's counts and the store's size are read
 *   and written by one instance at a time (starts are rare; polls and posts never take it).
 * - Times come from the injected clock, as epoch milliseconds; recency (what eviction and the per-caller
 *   Retry-After go by) is a sequence drawn on every touch, as the in-memory store's Map order.
 * - A conversation is forgotten by a DELETE … RETURNING, so of several instances sweeping at once
 *   exactly one hears of each conversation (and runs the app's clean-up for it).
 */
export class PgDirectLineStore implements DirectLineConversationStore {
  readonly limits: ConversationLimits;
  private forgetListener: (conversation: DirectLineConversation) => void = () => undefined;
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly database: PgDatabase,
    private readonly clock: Clock,
    limits: Partial<ConversationLimits> = {},
  ) {
    this.limits = { ...defaultConversationLimits, ...limits };
  }

  onForget(listener: (conversation: DirectLineConversation) => void): void {
    this.forgetListener = listener;
  }

  async start(input: NewConversation): Promise<{ conversation: DirectLineConversation; evicted: string[] }> {
    await this.expire();
    const now = this.nowMs();
    const { conversation, evicted } = await this.database.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [startLockKey]);
      await client.query('DELETE FROM directline_starts WHERE started_ms <= $1', [now - startWindowMs]);
      const starts = await one<{ starts: number; oldest: number | null }>(
        client,
        'SELECT count(*) AS starts, min(started_ms) AS oldest FROM directline_starts WHERE caller = $1',
        [input.caller],
      );
      if (starts.starts >= this.limits.maxStartsPerCallerPerMinute) {
        throw new TooManyConversationsError(
          `This address started ${starts.starts} conversations in the last minute; wait before starting another.`,
          retryAfterSeconds((starts.oldest ?? now) + startWindowMs - now),
        );
      }
      const live = await one<{ live: number; least_recent: number | null }>(
        client,
        `SELECT count(*) AS live,
                (SELECT last_active_ms FROM directline_conversations WHERE caller = $1 ORDER BY recency LIMIT 1) AS least_recent
           FROM directline_conversations WHERE caller = $1`,
        [input.caller],
      );
      if (live.live >= this.limits.maxConversationsPerCaller) {
        throw new TooManyConversationsError(
          `This address already has ${live.live} open conversations; continue one of them, or wait until one ends.`,
          retryAfterSeconds((live.least_recent ?? now) + this.limits.idleTimeoutMs - now),
        );
      }
      const { kept } = await one<{ kept: number }>(client, 'SELECT count(*) AS kept FROM directline_conversations');
      const over = kept - this.limits.maxConversations + 1;
      const evictedRows =
        over > 0
          ? (
              await client.query<ConversationRow>(
                `DELETE FROM directline_conversations
                  WHERE id IN (SELECT id FROM directline_conversations ORDER BY recency LIMIT $1)
                  RETURNING ${conversationColumns}`,
                [over],
              )
            ).rows
          : [];
      const created = await one<ConversationRow>(
        client,
        `INSERT INTO directline_conversations (id, user_id, caller, verified_user, started_ms, last_active_ms, recency, last_seq, bytes)
         VALUES ($1, $2, $3, $4, $5, $5, nextval('directline_recency'), 0, 0)
         RETURNING ${conversationColumns}`,
        [input.id, input.userId, input.caller, input.verifiedUser ?? null, now],
      );
      await client.query('INSERT INTO directline_starts (caller, started_ms) VALUES ($1, $2)', [input.caller, now]);
      return { conversation: conversationOf(created), evicted: evictedRows.map(conversationOf) };
    });
    // Only once committed: a rolled-back eviction forgot nothing.
    this.forgetAll(evicted);
    return { conversation, evicted: evicted.map((gone) => gone.id) };
  }

  async touch(conversationId: string): Promise<DirectLineConversation | undefined> {
    await this.sweepOccasionally();
    const now = this.nowMs();
    const touched = await this.database.rows<ConversationRow>(
      `UPDATE directline_conversations SET last_active_ms = $2, recency = nextval('directline_recency')
        WHERE id = $1 AND last_active_ms > $3
        RETURNING ${conversationColumns}`,
      [conversationId, now, now - this.limits.idleTimeoutMs],
    );
    const [row] = touched;
    if (row) return conversationOf(row);
    // Unknown, or expired and not swept yet: then it goes now, as the in-memory store does.
    const expired = await this.database.rows<ConversationRow>(
      `DELETE FROM directline_conversations WHERE id = $1 AND last_active_ms <= $2 RETURNING ${conversationColumns}`,
      [conversationId, now - this.limits.idleTimeoutMs],
    );
    this.forgetAll(expired.map(conversationOf));
    return undefined;
  }

  async append(conversationId: string, build: ActivityBuilder): Promise<ActivityJson> {
    return this.database.transaction(async (client) => {
      const seq = await nextSeq(client, conversationId);
      return this.put(client, conversationId, seq, activityIdFor(conversationId, seq), build);
    });
  }

  async replace(conversationId: string, activityId: string, build: ActivityBuilder): Promise<ActivityJson> {
    return this.database.transaction(async (client) => {
      const seq = await nextSeq(client, conversationId);
      const removed = await client.query<{ bytes: number }>(
        'DELETE FROM directline_activities WHERE conversation_id = $1 AND activity_id = $2 RETURNING bytes',
        [conversationId, activityId],
      );
      const [old] = removed.rows;
      // Throwing rolls the sequence number back too: nothing changed.
      if (!old) throw new ActivityNotFoundError(`Activity "${activityId}" is not in this conversation.`);
      await client.query('UPDATE directline_conversations SET bytes = bytes - $2 WHERE id = $1', [conversationId, old.bytes]);
      return this.put(client, conversationId, seq, activityId, build);
    });
  }

  async remove(conversationId: string, activityId: string): Promise<void> {
    await this.database.transaction(async (client) => {
      await lockConversation(client, conversationId);
      const removed = await client.query<{ bytes: number }>(
        'DELETE FROM directline_activities WHERE conversation_id = $1 AND activity_id = $2 RETURNING bytes',
        [conversationId, activityId],
      );
      const [old] = removed.rows;
      if (!old) throw new ActivityNotFoundError(`Activity "${activityId}" is not in this conversation.`);
      await client.query('UPDATE directline_conversations SET bytes = bytes - $2 WHERE id = $1', [conversationId, old.bytes]);
    });
  }

  async has(conversationId: string, activityId: string): Promise<boolean> {
    const found = await this.database.rows('SELECT 1 FROM directline_activities WHERE conversation_id = $1 AND activity_id = $2', [conversationId, activityId]);
    return found.length > 0;
  }

  async after(conversationId: string, watermark: number): Promise<ActivitySet> {
    // One statement, one snapshot: the watermark returned is that of the activities returned.
    const rows = await this.database.rows<{ last_seq: number; body: string | null }>(
      `SELECT c.last_seq, a.body
         FROM directline_conversations c
         LEFT JOIN directline_activities a ON a.conversation_id = c.id AND a.seq > $2
        WHERE c.id = $1
        ORDER BY a.seq`,
      [conversationId, watermark],
    );
    const [first] = rows;
    if (!first) throw new ConversationNotFoundError('This conversation has ended or expired.');
    return {
      activities: rows.flatMap((row) => (row.body === null ? [] : [parseActivity(row.body)])),
      watermark: String(first.last_seq),
    };
  }

  async expire(): Promise<number> {
    const now = this.nowMs();
    this.lastSweepMs = now;
    const expired = await this.database.rows<ConversationRow>(
      `DELETE FROM directline_conversations WHERE last_active_ms <= $1 RETURNING ${conversationColumns}`,
      [now - this.limits.idleTimeoutMs],
    );
    await this.database.rows('DELETE FROM directline_starts WHERE started_ms <= $1', [now - startWindowMs]);
    this.forgetAll(expired.map(conversationOf));
    return expired.length;
  }

  async revoke(conversationId: string): Promise<boolean> {
    const revoked = await this.database.rows<ConversationRow>(`DELETE FROM directline_conversations WHERE id = $1 RETURNING ${conversationColumns}`, [
      conversationId,
    ]);
    this.forgetAll(revoked.map(conversationOf));
    return revoked.length > 0;
  }

  async count(): Promise<number> {
    const [row] = await this.database.rows<{ kept: number }>('SELECT count(*) AS kept FROM directline_conversations');
    return row?.kept ?? 0;
  }

  /** Conversations outlive this instance (the others carry on with them); the pool belongs to the app. */
  async close(): Promise<void> {}

  /**
   * Inserts the activity under `seq` (the conversation row is locked by the caller), then drops the
   * oldest activities over the bounds, always keeping the newest, as the in-memory store does: the kept
   * ones are the longest run of newest activities within both the count and the byte budget.
   */
  private async put(client: PgQueryable, conversationId: string, seq: number, id: string, build: ActivityBuilder): Promise<ActivityJson> {
    const activity = build(id);
    const body = JSON.stringify(activity);
    const bytes = Buffer.byteLength(body);
    await client.query('INSERT INTO directline_activities (conversation_id, seq, activity_id, bytes, body) VALUES ($1, $2, $3, $4, $5)', [
      conversationId,
      seq,
      id,
      bytes,
      body,
    ]);
    const dropped = await client.query<{ bytes: number }>(
      `DELETE FROM directline_activities AS a
        USING (
          SELECT seq FROM (
            SELECT seq,
                   row_number() OVER newest_first AS position,
                   sum(bytes) OVER newest_first AS kept_bytes
              FROM directline_activities
             WHERE conversation_id = $1
            WINDOW newest_first AS (ORDER BY seq DESC ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
          ) ranked
          WHERE position > 1 AND (position > $2 OR kept_bytes > $3)
        ) AS over_bounds
        WHERE a.conversation_id = $1 AND a.seq = over_bounds.seq
        RETURNING a.bytes`,
      [conversationId, this.limits.maxActivitiesPerConversation, this.limits.maxBytesPerConversation],
    );
    const droppedBytes = dropped.rows.reduce((sum, row) => sum + row.bytes, 0);
    await client.query('UPDATE directline_conversations SET bytes = bytes + $2 WHERE id = $1', [conversationId, bytes - droppedBytes]);
    return activity;
  }

  private forgetAll(conversations: readonly DirectLineConversation[]): void {
    for (const conversation of conversations) this.forgetListener(conversation);
  }

  /** Requests sweep at most once a minute per instance, so abandoned conversations go even without a timer. */
  private async sweepOccasionally(): Promise<void> {
    if (this.nowMs() - this.lastSweepMs >= 60_000) await this.expire();
  }

  private nowMs(): number {
    return this.clock.now().toMillis();
  }
}

/** The advisory lock starts take (transaction-scoped): "LRDL". */
const startLockKey = 0x4c52_444c;

interface ConversationRow {
  id: string;
  user_id: string;
  caller: string;
  verified_user: string | null;
}

const conversationColumns = 'id, user_id, caller, verified_user';

function conversationOf(row: ConversationRow): DirectLineConversation {
  return { id: row.id, userId: row.user_id, caller: row.caller, verifiedUser: row.verified_user ?? undefined };
}

/** The next sequence number of the conversation, its row locked until the transaction ends; a 404 when it is gone. */
async function nextSeq(client: PgQueryable, conversationId: string): Promise<number> {
  const result = await client.query<{ last_seq: number }>('UPDATE directline_conversations SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq', [
    conversationId,
  ]);
  const [row] = result.rows;
  if (!row) throw new ConversationNotFoundError('This conversation has ended or expired.');
  return row.last_seq;
}

/** Locks the conversation's row, so changes to its queue happen one at a time; a 404 when it is gone. */
async function lockConversation(client: PgQueryable, conversationId: string): Promise<void> {
  const result = await client.query('SELECT 1 FROM directline_conversations WHERE id = $1 FOR UPDATE', [conversationId]);
  if (result.rows.length === 0) throw new ConversationNotFoundError('This conversation has ended or expired.');
}

async function one<Row extends pg.QueryResultRow>(client: PgQueryable, text: string, values: readonly unknown[] = []): Promise<Row> {
  const result = await client.query<Row>(text, values);
  const [row] = result.rows;
  if (!row) throw new Error(`expected a row from: ${text}`);
  return row;
}

function parseActivity(body: string): ActivityJson {
  const parsed: unknown = JSON.parse(body);
  return parsed as ActivityJson;
}
