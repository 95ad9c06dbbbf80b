import { ConflictError } from '../errors.ts';
import { type DealerUserRow, type LinkCodeRow, toDealerUser, userColumns } from './dealer-user-rows.ts';
import type { ChatIdentity, DealerUser } from '../identity/dealer-user.ts';
import type { DealerUserRepository, PendingLinkCode } from '../identity/dealer-user-repository.ts';
import type { Database } from './database.ts';
import { guardStorage } from './storage-failure.ts';

export class SqliteDealerUserRepository implements DealerUserRepository {
  private readonly selectByIdentity;
  private readonly selectByDealer;
  private readonly insertUser;
  private readonly deleteUserById;
  private readonly deleteUser;
  private readonly upsertCode;
  private readonly selectCode;
  private readonly bumpAttempts;
  private readonly deleteCodeRow;
  private readonly insertSend;
  private readonly countSends;
  private readonly pruneSends;
  private readonly linkAtomically;
  private readonly saveCodeAtomically;
  private readonly useCodeAtomically;

  constructor(database: Database) {
    this.selectByIdentity = database.prepare<[string, string], DealerUserRow>(`SELECT ${userColumns} FROM dealer_users WHERE kind = ? AND external_id = ?`);
    this.selectByDealer = database.prepare<[string], DealerUserRow>(`SELECT ${userColumns} FROM dealer_users WHERE dealer_id = ? ORDER BY created_at, id`);
    this.insertUser = database.prepare<[string, string, string, string, string, string, string | null]>(
      `INSERT INTO dealer_users (${userColumns}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.deleteUserById = database.prepare<[string]>('DELETE FROM dealer_users WHERE id = ?');
    this.deleteUser = database.prepare<[string, string]>('DELETE FROM dealer_users WHERE dealer_id = ? AND id = ?');
    this.upsertCode = database.prepare<[string, string, string | null, string, string, string]>(
      `INSERT INTO link_codes (conversation_key, phone, dealer_id, code_hash, created_at, expires_at, attempts) VALUES (?, ?, ?, ?, ?, ?, 0)
       ON CONFLICT(conversation_key) DO UPDATE SET phone = excluded.phone, dealer_id = excluded.dealer_id, code_hash = excluded.code_hash,
         created_at = excluded.created_at, expires_at = excluded.expires_at, attempts = 0`,
    );
    this.selectCode = database.prepare<[string], LinkCodeRow>(
      'SELECT conversation_key, phone, dealer_id, code_hash, created_at, expires_at, attempts FROM link_codes WHERE conversation_key = ?',
    );
    this.bumpAttempts = database.prepare<[string], { attempts: number }>(
      'UPDATE link_codes SET attempts = attempts + 1 WHERE conversation_key = ? RETURNING attempts',
    );
    this.deleteCodeRow = database.prepare<[string]>('DELETE FROM link_codes WHERE conversation_key = ?');
    this.insertSend = database.prepare<[string, string]>('INSERT INTO link_code_sends (phone, sent_at) VALUES (?, ?)');
    this.countSends = database.prepare<[string, string], { count: number }>('SELECT COUNT(*) AS count FROM link_code_sends WHERE phone = ? AND sent_at >= ?');
    this.pruneSends = database.prepare<[string]>('DELETE FROM link_code_sends WHERE sent_at < ?');

    // IMMEDIATE: each reads before it writes (see sqlite-dealer-repository.ts).
    this.linkAtomically = database.transaction((user: DealerUser, field: string, now: string): { user: DealerUser; created: boolean } => {
      const existing = this.selectByIdentity.get(user.kind, user.externalId);
      if (existing) {
        const expired = existing.expires_at !== null && existing.expires_at <= now;
        if (!expired && existing.dealer_id === user.dealerId) return { user: toDealerUser(existing), created: false };
        if (!expired) throw new ConflictError('This identity is already linked to another dealer.', field, 'identity_taken');
        this.deleteUserById.run(existing.id);
      }
      this.insertUser.run(user.id, user.dealerId, user.kind, user.externalId, user.linkedBy, user.createdAt, user.expiresAt);
      return { user, created: true };
    }).immediate;
    this.saveCodeAtomically = database.transaction((code: PendingLinkCode, texted: boolean): void => {
      this.upsertCode.run(code.conversationKey, code.phone, code.dealerId, code.codeHash, code.createdAt, code.expiresAt);
      if (texted) this.insertSend.run(code.phone, code.createdAt);
      // Sends older than a day count for nothing any more.
      this.pruneSends.run(new Date(Date.parse(code.createdAt) - 24 * 3600 * 1000).toISOString());
    }).immediate;
    this.useCodeAtomically = database.transaction((conversationKey: string, user: DealerUser, now: string): { used: boolean; user?: DealerUser } => {
      if (this.deleteCodeRow.run(conversationKey).changes !== 1) return { used: false };
      return { used: true, user: this.linkAtomically(user, 'code', now).user };
    }).immediate;
  }

  async link(user: DealerUser, field: string, now: string): Promise<{ user: DealerUser; created: boolean }> {
    return guardStorage(() => this.linkAtomically(user, field, now));
  }

  async findByIdentity(identity: ChatIdentity, now: string): Promise<DealerUser | undefined> {
    return guardStorage(() => {
      const row = this.selectByIdentity.get(identity.kind, identity.externalId);
      if (!row || (row.expires_at !== null && row.expires_at <= now)) return undefined;
      return toDealerUser(row);
    });
  }

  async listByDealer(dealerId: string): Promise<DealerUser[]> {
    return guardStorage(() => this.selectByDealer.all(dealerId).map(toDealerUser));
  }

  async remove(dealerId: string, userId: string): Promise<boolean> {
    return guardStorage(() => this.deleteUser.run(dealerId, userId).changes === 1);
  }

  async savePendingCode(code: PendingLinkCode, texted: boolean): Promise<void> {
    guardStorage(() => this.saveCodeAtomically(code, texted));
  }

  async pendingCode(conversationKey: string): Promise<PendingLinkCode | undefined> {
    return guardStorage(() => {
      const row = this.selectCode.get(conversationKey);
      return row
        ? {
            conversationKey: row.conversation_key,
            phone: row.phone,
            dealerId: row.dealer_id,
            codeHash: row.code_hash,
            createdAt: row.created_at,
            expiresAt: row.expires_at,
            attempts: row.attempts,
          }
        : undefined;
    });
  }

  async countFailedAttempt(conversationKey: string): Promise<number> {
    return guardStorage(() => this.bumpAttempts.get(conversationKey)?.attempts ?? Number.POSITIVE_INFINITY);
  }

  async deleteCode(conversationKey: string): Promise<void> {
    guardStorage(() => this.deleteCodeRow.run(conversationKey));
  }

  async sendsSince(phone: string, since: string): Promise<number> {
    return guardStorage(() => this.countSends.get(phone, since)?.count ?? 0);
  }

  async useCodeAndLink(conversationKey: string, user: DealerUser, now: string): Promise<{ used: boolean; user?: DealerUser }> {
    return guardStorage(() => this.useCodeAtomically(conversationKey, user, now));
  }
}
