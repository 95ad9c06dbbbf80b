import { usStateCodeSchema } from '../domain/us-state-schema.ts';
import { parsePhoneNumber, type PhoneNumber } from '../domain/phone-number.ts';
import { ConflictError } from '../errors.ts';
import type { Database } from './database.ts';
import type { Dealer, DealerRepository } from './repositories.ts';
import { isUniqueViolation } from './sqlite-errors.ts';
import { guardStorage, toStorageFailure } from './storage-failure.ts';

interface DealerRow {
  id: string;
  name: string;
  state: string;
  created_at: string;
}

export class SqliteDealerRepository implements DealerRepository {
  private readonly selectDealer;
  private readonly selectPhones;
  private readonly selectByPhone;
  private readonly selectPhoneOwner;
  private readonly insertDealer;
  private readonly insertPhone;
  private readonly createAtomically;
  /**
   * Dealers are read on every text message (by phone, then by id) and never change once stored (there is
   * no update or delete), so what was read once is kept. Only found dealers are kept: a phone registered
   * later is seen at once. A future update or delete must clear these.
   */
  private readonly dealersById = new Map<string, Dealer>();
  private readonly dealerIdsByPhone = new Map<string, string>();

  constructor(database: Database) {
    this.selectDealer = database.prepare<[string], DealerRow>('SELECT id, name, state, created_at FROM dealers WHERE id = ?');
    this.selectPhones = database.prepare<[string], { phone: string }>('SELECT phone FROM dealer_phones WHERE dealer_id = ? ORDER BY position');
    this.selectByPhone = database.prepare<[string], DealerRow>(
      'SELECT d.id, d.name, d.state, d.created_at FROM dealer_phones p JOIN dealers d ON d.id = p.dealer_id WHERE p.phone = ?',
    );
    this.selectPhoneOwner = database.prepare<[string], { dealer_id: string }>('SELECT dealer_id FROM dealer_phones WHERE phone = ?');
    this.insertDealer = database.prepare<[string, string, string, string]>('INSERT INTO dealers (id, name, state, created_at) VALUES (?, ?, ?, ?)');
    this.insertPhone = database.prepare<[string, string, number]>('INSERT INTO dealer_phones (phone, dealer_id, position) VALUES (?, ?, ?)');
    // IMMEDIATE: it reads before it writes, and a deferred transaction that must upgrade its read lock while
    // another connection writes fails at once with SQLITE_BUSY (busy_timeout does not apply to an upgrade).
    this.createAtomically = database.transaction((dealer: Dealer): void => {
      if (this.selectDealer.get(dealer.id)) throw new ConflictError(`A dealer with id "${dealer.id}" already exists.`, 'id', 'dealer_exists');
      this.insertDealer.run(dealer.id, dealer.name, dealer.state, dealer.createdAt);
      dealer.phones.forEach((phone, position) => {
        const owner = this.selectPhoneOwner.get(phone);
        // Texts from a phone are scoped to one dealer's cases, so a phone cannot belong to two dealers.
        if (owner) throw new ConflictError(`${phone} is already registered to another dealer.`, 'phones', 'phone_taken');
        this.insertPhone.run(phone, dealer.id, position);
      });
    }).immediate;
  }

  async create(dealer: Dealer): Promise<void> {
    try {
      this.createAtomically(dealer);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A dealer with id "${dealer.id}" or one of its phones already exists.`, 'id', 'dealer_exists');
      throw toStorageFailure(error);
    }
  }

  async get(id: string): Promise<Dealer | undefined> {
    const known = this.dealersById.get(id);
    if (known) return known;
    return guardStorage(() => {
      const row = this.selectDealer.get(id);
      return row ? this.remember(this.toDealer(row)) : undefined;
    });
  }

  async findByPhone(phone: PhoneNumber): Promise<Dealer | undefined> {
    const knownId = this.dealerIdsByPhone.get(phone);
    const known = knownId === undefined ? undefined : this.dealersById.get(knownId);
    if (known) return known;
    return guardStorage(() => {
      const row = this.selectByPhone.get(phone);
      return row ? this.remember(this.toDealer(row)) : undefined;
    });
  }

  private remember(dealer: Dealer): Dealer {
    this.dealersById.set(dealer.id, dealer);
    for (const phone of dealer.phones) this.dealerIdsByPhone.set(phone, dealer.id);
    return dealer;
  }

  private toDealer(row: DealerRow): Dealer {
    const phones = this.selectPhones
      .all(row.id)
      .map((phoneRow) => parsePhoneNumber(phoneRow.phone))
      .filter((phone): phone is PhoneNumber => phone !== undefined);
    return { id: row.id, name: row.name, state: usStateCodeSchema.parse(row.state), phones, createdAt: row.created_at };
  }
}
