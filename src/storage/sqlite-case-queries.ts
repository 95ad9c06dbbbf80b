import type { CaseQueries } from '../cases/case-finder.ts';
import type { Database } from './database.ts';
import { guardStorage } from './storage-failure.ts';

/**
 * The console's searches and queues (issue 15), as case ids; the case repository loads the cases.
 * Each query rides an index: dealers by name is a scan of the (small) dealers table; the queues use
 * return_cases_open_by_deadline and case_events_by_type_at.
 */
export class SqliteCaseQueries implements CaseQueries {
  private readonly selectDealersByName;
  private readonly selectOverdue;
  private readonly countOverdue;
  private readonly selectNotifiedPurchases;

  constructor(private readonly database: Database) {
    // LIKE is case-insensitive for ASCII; "\" escapes the wildcards a name may contain.
    this.selectDealersByName = database.prepare<[string, number], { id: string }>(
      "SELECT id FROM dealers WHERE name LIKE ? ESCAPE '\\' ORDER BY name, id LIMIT ?",
    );
    this.selectOverdue = database.prepare<[string, number], { id: number }>(
      'SELECT id FROM return_cases WHERE closed_at IS NULL AND next_deadline IS NOT NULL AND next_deadline < ? ORDER BY next_deadline, id LIMIT ?',
    );
    this.countOverdue = database.prepare<[string], { n: number }>(
      'SELECT count(*) AS n FROM return_cases WHERE closed_at IS NULL AND next_deadline IS NOT NULL AND next_deadline < ?',
    );
    this.selectNotifiedPurchases = database.prepare<[string, number], { id: number }>(
      `SELECT DISTINCT c.id FROM case_events e JOIN return_cases c ON c.id = e.case_id
       WHERE e.type = 'notified' AND e.at >= ? AND c.closed_at IS NULL
         AND c.intent IN ('dealerPurchaseForLessee', 'dealerPurchaseForInventory') AND c.stage = 'notified'
       ORDER BY e.at LIMIT ?`,
    );
  }

  async dealerIdsByName(fragment: string, limit: number): Promise<string[]> {
    const pattern = `%${fragment.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
    return guardStorage(() => this.selectDealersByName.all(pattern, limit).map((row) => row.id));
  }

  async caseIdsForDealers(dealerIds: readonly string[], limit: number): Promise<number[]> {
    if (dealerIds.length === 0) return [];
    return guardStorage(() =>
      this.database
        .prepare<(string | number)[], { id: number }>(
          `SELECT id FROM return_cases WHERE dealer_id IN (${dealerIds.map(() => '?').join(',')}) ORDER BY id DESC LIMIT ?`,
        )
        .all(...dealerIds, limit)
        .map((row) => row.id),
    );
  }

  async overdueCaseIds(now: string, limit: number): Promise<number[]> {
    return guardStorage(() => this.selectOverdue.all(now, limit).map((row) => row.id));
  }

  async overdueCount(now: string): Promise<number> {
    return guardStorage(() => this.countOverdue.get(now)?.n ?? 0);
  }

  async openCasesWithDeadlineBetween(from: string, to: string, states: readonly string[], limit: number): Promise<{ ids: number[]; count: number }> {
    if (states.length === 0) return { ids: [], count: 0 };
    // "+state" keeps SQLite on the open-by-deadline index (the window is small; a zone's states are many).
    const where = `closed_at IS NULL AND next_deadline >= ? AND next_deadline <= ? AND +state IN (${states.map(() => '?').join(',')})`;
    return guardStorage(() => {
      const ids = this.database
        .prepare<(string | number)[], { id: number }>(`SELECT id FROM return_cases WHERE ${where} ORDER BY next_deadline, id LIMIT ?`)
        .all(from, to, ...states, limit)
        .map((row) => row.id);
      const count = this.database.prepare<string[], { n: number }>(`SELECT count(*) AS n FROM return_cases WHERE ${where}`).get(from, to, ...states)?.n ?? 0;
      return { ids, count };
    });
  }

  async openDealerPurchasesNotifiedSince(since: string, limit: number): Promise<number[]> {
    return guardStorage(() => this.selectNotifiedPurchases.all(since, limit).map((row) => row.id));
  }
}
