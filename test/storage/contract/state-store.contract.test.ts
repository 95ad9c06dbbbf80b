import assert from 'node:assert/strict';
import { ConflictError } from '../../../src/errors.ts';
import type { Database } from '../../../src/storage/database.ts';
import { openPostgres, type PgDatabase } from '../../../src/storage/postgres/pg-database.ts';
import { PgStateStore, type PgStateStoreOptions } from '../../../src/storage/postgres/pg-state-store.ts';
import { SqliteStateStore } from '../../../src/storage/sqlite-state-store.ts';
import type { ProcessedActivity, StateStore } from '../../../src/storage/state-store.ts';
import { freshPostgresDatabase } from '../../support/postgres-cluster.ts';
import { type EngineFixture, forEachEngine } from './engines.ts';

const processed = (activityId: string, conversationKey = 'emulator/c1'): ProcessedActivity => ({
  conversationKey,
  activityId,
  fingerprint: `said-${activityId}`,
  replies: [{ type: 'message', text: `reply to ${activityId}` }],
});

const conflictOn =
  (key: string) =>
  (error: unknown): boolean =>
    error instanceof ConflictError && error.code === 'etag_mismatch' && error.field === key;

forEachEngine('state store', (engine) => {
  const storeWith = (options: PgStateStoreOptions = {}): StateStore =>
    engine().build<StateStore>({ sqlite: (db) => new SqliteStateStore(db, options), postgresql: (db) => new PgStateStore(db, options) });
  const storedValueOf = async (store: StateStore, key: string): Promise<unknown> => (await store.read([key]))[key]?.value;

  it('reads back what it wrote, with the eTag the write returned, in the order asked; missing keys are absent', async () => {
    const store = storeWith();
    const eTags = await store.write([
      { key: 'read/a', value: { n: 1 }, eTag: null },
      { key: 'read/b', value: ['x', { deep: true }], eTag: null },
    ]);
    const read = await store.read(['read/b', 'read/missing', 'read/a']);
    assert.deepEqual(Object.keys(read), ['read/b', 'read/a']);
    // `json` is the stored text: what the write wrote out, so a reader can compare without writing it out again.
    assert.deepEqual(read['read/a'], { value: { n: 1 }, eTag: eTags['read/a'], json: '{"n":1}' });
    assert.deepEqual(read['read/b'], { value: ['x', { deep: true }], eTag: eTags['read/b'], json: '["x",{"deep":true}]' });
    assert.deepEqual(await store.read([]), {});
  });

  it('refuses a write whose base changed: created since (eTag null), moved on, or gone; and writes nothing of the batch', async () => {
    const store = storeWith();
    const eTags = await store.write([{ key: 'base/k', value: { n: 1 }, eTag: null }]);
    await assert.rejects(store.write([{ key: 'base/k', value: { n: 0 }, eTag: null }]), conflictOn('base/k'));
    const read = eTags['base/k'] ?? '';
    const next = await store.write([{ key: 'base/k', value: { n: 2 }, eTag: read }]);
    assert.notEqual(next['base/k'], read, 'a write moves the version on');
    await assert.rejects(
      store.write([
        { key: 'base/other', value: { x: 1 }, eTag: null },
        { key: 'base/k', value: { n: 3 }, eTag: read },
      ]),
      conflictOn('base/k'),
    );
    assert.deepEqual(await storedValueOf(store, 'base/k'), { n: 2 });
    assert.equal(await storedValueOf(store, 'base/other'), undefined, 'all writes or none');

    const current = (await store.read(['base/k']))['base/k']?.eTag ?? '';
    await store.delete(['base/k']);
    await assert.rejects(store.write([{ key: 'base/k', value: { n: 4 }, eTag: current }]), conflictOn('base/k'));
    assert.equal(await storedValueOf(store, 'base/k'), undefined);
  });

  it('an eTag is compared as the text it was given: one that names no stored version conflicts', async () => {
    const store = storeWith();
    await engine().sql("INSERT INTO state_documents (key, value, etag, updated_at) VALUES ('text/k', '{\"n\":1}', 7, 'setup')");
    for (const stale of ['007', '7.0', 'seven', '6']) {
      await assert.rejects(store.write([{ key: 'text/k', value: { n: 0 }, eTag: stale }]), conflictOn('text/k'), stale);
    }
    assert.deepEqual(await store.write([{ key: 'text/k', value: { n: 2 }, eTag: '7' }]), { 'text/k': '8' });
  });

  it("'*' or no eTag: the last write wins, creating the document or replacing it, and returns the version to build on", async () => {
    const store = storeWith();
    const created = await store.write([{ key: 'star/k', value: { n: 1 }, eTag: '*' }]);
    const replaced = await store.write([{ key: 'star/k', value: { n: 2 } }]);
    assert.notEqual(replaced['star/k'], created['star/k']);
    assert.deepEqual(await storedValueOf(store, 'star/k'), { n: 2 });
    await store.write([{ key: 'star/k', value: { n: 3 }, eTag: replaced['star/k'] ?? '' }]);
    await assert.rejects(store.write([{ key: 'star/k', value: { n: 4 }, eTag: replaced['star/k'] ?? '' }]), conflictOn('star/k'));
  });

  it('the same key twice in one batch: the second write is judged against the first', async () => {
    const store = storeWith();
    const eTag = (await store.write([{ key: 'twice/k', value: { n: 1 }, eTag: null }]))['twice/k'] ?? '';
    await assert.rejects(
      store.write([
        { key: 'twice/k', value: { n: 2 }, eTag },
        { key: 'twice/k', value: { n: 3 }, eTag },
      ]),
      conflictOn('twice/k'),
    );
    assert.deepEqual(await storedValueOf(store, 'twice/k'), { n: 1 }, 'the first write of the refused batch is rolled back too');
  });

  it('a document deleted and created again does not come back at a version a stale turn still holds', async () => {
    const store = storeWith();
    const old = (await store.write([{ key: 'again/k', value: { n: 1 }, eTag: null }]))['again/k'] ?? '';
    await store.delete(['again/k']);
    await store.write([{ key: 'again/k', value: { n: 2 }, eTag: null }]);
    await assert.rejects(store.write([{ key: 'again/k', value: { n: 3 }, eTag: old }]), conflictOn('again/k'));
    assert.deepEqual(await storedValueOf(store, 'again/k'), { n: 2 });
  });

  it('delete() removes every key given; deleteIfUnchanged() only a document still at that eTag', async () => {
    const store = storeWith();
    const eTags = await store.write([
      { key: 'del/a', value: 1, eTag: null },
      { key: 'del/b', value: 2, eTag: null },
      { key: 'del/c', value: 3, eTag: null },
    ]);
    await store.delete(['del/a', 'del/b', 'del/missing']);
    assert.deepEqual(Object.keys(await store.read(['del/a', 'del/b', 'del/c'])), ['del/c']);

    const stale = eTags['del/c'] ?? '';
    const current = (await store.write([{ key: 'del/c', value: 4, eTag: stale }]))['del/c'] ?? '';
    assert.equal(await store.deleteIfUnchanged('del/c', stale), false, 'a newer turn saved it');
    assert.equal(await store.deleteIfUnchanged('del/c', 'not-a-version'), false);
    assert.equal(await storedValueOf(store, 'del/c'), 4);
    assert.equal(await store.deleteIfUnchanged('del/c', current), true);
    assert.equal(await storedValueOf(store, 'del/c'), undefined);
    assert.equal(await store.deleteIfUnchanged('del/c', current), false, 'already gone');
  });

  it('records the processed activity with its replies in the same transaction: both or neither', async () => {
    const store = storeWith();
    await store.write([{ key: 'turn/k', value: { step: 1 }, eTag: null }], processed('a1', 'emulator/turn'));
    assert.deepEqual(await store.findProcessed('emulator/turn', 'a1'), processed('a1', 'emulator/turn'));
    assert.equal(await store.findProcessed('emulator/other', 'a1'), undefined, 'ids are per conversation');

    await assert.rejects(store.write([{ key: 'turn/k', value: { step: 2 }, eTag: null }], processed('a2', 'emulator/turn')), conflictOn('turn/k'));
    assert.equal(await store.findProcessed('emulator/turn', 'a2'), undefined, 'a refused turn is not recorded as processed');
    assert.deepEqual(await storedValueOf(store, 'turn/k'), { step: 1 });
  });

  it('an activity id reused with other content replaces the record', async () => {
    const store = storeWith();
    await store.write([], processed('r1', 'emulator/reuse'));
    const changed: ProcessedActivity = { ...processed('r1', 'emulator/reuse'), fingerprint: 'said-something-else', replies: [{ text: 'new' }] };
    await store.write([], changed);
    assert.deepEqual(await store.findProcessed('emulator/reuse', 'r1'), changed);
  });

  it('keeps the last records of each conversation and none older than a day', async () => {
    let now = new Date('2026-11-20T15:00:00Z');
    const store = storeWith({ processedPerConversation: 3, processedForMs: 24 * 60 * 60 * 1000, now: () => now });
    for (const id of ['a1', 'a2', 'a3', 'a4', 'a5']) await store.write([], processed(id, 'prune/c1'));
    await store.write([], processed('b1', 'prune/c2'));
    const kept = async (conversationKey: string, ids: string[]): Promise<string[]> =>
      (await Promise.all(ids.map(async (id) => ((await store.findProcessed(conversationKey, id)) ? id : undefined)))).filter((id) => id !== undefined);
    assert.deepEqual(await kept('prune/c1', ['a1', 'a2', 'a3', 'a4', 'a5']), ['a3', 'a4', 'a5']);

    now = new Date('2026-11-21T15:00:01Z');
    await store.write([], processed('a6', 'prune/c1'));
    assert.deepEqual(await kept('prune/c1', ['a3', 'a4', 'a5', 'a6']), ['a6']);
    assert.deepEqual(await kept('prune/c2', ['b1']), [], 'other conversations expire too');
  });

  describe('two instances on one database', () => {
    let instances: TwoInstances<StateStore>;
    before(async () => {
      instances = await twoInstances<StateStore>(engine(), { sqlite: (db) => new SqliteStateStore(db), postgresql: (db) => new PgStateStore(db) });
    });
    after(async () => {
      await instances?.close();
    });

    it('two turns saving on the same eTag: exactly one wins, the other gets etag_mismatch and records nothing', async () => {
      const { first, second } = instances;
      const eTag = (await first.write([{ key: 'race/k', value: { by: 'nobody' }, eTag: null }]))['race/k'] ?? '';
      const [one, two] = await instances.contend([lockRow('race/k')], () =>
        Promise.allSettled([
          first.write([{ key: 'race/k', value: { by: 'first' }, eTag }], processed('x1', 'race/c')),
          second.write([{ key: 'race/k', value: { by: 'second' }, eTag }], processed('x2', 'race/c')),
        ]),
      );
      const outcome = oneWinner(one, two, conflictOn('race/k'));
      const stored = (await first.read(['race/k']))['race/k'];
      assert.deepEqual(stored?.value, { by: outcome.winner === 0 ? 'first' : 'second' });
      assert.equal(stored?.eTag, outcome.value['race/k'], "the winner's eTag is the stored one");
      assert.ok(await first.findProcessed('race/c', outcome.winner === 0 ? 'x1' : 'x2'), "the winner's activity is recorded");
      assert.equal(await first.findProcessed('race/c', outcome.winner === 0 ? 'x2' : 'x1'), undefined, "the loser's is not");
    });

    it('two first saves of one document (eTag null): exactly one creates it, the other gets etag_mismatch', async () => {
      const { first, second } = instances;
      const [one, two] = await instances.contend([insertRow('race/new')], () =>
        Promise.allSettled([
          first.write([{ key: 'race/new', value: { by: 'first' }, eTag: null }]),
          second.write([{ key: 'race/new', value: { by: 'second' }, eTag: null }]),
        ]),
      );
      const outcome = oneWinner(one, two, conflictOn('race/new'));
      assert.deepEqual(await storedValueOf(first, 'race/new'), { by: outcome.winner === 0 ? 'first' : 'second' });
    });

    it("two last-write-wins saves ('*') creating one document: both succeed, one after the other", async () => {
      const { first, second } = instances;
      const [one, two] = await instances.contend([insertRow('race/star')], () =>
        Promise.allSettled([
          first.write([{ key: 'race/star', value: { by: 'first' }, eTag: '*' }]),
          second.write([{ key: 'race/star', value: { by: 'second' }, eTag: '*' }]),
        ]),
      );
      assert.equal(one.status, 'fulfilled', String(one.status === 'rejected' && one.reason));
      assert.equal(two.status, 'fulfilled', String(two.status === 'rejected' && two.reason));
      const eTags = [one, two].map((result) => (result.status === 'fulfilled' ? result.value['race/star'] : undefined));
      assert.notEqual(eTags[0], eTags[1], 'the second moved the version on');
      assert.ok(eTags.includes((await first.read(['race/star']))['race/star']?.eTag));
    });

    it('many turns on one document at once: the versions they won form one chain, none lost', async () => {
      const { first, second } = instances;
      await first.write([{ key: 'race/counter', value: 0, eTag: null }]);
      // Each turn reads, adds one and saves on what it read, retrying on a conflict: the lost-update test.
      const addOne = async (store: StateStore): Promise<void> => {
        for (;;) {
          const current = (await store.read(['race/counter']))['race/counter'];
          try {
            await store.write([{ key: 'race/counter', value: Number(current?.value) + 1, eTag: current?.eTag ?? null }]);
            return;
          } catch (error) {
            if (!conflictOn('race/counter')(error)) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: 20 }, (_, index) => addOne(index % 2 === 0 ? first : second)));
      assert.equal(await storedValueOf(first, 'race/counter'), 20);
    });
  });
});

