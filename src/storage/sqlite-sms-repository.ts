import type { Database } from './database.ts';
import type { SmsMessage, SmsRepository } from './repositories.ts';
import { guardStorage } from './storage-failure.ts';

export class SqliteSmsRepository implements SmsRepository {
  private readonly insertMessage;
  private readonly selectOptOut;
  private readonly upsertOptOut;
  private readonly recordAnswerAtomically;

  constructor(database: Database) {
    this.insertMessage = database.prepare<[string, string, string, string, string | null]>(
      'INSERT OR IGNORE INTO sms_messages (message_sid, from_phone, body, received_at, reply) VALUES (?, ?, ?, ?, ?)',
    );
    this.selectOptOut = database.prepare<[string], { opted_out: number }>('SELECT opted_out FROM sms_opt_outs WHERE phone = ?');
    this.upsertOptOut = database.prepare<[string, number, string]>(
      'INSERT INTO sms_opt_outs (phone, opted_out, updated_at) VALUES (?, ?, ?) ON CONFLICT(phone) DO UPDATE SET opted_out = excluded.opted_out, updated_at = excluded.updated_at',
    );
    // Built once, not per message: better-sqlite3's transaction() builds four wrapper functions each time it is called.
    // IMMEDIATE like every writing transaction here: the write lock is taken (waiting up to busy_timeout)
    // before anything is read, so another connection writing never fails this one half-way.
    this.recordAnswerAtomically = database.transaction((message: SmsMessage, reply: string | null, optOut: { optedOut: boolean } | undefined): boolean => {
      const inserted = this.insertMessage.run(message.messageSid, message.from, message.body, message.receivedAt, reply).changes === 1;
      if (inserted && optOut) this.upsertOptOut.run(message.from, optOut.optedOut ? 1 : 0, message.receivedAt);
      return inserted;
    }).immediate;
  }

  async recordAnswer(message: SmsMessage, reply: string | null, optOut?: { optedOut: boolean }): Promise<boolean> {
    return guardStorage(() => this.recordAnswerAtomically(message, reply, optOut));
  }

  async isOptedOut(phone: string): Promise<boolean> {
    return guardStorage(() => this.selectOptOut.get(phone)?.opted_out === 1);
  }
}
