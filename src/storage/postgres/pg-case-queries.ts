import type { CaseQueries } from '../../cases/case-finder.ts';
import type { PgDatabase } from './pg-database.ts';

/**
 * PostgreSQL twin of SqliteCaseQueries: the console's searches and queues, as case ids, in the same
 * order. The queues ride return_cases_open_by_deadline and case_events_by_type_at, as in SQLite.
 */
export class PgCaseQueries implements CaseQueries {
  constructor(private readonly database: PgDatabase) {}

  /**
   * Any part of the name, ignoring case. SQLite's LIKE ignores the case of ASCII letters only; ILIKE on
   * the name's "C" collation does the same (non-ASCII letters match only as written). "\" escapes the
   * wildcards a name may contain.
   */
  async dealerIdsByName(fragment: string, limit: number): Promise<string[]> {
    const pattern = `%${fragment.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    const rows = await this.database.rows<{ id: string }>("SELECT id FROM dealers WHERE name ILIKE $1 ESCAPE '\\' ORDER BY name, id LIMIT $2", [
      pattern,
      limit,
    ]);
    return rows.map((row) => row.id);
  }

  async caseIdsForDealers(dealerIds: readonly string[], limit: number): Promise<number[]> {
    if (dealerIds.length === 0) return [];
    const rows = await this.database.rows<{ id: number }>('SELECT id FROM return_cases WHERE dealer_id = ANY($1::text[]) ORDER BY id DESC LIMIT $2', [
      dealerIds,
      limit,
    ]);
    return rows.map((row) => row.id);
  }

  async overdueCaseIds(now: string, limit: number): Promise<number[]> {
    const rows = await this.database.rows<{ id: number }>(
      'SELECT id FROM return_cases WHERE closed_at IS NULL AND next_deadline IS NOT NULL AND next_deadline < $1 ORDER BY next_deadline, id LIMIT $2',
      [now, limit],
    );
    return rows.map((row) => row.id);
  }

  async overdueCount(now: string): Promise<number> {
    const [row] = await this.database.rows<{ n: number }>(
      'SELECT count(*) AS n FROM return_cases WHERE closed_at IS NULL AND next_deadline IS NOT NULL AND next_deadline < $1',
      [now],
    );
    return row?.n ?? 0;
  }

  /** The page and the total in one statement, so both come from one snapshot (count(*) OVER () is taken before LIMIT). */
  async openCasesWithDeadlineBetween(from: string, to: string, states: readonly string[], limit: number): Promise<{ ids: number[]; count: number }> {
    if (states.length === 0) return { ids: [], count: 0 };
    const rows = await this.database.rows<{ id: number; n: number }>(
      `SELECT id, count(*) OVER () AS n FROM return_cases
       WHERE closed_at IS NULL AND next_deadline >= $1 AND next_deadline <= $2 AND state = ANY($3::text[])
       ORDER BY next_deadline, id LIMIT $4`,
      [from, to, states, limit],
    );
    return { ids: rows.map((row) => row.id), count: rows[0]?.n ?? 0 };
  }

  /**
   * PostgreSQL refuses SQLite's DISTINCT with an ORDER BY on a column it does not select: a case is listed
   * once, at its earliest notification in the window (a case is normally notified once).
   */
  async openDealerPurchasesNotifiedSince(since: string, limit: number): Promise<number[]> {
    const rows = await this.database.rows<{ id: number }>(
      `SELECT c.id FROM case_events e JOIN return_cases c ON c.id = e.case_id
       WHERE e.type = 'notified' AND e.at >= $1 AND c.closed_at IS NULL
         AND c.intent IN ('dealerPurchaseForLessee', 'dealerPurchaseForInventory') AND c.stage = 'notified'
       GROUP BY c.id ORDER BY min(e.at), c.id LIMIT $2`,
      [since, limit],
    );
    return rows.map((row) => row.id);
  }
}
