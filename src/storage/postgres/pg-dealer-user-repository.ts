import { ConflictError, StorageUnavailableError } from '../../errors.ts';
import { type DealerUserRow, type LinkCodeRow, toDealerUser, userColumns } from '../dealer-user-rows.ts';
import type { ChatIdentity, DealerUser } from '../../identity/dealer-user.ts';
import type { DealerUserRepository, PendingLinkCode } from '../../identity/dealer-user-repository.ts';
import { storageMessages } from '../storage-messages.ts';
import type { PgDatabase, PgQueryable } from './pg-database.ts';

/**
 * Dealer users and one-time link codes on PostgreSQL, with the behaviour of
 * sqlite-dealer-user-repository.ts. SQLite serializes each read-then-write with BEGIN IMMEDIATE; here the
 * identity's row is locked (SELECT … FOR UPDATE) and a first link is an INSERT … ON CONFLICT DO NOTHING, so
 * two instances linking one identity at once end as SQLite would: one creates it, the other finds it.
 * A code is used by deleting its row: of two instances, only the one whose DELETE removed it links.
 */

/** Rounds of "someone else linked it between our read and our insert" before giving up with a 503. */
const linkRounds = 5;

export class PgDealerUserRepository implements DealerUserRepository {
  constructor(private readonly database: PgDatabase) {}

  async link(user: DealerUser, field: string, now: string): Promise<{ user: DealerUser; created: boolean }> {
    return this.database.transaction((client) => linkIn(client, user, field, now));
  }

  async findByIdentity(identity: ChatIdentity, now: string): Promise<DealerUser | undefined> {
    const [row] = await this.database.rows<DealerUserRow>(`SELECT ${userColumns} FROM dealer_users WHERE kind = $1 AND external_id = $2`, [
      identity.kind,
      identity.externalId,
    ]);
    if (!row || (row.expires_at !== null && row.expires_at <= now)) return undefined;
    return toDealerUser(row);
  }

  async listByDealer(dealerId: string): Promise<DealerUser[]> {
    const rows = await this.database.rows<DealerUserRow>(`SELECT ${userColumns} FROM dealer_users WHERE dealer_id = $1 ORDER BY created_at, id`, [dealerId]);
    return rows.map(toDealerUser);
  }

  async remove(dealerId: string, userId: string): Promise<boolean> {
    const deleted = await this.database.rows<{ id: string }>('DELETE FROM dealer_users WHERE dealer_id = $1 AND id = $2 RETURNING id', [dealerId, userId]);
    return deleted.length === 1;
  }

  async savePendingCode(code: PendingLinkCode, texted: boolean): Promise<void> {
    await this.database.transaction(async (client) => {
      await client.query(
        `INSERT INTO link_codes (conversation_key, phone, dealer_id, code_hash, created_at, expires_at, attempts) VALUES ($1, $2, $3, $4, $5, $6, 0)
         ON CONFLICT (conversation_key) DO UPDATE SET phone = excluded.phone, dealer_id = excluded.dealer_id, code_hash = excluded.code_hash,
           created_at = excluded.created_at, expires_at = excluded.expires_at, attempts = 0`,
        [code.conversationKey, code.phone, code.dealerId, code.codeHash, code.createdAt, code.expiresAt],
      );
      if (texted) await client.query('INSERT INTO link_code_sends (phone, sent_at) VALUES ($1, $2)', [code.phone, code.createdAt]);
      // Sends older than a day count for nothing now.
      await client.query('DELETE FROM link_code_sends WHERE sent_at < $1', [new Date(Date.parse(code.createdAt) - 24 * 3600 * 1000).toISOString()]);
    });
  }

  async pendingCode(conversationKey: string): Promise<PendingLinkCode | undefined> {
    const [row] = await this.database.rows<LinkCodeRow>(
      'SELECT conversation_key, phone, dealer_id, code_hash, created_at, expires_at, attempts FROM link_codes WHERE conversation_key = $1',
      [conversationKey],
    );
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
  }

  async countFailedAttempt(conversationKey: string): Promise<number> {
    // One statement: two wrong guesses at once on two instances count as two.
    const [row] = await this.database.rows<{ attempts: number }>(
      'UPDATE link_codes SET attempts = attempts + 1 WHERE conversation_key = $1 RETURNING attempts',
      [conversationKey],
    );
    return row?.attempts ?? Number.POSITIVE_INFINITY;
  }

  async deleteCode(conversationKey: string): Promise<void> {
    await this.database.rows('DELETE FROM link_codes WHERE conversation_key = $1', [conversationKey]);
  }

  async sendsSince(phone: string, since: string): Promise<number> {
    const [row] = await this.database.rows<{ count: number }>('SELECT COUNT(*) AS count FROM link_code_sends WHERE phone = $1 AND sent_at >= $2', [
      phone,
      since,
    ]);
    return row?.count ?? 0;
  }

  async useCodeAndLink(conversationKey: string, user: DealerUser, now: string): Promise<{ used: boolean; user?: DealerUser }> {
    return this.database.transaction(async (client) => {
      const deleted = await client.query('DELETE FROM link_codes WHERE conversation_key = $1', [conversationKey]);
      if (deleted.rowCount !== 1) return { used: false };
      return { used: true, user: (await linkIn(client, user, 'code', now)).user };
    });
  }
}

/**
 * Links `user` inside the caller's transaction. The identity's row, when there is one, is locked before it
 * is judged; when there is none, the insert does nothing if another instance inserted it meanwhile, and the
 * next round finds and judges that row (READ COMMITTED: each statement sees what committed before it).
 */
async function linkIn(client: PgQueryable, user: DealerUser, field: string, now: string): Promise<{ user: DealerUser; created: boolean }> {
  for (let round = 0; round < linkRounds; round += 1) {
    const { rows } = await client.query<DealerUserRow>(`SELECT ${userColumns} FROM dealer_users WHERE kind = $1 AND external_id = $2 FOR UPDATE`, [
      user.kind,
      user.externalId,
    ]);
    const existing = rows[0];
    if (existing) {
      const expired = existing.expires_at !== null && existing.expires_at <= now;
      if (!expired && existing.dealer_id === user.dealerId) return { user: toDealerUser(existing), created: false };
      if (!expired) throw new ConflictError('This identity is already linked to another dealer.', field, 'identity_taken');
      await client.query('DELETE FROM dealer_users WHERE id = $1', [existing.id]);
    }
    const inserted = await client.query(
      `INSERT INTO dealer_users (${userColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (kind, external_id) DO NOTHING`,
      [user.id, user.dealerId, user.kind, user.externalId, user.linkedBy, user.createdAt, user.expiresAt],
    );
    if (inserted.rowCount === 1) return { user, created: true };
  }
  throw new StorageUnavailableError('storage_unavailable', storageMessages.unavailable);
}
