/**
 * The schema, as numbered migrations applied in order at start-up. Never edit a migration that has
 * shipped: add the next number.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'state documents',
    sql: `
      -- JSON documents with an eTag, for conversation and user state (see state-store.ts).
      CREATE TABLE state_documents (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        etag INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
    `,
  },
];
