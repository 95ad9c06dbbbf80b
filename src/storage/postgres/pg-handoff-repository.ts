import type { Actor } from '../../domain/actor.ts';
import { StorageUnavailableError } from '../../errors.ts';
import { handoffStatuses, handoffStatusSchema, type Handoff, type HandoffMessage, type HandoffStatus } from '../../handoffs/handoff.ts';
import type { HandoffRepository, NewHandoff, NewHandoffMessage } from '../../handoffs/handoff-repository.ts';
import { storageMessages } from '../storage-messages.ts';
import type { PgDatabase } from './pg-database.ts';
import { handoffColumns, handoffOf, messageColumns, messageOf, type HandoffRow, type MessageRow, newHandoffValues } from '../handoff-rows.ts';

/**
 * Handoffs and their messages on PostgreSQL, with the behaviour of sqlite-handoff-repository.ts. Every
 * race between instances is settled by one statement: a new handoff is an INSERT … ON CONFLICT DO NOTHING
 * on the unique partial index handoffs_one_open_per_conversation (the conversation's open one stands), a
 * take or an end is an UPDATE … WHERE status = the status it moves from (of two agents taking one handoff,
 * the second finds it active and changes nothing), and a message is inserted once per source id.
 */

/** Rounds of "an open one was there, then ended before we read it" before giving up with a 503. */
const createRounds = 5;

export class PgHandoffRepository implements HandoffRepository {
  constructor(private readonly database: PgDatabase) {}

  async createOrGetOpen(handoff: NewHandoff): Promise<{ handoff: Handoff; created: boolean }> {
    for (let round = 0; round < createRounds; round += 1) {
      const [inserted] = await this.database.rows<HandoffRow>(
        `INSERT INTO handoffs (id, conversation_key, channel_id, conversation_id, dealer, reason, transcript, facts, case_vin, status, created_at, initiate_activity)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'waiting', $10, $11)
         ON CONFLICT (conversation_key) WHERE status <> 'ended' DO NOTHING
         RETURNING ${handoffColumns}`,
        newHandoffValues(handoff),
      );
      if (inserted) return { handoff: handoffOf(inserted), created: true };
      // The conversation has an open handoff (perhaps another instance's, committed while we waited): that one stands.
      const open = await this.findOpen(handoff.conversationKey);
      if (open) return { handoff: open, created: false };
    }
    throw new StorageUnavailableError('storage_unavailable', storageMessages.unavailable);
  }

  async get(id: string): Promise<Handoff | undefined> {
    const [row] = await this.database.rows<HandoffRow>(`SELECT ${handoffColumns} FROM handoffs WHERE id = $1`, [id]);
    return row && handoffOf(row);
  }

  async findOpen(conversationKey: string): Promise<Handoff | undefined> {
    const [row] = await this.database.rows<HandoffRow>(`SELECT ${handoffColumns} FROM handoffs WHERE conversation_key = $1 AND status <> 'ended'`, [
      conversationKey,
    ]);
    return row && handoffOf(row);
  }

  async list(statuses: readonly HandoffStatus[], limit: number): Promise<Handoff[]> {
    const wanted = statuses.length === 0 ? handoffStatuses : statuses;
    const found: Handoff[] = [];
    for (const status of wanted) {
      // created_order (migration 4) breaks ties as SQLite's rowid does: the later insert first.
      const rows = await this.database.rows<HandoffRow>(
        `SELECT ${handoffColumns} FROM handoffs WHERE status = $1 ORDER BY created_at DESC, created_order DESC LIMIT $2`,
        [status, limit],
      );
      found.push(...rows.map(handoffOf));
    }
    return found;
  }

  async countByStatus(): Promise<Record<HandoffStatus, number>> {
    const counts: Record<HandoffStatus, number> = { waiting: 0, active: 0, ended: 0 };
    for (const row of await this.database.rows<{ status: string; count: number }>('SELECT status, COUNT(*) AS count FROM handoffs GROUP BY status')) {
      const status = handoffStatusSchema.safeParse(row.status);
      if (status.success) counts[status.data] = row.count;
    }
    return counts;
  }

  async transition(id: string, from: HandoffStatus, to: HandoffStatus, fields: { agent?: Actor; at: string; endedBy?: Actor }): Promise<boolean> {
    // READ COMMITTED re-checks `status = from` on the newest row after waiting for a concurrent update.
    const moved = await this.database.rows<{ id: string }>(
      `UPDATE handoffs SET status = $3::text,
         agent = COALESCE($4::text, agent),
         taken_at = CASE WHEN $3::text = 'active' THEN $5::text ELSE taken_at END,
         ended_at = CASE WHEN $3::text = 'ended' THEN $5::text ELSE ended_at END,
         ended_by = COALESCE($6::text, ended_by)
       WHERE id = $1 AND status = $2
       RETURNING id`,
      [id, from, to, fields.agent ? JSON.stringify(fields.agent) : null, fields.at, fields.endedBy ? JSON.stringify(fields.endedBy) : null],
    );
    return moved.length === 1;
  }

  async addMessage(message: NewHandoffMessage): Promise<HandoffMessage | undefined> {
    const [row] = await this.database.rows<{ id: number }>(
      `INSERT INTO handoff_messages (handoff_id, role, author, text, source_id, delivery, at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (handoff_id, source_id) WHERE source_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        message.handoffId,
        message.role,
        message.author === null ? null : JSON.stringify(message.author),
        message.text,
        message.sourceId,
        message.delivery,
        message.at,
      ],
    );
    if (!row) return undefined;
    return {
      id: row.id,
      handoffId: message.handoffId,
      role: message.role,
      author: message.author,
      text: message.text,
      delivery: message.delivery,
      at: message.at,
    };
  }

  async setDelivery(messageId: number, delivery: HandoffMessage['delivery']): Promise<void> {
    await this.database.rows('UPDATE handoff_messages SET delivery = $1 WHERE id = $2', [delivery, messageId]);
  }

  async messages(handoffId: string, afterId = 0): Promise<HandoffMessage[]> {
    const rows = await this.database.rows<MessageRow>(
      `SELECT ${messageColumns} FROM handoff_messages WHERE handoff_id = $1 AND id > $2 ORDER BY id LIMIT 500`,
      [handoffId, afterId],
    );
    return rows.map(messageOf);
  }
}
