import type { SmsMessage, SmsRepository } from '../repositories.ts';
import type { PgDatabase } from './pg-database.ts';

/** PostgreSQL twin of SqliteSmsRepository: a MessageSid is answered once, whichever instance Twilio reaches. */
export class PgSmsRepository implements SmsRepository {
  constructor(private readonly database: PgDatabase) {}

  async recordAnswer(message: SmsMessage, reply: string | null, optOut?: { optedOut: boolean }): Promise<boolean> {
    const insertMessage = `INSERT INTO sms_messages (message_sid, from_phone, body, received_at, reply) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (message_sid) DO NOTHING RETURNING message_sid`;
    if (!optOut) {
      // One statement is its own transaction: one round trip instead of three (BEGIN, INSERT, COMMIT) on
      // every text that changes no opt-out, which is nearly all of them.
      const inserted = await this.database.rows(insertMessage, [message.messageSid, message.from, message.body, message.receivedAt, reply]);
      return inserted.length === 1;
    }
    return this.database.transaction(async (client) => {
      // A redelivery racing the first delivery on another instance waits for its insert, then inserts
      // nothing: exactly one of them sees a row come back, and only that one changes the opt-out.
      const inserted = await client.query(insertMessage, [message.messageSid, message.from, message.body, message.receivedAt, reply]);
      if (inserted.rowCount !== 1) return false;
      await client.query(
        `INSERT INTO sms_opt_outs (phone, opted_out, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (phone) DO UPDATE SET opted_out = excluded.opted_out, updated_at = excluded.updated_at`,
        [message.from, optOut.optedOut ? 1 : 0, message.receivedAt],
      );
      return true;
    });
  }

  async isOptedOut(phone: string): Promise<boolean> {
    const [row] = await this.database.rows<{ opted_out: number }>('SELECT opted_out FROM sms_opt_outs WHERE phone = $1', [phone]);
    return row?.opted_out === 1;
  }
}
