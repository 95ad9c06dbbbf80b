import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { ConflictError, StorageUnavailableError } from '../../src/errors.ts';
import { openDatabase, type Database } from '../../src/storage/database.ts';
import { SqliteStateStore } from '../../src/storage/sqlite-state-store.ts';
import type { ProcessedActivity } from '../../src/storage/state-store.ts';
import { makeTempDir } from '../support/test-app.ts';
import { holdWriteLock } from '../support/write-lock-holder.ts';

const processed = (activityId: string, conversationKey = 'emulator/c1'): ProcessedActivity => ({
  conversationKey,
  activityId,
  fingerprint: `said-${activityId}`,
  replies: [{ type: 'message', text: `reply to ${activityId}` }],
});

const adminWrite = "INSERT INTO state_documents (key, value, etag, updated_at) VALUES ('admin', '{}', 1, 'admin')";

const isConflict = (error: unknown): boolean => error instanceof ConflictError && error.code === 'etag_mismatch';

describe('SqliteStateStore', () => {
  let dataDir: string;
  let database: Database;
  let store: SqliteStateStore;
  beforeEach(() => {
    dataDir = makeTempDir();
    database = openDatabase(dataDir);
    store = new SqliteStateStore(database);
  });
  afterEach(() => {
    database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const storedValueOf = async (key: string): Promise<unknown> => (await store.read([key]))[key]?.value;

  describe('write()', () => {
    it('refuses a write whose base changed: created since (eTag null), moved on, or gone; and writes nothing of the batch', async () => {
      const eTags = await store.write([{ key: 'k', value: { n: 1 }, eTag: null }]);
      await assert.rejects(store.write([{ key: 'k', value: { n: 0 }, eTag: null }]), isConflict);
      const read = eTags.k ?? '';
      await store.write([{ key: 'k', value: { n: 2 }, eTag: read }]);
      await assert.rejects(
        store.write([
          { key: 'other', value: { x: 1 }, eTag: null },
          { key: 'k', value: { n: 3 }, eTag: read },
        ]),
        isConflict,
      );
      assert.deepEqual(await storedValueOf('k'), { n: 2 });
      assert.equal(await storedValueOf('other'), undefined, 'all writes or none');

      const current = (await store.read(['k'])).k?.eTag ?? '';
      await store.delete(['k']);
      await assert.rejects(store.write([{ key: 'k', value: { n: 4 }, eTag: current }]), isConflict);
      assert.equal(await storedValueOf('k'), undefined);
    });

    it('a document deleted and created again does not come back at a version a stale turn still holds', async () => {
      const old = (await store.write([{ key: 'k', value: { n: 1 }, eTag: null }])).k ?? '';
      await store.delete(['k']);
      await store.write([{ key: 'k', value: { n: 2 }, eTag: null }]);
      await assert.rejects(store.write([{ key: 'k', value: { n: 3 }, eTag: old }]), isConflict);
      assert.deepEqual(await storedValueOf('k'), { n: 2 });
    });

    it('records the processed activity with its replies in the same transaction: both or neither', async () => {
      await store.write([{ key: 'k', value: { step: 1 }, eTag: null }], processed('a1'));
      assert.deepEqual((await store.findProcessed('emulator/c1', 'a1'))?.replies, [{ type: 'message', text: 'reply to a1' }]);
      assert.equal(await store.findProcessed('emulator/other', 'a1'), undefined, 'ids are per conversation');

      await assert.rejects(store.write([{ key: 'k', value: { step: 2 }, eTag: null }], processed('a2')), isConflict);
      assert.equal(await store.findProcessed('emulator/c1', 'a2'), undefined, 'a refused turn is not recorded as processed');
      assert.deepEqual(await storedValueOf('k'), { step: 1 });
    });

    it('keeps the last records of each conversation and none older than a day', async () => {
      let now = new Date('2026-11-20T15:00:00Z');
      store = new SqliteStateStore(database, { processedPerConversation: 3, processedForMs: 24 * 60 * 60 * 1000, now: () => now });
      for (const id of ['a1', 'a2', 'a3', 'a4', 'a5']) await store.write([], processed(id));
      await store.write([], processed('b1', 'emulator/c2'));
      const kept = async (conversationKey: string, ids: string[]): Promise<string[]> =>
        (await Promise.all(ids.map(async (id) => ((await store.findProcessed(conversationKey, id)) ? id : undefined)))).filter((id) => id !== undefined);
      assert.deepEqual(await kept('emulator/c1', ['a1', 'a2', 'a3', 'a4', 'a5']), ['a3', 'a4', 'a5']);

      now = new Date('2026-11-21T15:00:01Z');
      await store.write([], processed('a6'));
      assert.deepEqual(await kept('emulator/c1', ['a3', 'a4', 'a5', 'a6']), ['a6']);
      assert.deepEqual(await kept('emulator/c2', ['b1']), [], 'other conversations expire too');
    });

    it('takes the write lock before it reads (BEGIN IMMEDIATE): waits for another writer instead of failing', async () => {
      const eTag = (await store.write([{ key: 'k', value: { n: 1 }, eTag: null }])).k ?? '';
      const { released } = await holdWriteLock(database.name, 300, adminWrite);
      const started = Date.now();
      // A deferred transaction would read the eTag from a snapshot the other writer then makes stale: SQLITE_BUSY.
      await store.write([{ key: 'k', value: { n: 2 }, eTag }]);
      await released;
      assert.ok(Date.now() - started >= 250, 'it waited for the other writer');
      assert.deepEqual(await storedValueOf('k'), { n: 2 });
    });
  });

  it('a full database: StorageUnavailableError storage_full, and nothing written', async () => {
    await store.write([{ key: 'k', value: { n: 1 }, eTag: null }]);
    const eTag = (await store.read(['k'])).k?.eTag ?? '';
    database.pragma(`max_page_count = ${Number(database.pragma('page_count', { simple: true }))}`);
    // A value larger than a page needs overflow pages the database may not grow by.
    const big = { n: 2, padding: 'x'.repeat(20_000) };
    await assert.rejects(
      store.write([{ key: 'k', value: big, eTag }], processed('a1')),
      (error: unknown) => error instanceof StorageUnavailableError && error.code === 'storage_full',
    );
    assert.deepEqual(await storedValueOf('k'), { n: 1 });
    assert.equal(await store.findProcessed('emulator/c1', 'a1'), undefined);
  });
});
