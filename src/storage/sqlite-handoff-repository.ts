import type { Actor } from '../domain/actor.ts';
import { handoffStatuses, handoffStatusSchema, type Handoff, type HandoffMessage, type HandoffStatus } from '../handoffs/handoff.ts';
import type { HandoffRepository, NewHandoff, NewHandoffMessage } from '../handoffs/handoff-repository.ts';
import type { Database } from './database.ts';
import { isUniqueViolation } from './sqlite-errors.ts';
import { guardStorage, toStorageFailure } from './storage-failure.ts';
import {
  handoffColumns,
  handoffOf,
  messageColumns,
  messageOf,
  type HandoffRow,
  type MessageRow,
  newHandoffValues,
  type NewHandoffValues,
} from './handoff-rows.ts';

export class SqliteHandoffRepository implements HandoffRepository {
  private readonly insertHandoff;
  private readonly selectById;
  private readonly selectOpen;
  private readonly selectByStatus;
  private readonly selectCounts;
  private readonly updateStatus;
  private readonly insertMessage;
  private readonly updateDelivery;
  private readonly selectMessages;
  private readonly createAtomically;

  constructor(database: Database) {
    this.insertHandoff = database.prepare<NewHandoffValues>(
      `INSERT INTO handoffs (id, conversation_key, channel_id, conversation_id, dealer, reason, transcript, facts, case_vin, status, created_at, initiate_activity)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?)`,
    );
    this.selectById = database.prepare<[string], HandoffRow>(`SELECT ${handoffColumns} FROM handoffs WHERE id = ?`);
    this.selectOpen = database.prepare<[string], HandoffRow>(`SELECT ${handoffColumns} FROM handoffs WHERE conversation_key = ? AND status <> 'ended'`);
    this.selectByStatus = database.prepare<[string, number], HandoffRow>(
      `SELECT ${handoffColumns} FROM handoffs WHERE status = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`,
    );
    this.selectCounts = database.prepare<[], { status: string; count: number }>('SELECT status, COUNT(*) AS count FROM handoffs GROUP BY status');
    this.updateStatus = database.prepare<{ id: string; from: string; to: string; agent: string | null; at: string; endedBy: string | null }>(
      `UPDATE handoffs SET status = @to,
         agent = COALESCE(@agent, agent),
         taken_at = CASE WHEN @to = 'active' THEN @at ELSE taken_at END,
         ended_at = CASE WHEN @to = 'ended' THEN @at ELSE ended_at END,
         ended_by = COALESCE(@endedBy, ended_by)
       WHERE id = @id AND status = @from`,
    );
    this.insertMessage = database.prepare<[string, string, string | null, string, string | null, string, string]>(
      'INSERT OR IGNORE INTO handoff_messages (handoff_id, role, author, text, source_id, delivery, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateDelivery = database.prepare<[string, number]>('UPDATE handoff_messages SET delivery = ? WHERE id = ?');
    this.selectMessages = database.prepare<[string, number], MessageRow>(
      `SELECT ${messageColumns} FROM handoff_messages WHERE handoff_id = ? AND id > ? ORDER BY id LIMIT 500`,
    );
    this.createAtomically = database.transaction((handoff: NewHandoff): { row: HandoffRow; created: boolean } => {
      const open = this.selectOpen.get(handoff.conversationKey);
      if (open) return { row: open, created: false };
      this.insertHandoff.run(...newHandoffValues(handoff));
      const row = this.selectById.get(handoff.id);
      if (!row) throw new Error('the handoff just written is not there');
      return { row, created: true };
    }).immediate;
  }

  async createOrGetOpen(handoff: NewHandoff): Promise<{ handoff: Handoff; created: boolean }> {
    try {
      const { row, created } = this.createAtomically(handoff);
      return { handoff: handoffOf(row), created };
    } catch (error) {
      // Another process opened one for the conversation between our read and write: that one stands.
      if (isUniqueViolation(error)) {
        const open = guardStorage(() => this.selectOpen.get(handoff.conversationKey));
        if (open) return { handoff: handoffOf(open), created: false };
      }
      throw toStorageFailure(error);
    }
  }

  async get(id: string): Promise<Handoff | undefined> {
    const row = guardStorage(() => this.selectById.get(id));
    return row && handoffOf(row);
  }

  async findOpen(conversationKey: string): Promise<Handoff | undefined> {
    const row = guardStorage(() => this.selectOpen.get(conversationKey));
    return row && handoffOf(row);
  }

  async list(statuses: readonly HandoffStatus[], limit: number): Promise<Handoff[]> {
    const wanted = statuses.length === 0 ? handoffStatuses : statuses;
    return guardStorage(() => wanted.flatMap((status) => this.selectByStatus.all(status, limit)).map(handoffOf));
  }

  async countByStatus(): Promise<Record<HandoffStatus, number>> {
    const counts: Record<HandoffStatus, number> = { waiting: 0, active: 0, ended: 0 };
    for (const row of guardStorage(() => this.selectCounts.all())) {
      const status = handoffStatusSchema.safeParse(row.status);
      if (status.success) counts[status.data] = row.count;
    }
    return counts;
  }

  async transition(id: string, from: HandoffStatus, to: HandoffStatus, fields: { agent?: Actor; at: string; endedBy?: Actor }): Promise<boolean> {
    const result = guardStorage(() =>
      this.updateStatus.run({
        id,
        from,
        to,
        agent: fields.agent ? JSON.stringify(fields.agent) : null,
        at: fields.at,
        endedBy: fields.endedBy ? JSON.stringify(fields.endedBy) : null,
      }),
    );
    return result.changes === 1;
  }

  async addMessage(message: NewHandoffMessage): Promise<HandoffMessage | undefined> {
    const result = guardStorage(() =>
      this.insertMessage.run(
        message.handoffId,
        message.role,
        message.author === null ? null : JSON.stringify(message.author),
        message.text,
        message.sourceId,
        message.delivery,
        message.at,
      ),
    );
    if (result.changes !== 1) return undefined;
    return {
      id: Number(result.lastInsertRowid),
      handoffId: message.handoffId,
      role: message.role,
      author: message.author,
      text: message.text,
      delivery: message.delivery,
      at: message.at,
    };
  }

  async setDelivery(messageId: number, delivery: HandoffMessage['delivery']): Promise<void> {
    guardStorage(() => this.updateDelivery.run(delivery, messageId));
  }

  async messages(handoffId: string, afterId = 0): Promise<HandoffMessage[]> {
    return guardStorage(() => this.selectMessages.all(handoffId, afterId)).map(messageOf);
  }
}
