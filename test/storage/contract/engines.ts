import { rmSync } from 'node:fs';
import { openDatabase, type Database } from '../../../src/storage/database.ts';
import { openPostgres, type PgDatabase } from '../../../src/storage/postgres/pg-database.ts';
import { freshPostgresDatabase, requirePostgres } from '../../support/postgres-cluster.ts';
import { makeTempDir } from '../../support/test-app.ts';

/**
 * The storage contract: one suite, run against both engines. `forEachEngine` declares the suite twice,
 * `[sqlite]` and `[postgresql]`, each on its own fresh database (a temp DATA_DIR, or a new database in
 * the test process's throwaway cluster), and hands the body a way to build the implementation under test
 * for that engine: `engine().build({ sqlite: (db) => new SqliteX(db), postgresql: (db) => new PgX(db) })`.
 * Without PostgreSQL binaries the `[postgresql]` half skips with the reason (and fails under CI).
 */
export type EngineKind = 'sqlite' | 'postgresql';

export interface EngineFixture {
  readonly kind: EngineKind;
  build<T>(factories: { sqlite: (database: Database) => T; postgresql: (database: PgDatabase) => T }): T;
  /** Raw SQL on the engine under test, for setting up rows the interfaces cannot write (use sparingly). */
  sql(text: string, values?: readonly unknown[]): Promise<Record<string, unknown>[]>;
}

export const engineKinds: readonly EngineKind[] = ['sqlite', 'postgresql'];

async function openFixture(kind: EngineKind): Promise<{ fixture: EngineFixture; close: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const dataDir = makeTempDir('lra-contract-');
    const database = openDatabase(dataDir);
    return {
      fixture: {
        kind,
        build: (factories) => factories.sqlite(database),
        async sql(text, values = []) {
          const statement = database.prepare(text.replace(/\$\d+/g, '?'));
          if (statement.reader) return statement.all(...(values as unknown[])) as Record<string, unknown>[];
          statement.run(...(values as unknown[]));
          return [];
        },
      },
      async close() {
        database.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const database = await openPostgres(await freshPostgresDatabase('contract'), { poolSize: 8 });
  return {
    fixture: {
      kind,
      build: (factories) => factories.postgresql(database),
      sql: (text, values = []) => database.rows(text, values),
    },
    close: () => database.close(),
  };
}

/** Declares `body` once per engine, each on a fresh database opened before its tests and closed after. */
export function forEachEngine(title: string, body: (engine: () => EngineFixture) => void): void {
  for (const kind of engineKinds) {
    describe(`${title} [${kind}]`, () => {
      let opened: { fixture: EngineFixture; close: () => Promise<void> } | undefined;
      before(async function () {
        this.timeout(60_000);
        if (kind === 'postgresql') requirePostgres(this);
        opened = await openFixture(kind);
      });
      after(async () => {
        await opened?.close();
      });
      body(() => {
        if (!opened) throw new Error(`the ${kind} fixture is not open`);
        return opened.fixture;
      });
    });
  }
}