function oneWinner<T>(one: PromiseSettledResult<T>, two: PromiseSettledResult<T>, isLoss: (error: unknown) => boolean): { winner: 0 | 1; value: T } {
  const results = [one, two];
  const won = results.flatMap((result, index) => (result.status === 'fulfilled' ? [{ winner: index as 0 | 1, value: result.value }] : []));
  const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  assert.equal(won.length, 1, `exactly one wins (${results.map((result) => result.status).join(', ')})`);
  assert.ok(isLoss(lost[0]), `the other loses with the expected conflict, not ${String(lost[0])}`);
  const [outcome] = won;
  if (!outcome) throw new Error('unreachable');
  return outcome;
}

// A row lock held by a third session: both instances are inside their statements when it lets go.
const lockRow = (key: string): LockStatement => ({ text: 'SELECT key FROM state_documents WHERE key = $1 FOR UPDATE', values: [key] });
// An uncommitted row (rolled back at the end): both instances' inserts wait on it.
const insertRow = (key: string): LockStatement => ({
  text: "INSERT INTO state_documents (key, value, etag, updated_at) VALUES ($1, '{}', 1, 'held')",
  values: [key],
});

interface LockStatement {
  text: string;
  values: readonly unknown[];
}

interface TwoInstances<T> {
  first: T;
  second: T;
  /**
   * PostgreSQL: runs `race` while a third session holds `locks` in a transaction, waits until two sessions
   * wait on it, then rolls it back, so the instances' statements really meet. SQLite (one connection): runs `race`.
   */
  contend<R>(locks: readonly LockStatement[], race: () => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/** Two instances of the implementation on one database: two pools (PostgreSQL), two objects on one connection (SQLite). */
async function twoInstances<T>(
  fixture: EngineFixture,
  factories: { sqlite: (database: Database) => T; postgresql: (database: PgDatabase) => T },
): Promise<TwoInstances<T>> {
  if (fixture.kind === 'sqlite') {
    return { first: fixture.build(factories), second: fixture.build(factories), contend: (_locks, race) => race(), close: async () => undefined };
  }
  const url = await freshPostgresDatabase('contract');
  const firstDatabase = await openPostgres(url, { poolSize: 4 });
  const secondDatabase = await openPostgres(url, { poolSize: 4 });
  return {
    first: factories.postgresql(firstDatabase),
    second: factories.postgresql(secondDatabase),
    async contend(locks, race) {
      const holder = await firstDatabase.pool.connect();
      try {
        await holder.query('BEGIN');
        for (const lock of locks) await holder.query(lock.text, [...lock.values]);
        const racing = race();
        // A racer that fails early must not go unhandled while we wait.
        racing.catch(() => undefined);
        await untilWaiting(secondDatabase, 2);
        await holder.query('ROLLBACK');
        return await racing;
      } finally {
        await holder.query('ROLLBACK').catch(() => undefined);
        holder.release();
      }
    },
    async close() {
      await Promise.all([firstDatabase.close(), secondDatabase.close()]);
    },
  };
}

/** Until `count` sessions of this database wait on a lock (at most 3 s: the assertions decide, not this). */
async function untilWaiting(database: PgDatabase, count: number): Promise<void> {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    const [row] = await database.rows<{ waiting: number }>(
      "SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if ((row?.waiting ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
