import { parsePhoneNumber, type PhoneNumber } from '../../domain/phone-number.ts';
import { usStateCodeSchema } from '../../domain/us-state-schema.ts';
import { ConflictError } from '../../errors.ts';
import type { Dealer, DealerRepository } from '../repositories.ts';
import { isPgUniqueViolation, toPgStorageFailure, type PgDatabase } from './pg-database.ts';

interface DealerRow {
  id: string;
  name: string;
  state: string;
  created_at: string;
  phones: string[];
}

/** A dealer with its phones in their registered order, in one statement (one snapshot, one round trip). */
const dealerSelect = `SELECT d.id, d.name, d.state, d.created_at,
    COALESCE((SELECT array_agg(p.phone ORDER BY p.position) FROM dealer_phones p WHERE p.dealer_id = d.id), '{}') AS phones
  FROM dealers d`;

/** PostgreSQL twin of SqliteDealerRepository: same conflicts, same cache. */
export class PgDealerRepository implements DealerRepository {
  /**
   * Dealers are read on every text message (by phone, then by id) and never change once stored (there is
   * no update or delete), so what was read once is kept, per instance. Only found dealers are kept: a
   * phone registered later, by this instance or another, is seen at once. A future update or delete must
   * clear these (and tell the other instances).
   */
  private readonly dealersById = new Map<string, Dealer>();
  private readonly dealerIdsByPhone = new Map<string, string>();

  constructor(private readonly database: PgDatabase) {}

  async create(dealer: Dealer): Promise<void> {
    try {
      await this.database.transaction(async (client) => {
        // ON CONFLICT DO NOTHING waits for a concurrent insert of the same key and then reports nothing
        // inserted: two instances creating one dealer end with one dealer and one ConflictError.
        const inserted = await client.query(
          'INSERT INTO dealers (id, name, state, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id',
          [dealer.id, dealer.name, dealer.state, dealer.createdAt],
        );
        if (inserted.rowCount !== 1) throw new ConflictError(`A dealer with id "${dealer.id}" already exists.`, 'id', 'dealer_exists');
        for (const [position, phone] of dealer.phones.entries()) {
          const phoneInserted = await client.query(
            'INSERT INTO dealer_phones (phone, dealer_id, position) VALUES ($1, $2, $3) ON CONFLICT (phone) DO NOTHING RETURNING phone',
            [phone, dealer.id, position],
          );
          // Texts from a phone are scoped to one dealer's cases, so a phone cannot belong to two dealers.
          if (phoneInserted.rowCount !== 1) throw new ConflictError(`${phone} is already registered to another dealer.`, 'phones', 'phone_taken');
        }
      });
    } catch (error) {
      if (isPgUniqueViolation(error)) throw new ConflictError(`A dealer with id "${dealer.id}" or one of its phones already exists.`, 'id', 'dealer_exists');
      throw toPgStorageFailure(error);
    }
  }

  async get(id: string): Promise<Dealer | undefined> {
    const known = this.dealersById.get(id);
    if (known) return known;
    const [row] = await this.database.rows<DealerRow>(`${dealerSelect} WHERE d.id = $1`, [id]);
    return row ? this.remember(toDealer(row)) : undefined;
  }

  async findByPhone(phone: PhoneNumber): Promise<Dealer | undefined> {
    const knownId = this.dealerIdsByPhone.get(phone);
    const known = knownId === undefined ? undefined : this.dealersById.get(knownId);
    if (known) return known;
    const [row] = await this.database.rows<DealerRow>(`${dealerSelect} WHERE d.id = (SELECT dealer_id FROM dealer_phones WHERE phone = $1)`, [phone]);
    return row ? this.remember(toDealer(row)) : undefined;
  }

  private remember(dealer: Dealer): Dealer {
    this.dealersById.set(dealer.id, dealer);
    for (const phone of dealer.phones) this.dealerIdsByPhone.set(phone, dealer.id);
    return dealer;
  }
}

function toDealer(row: DealerRow): Dealer {
  const phones = row.phones.map((phone) => parsePhoneNumber(phone)).filter((phone): phone is PhoneNumber => phone !== undefined);
  return { id: row.id, name: row.name, state: usStateCodeSchema.parse(row.state), phones, createdAt: row.created_at };
}
