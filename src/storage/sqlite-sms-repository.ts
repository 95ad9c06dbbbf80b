import type { Database } from './database.ts';
import type { SmsMessage, SmsRepository } from './repositories.ts';

export class SqliteSmsRepository implements SmsRepository {
  private readonly insertMessage;
  private readonly deleteMessage;
  private readonly updateReply;
  private readonly selectOptOut;
  private readonly upsertOptOut;

  constructor(database: Database) {
    this.insertMessage = database.prepare<[string, string, string, string]>(
      'INSERT OR IGNORE INTO sms_messages (message_sid, from_phone, body, received_at) VALUES (?, ?, ?, ?)',
    );
    this.deleteMessage = database.prepare<[string]>('DELETE FROM sms_messages WHERE message_sid = ?');
    this.updateReply = database.prepare<[string, string]>('UPDATE sms_messages SET reply = ? WHERE message_sid = ?');
    this.selectOptOut = database.prepare<[string], { opted_out: number }>('SELECT opted_out FROM sms_opt_outs WHERE phone = ?');
    this.upsertOptOut = database.prepare<[string, number, string]>(
      'INSERT INTO sms_opt_outs (phone, opted_out, updated_at) VALUES (?, ?, ?) ON CONFLICT(phone) DO UPDATE SET opted_out = excluded.opted_out, updated_at = excluded.updated_at',
    );
  }

  async claim(message: SmsMessage): Promise<boolean> {
    return this.insertMessage.run(message.messageSid, message.from, message.body, message.receivedAt).changes === 1;
  }

  async release(messageSid: string): Promise<void> {
    this.deleteMessage.run(messageSid);
  }

  async recordReply(messageSid: string, reply: string): Promise<void> {
    this.updateReply.run(reply, messageSid);
  }

  async isOptedOut(phone: string): Promise<boolean> {
    return this.selectOptOut.get(phone)?.opted_out === 1;
  }

  async setOptedOut(phone: string, optedOut: boolean, at: string): Promise<void> {
    this.upsertOptOut.run(phone, optedOut ? 1 : 0, at);
  }
}
