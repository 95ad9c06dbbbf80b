import type { OpenedStorage } from '../../src/storage/open-storage.ts';

/**
 * Raw SQL on whichever engine an app under test runs (SQLite or PostgreSQL), for tests that check what
 * was stored or must break the database on purpose. Placeholders are PostgreSQL's ($1, $2, ...).
 */
export async function sqlOn(storage: OpenedStorage, text: string, values: readonly unknown[] = []): Promise<Record<string, unknown>[]> {
  if (storage.kind === 'postgresql') return storage.database.rows(text, values);
  const statement = storage.database.prepare(text.replace(/\$\d+/g, '?'));
  if (statement.reader) return statement.all(...(values as unknown[])) as Record<string, unknown>[];
  statement.run(...(values as unknown[]));
  return [];
}

/** `SELECT count(*)` on either engine, as a number. */
export async function countOn(storage: OpenedStorage, text: string, values: readonly unknown[] = []): Promise<number> {
  const [row] = await sqlOn(storage, text, values);
  return Number(row ? Object.values(row)[0] : Number.NaN);
}

/** The application's tables (not the engine's own). */
export async function tablesOf(storage: OpenedStorage): Promise<string[]> {
  const rows =
    storage.kind === 'postgresql'
      ? await sqlOn(storage, "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
      : await sqlOn(storage, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  return rows.map((row) => String(row.name)).sort();
}

/**
 * Makes every insert into `table` that matches `condition` (SQL over NEW, e.g. "NEW.type = 'inspected'")
 * fail inside its transaction, as a disk failing half-way would; returns what removes it again.
 */
export async function failInserts(storage: OpenedStorage, table: string, condition = 'true'): Promise<() => Promise<void>> {
  const name = `test_fail_${table}`;
  if (storage.kind === 'postgresql') {
    await storage.database.rows(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated disk failure'; END $$`);
    await storage.database.rows(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table} FOR EACH ROW WHEN (${condition}) EXECUTE FUNCTION ${name}()`);
    return async () => {
      await storage.database.rows(`DROP TRIGGER ${name} ON ${table}`);
      await storage.database.rows(`DROP FUNCTION ${name}()`);
    };
  }
  const when = condition === 'true' ? '' : ` WHEN ${condition}`;
  storage.database.exec(`CREATE TRIGGER ${name} BEFORE INSERT ON ${table}${when} BEGIN SELECT RAISE(ABORT, 'simulated disk failure'); END;`);
  return async () => {
    storage.database.exec(`DROP TRIGGER ${name}`);
  };
}
