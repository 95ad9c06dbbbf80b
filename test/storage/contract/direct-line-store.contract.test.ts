import { assert } from 'chai';
import { DateTime } from 'luxon';
import { FixedClock } from '../../../src/clock.ts';
import { ConversationStore } from '../../../src/directline/conversation-store.ts';
import { ActivityNotFoundError, ConversationNotFoundError, TooManyConversationsError } from '../../../src/directline/direct-line-errors.ts';
import {
  defaultConversationLimits,
  type ActivityJson,
  type ConversationLimits,
  type DirectLineConversation,
  type DirectLineConversationStore,
} from '../../../src/directline/direct-line-store.ts';
import { openPostgres, type PgDatabase } from '../../../src/storage/postgres/pg-database.ts';
import { PgDirectLineStore } from '../../../src/storage/postgres/pg-direct-line-store.ts';
import { freshPostgresDatabase } from '../../support/postgres-cluster.ts';
import { forEachEngine } from './engines.ts';

/**
 * The local Direct Line's conversation store: in memory (SQLite mode, one instance) and in PostgreSQL,
 * where two stores on two pools over one database stand for two instances behind a load balancer. On
 * SQLite both "instances" are the one in-memory store, since that mode runs a single process: the same
 * assertions then check that the shared store behaves exactly as the in-memory one.
 */

interface Instance {
  store: DirectLineConversationStore;
  /** Conversation ids this instance's store let go, in order. */
  forgotten: string[];
}

forEachEngine('Direct Line conversation store', (engine) => {
  let pools: PgDatabase[] = [];
  let clock: FixedClock;

  before(async function () {
    if (engine().kind !== 'postgresql') return;
    this.timeout(60_000);
    const url = await freshPostgresDatabase('directline');
    pools = [await openPostgres(url, { poolSize: 4 }), await openPostgres(url, { poolSize: 4 })];
  });
  after(async () => {
    await Promise.all(pools.map((pool) => pool.close()));
  });
  beforeEach(async () => {
    clock = new FixedClock(DateTime.fromISO('2026-03-02T15:00:00Z', { zone: 'utc' }));
    for (const statement of ['DELETE FROM directline_conversations', 'DELETE FROM directline_starts']) await pools[0]?.rows(statement);
  });

  /** Instance A and instance B over the same conversations. */
  function twoInstances(limits: Partial<ConversationLimits> = {}): [Instance, Instance] {
    const all = { ...defaultConversationLimits, ...limits };
    const stores: DirectLineConversationStore[] =
      engine().kind === 'postgresql'
        ? pools.map((pool) => new PgDirectLineStore(pool, clock, all))
        : ((shared) => [shared, shared])(new ConversationStore(clock, all));
    const instances = stores.map((store): Instance => ({ store, forgotten: [] }));
    const [a, b] = instances;
    if (!a || !b) throw new Error('two instances expected');
    // On SQLite A and B are one store: one listener, heard by A.
    b.store.onForget((conversation) => b.forgotten.push(conversation.id));
    a.store.onForget((conversation) => a.forgotten.push(conversation.id));
    return [a, b];
  }

  let counter = 0;
  async function started(instance: Instance, caller = '192.0.2.1', verifiedUser?: string): Promise<DirectLineConversation> {
    counter += 1;
    const { conversation } = await instance.store.start({ id: `conv${counter}`, userId: `dl_user${counter}`, caller, verifiedUser });
    return conversation;
  }

  function message(text: string, padding = 0): (id: string) => ActivityJson {
    return (id) => ({ type: 'message', id, text, ...(padding > 0 ? { padding: 'p'.repeat(padding) } : {}) });
  }

  function texts(activities: ActivityJson[]): unknown[] {
    return activities.map((activity) => activity.text);
  }

  async function refusal(work: Promise<unknown>): Promise<unknown> {
    try {
      await work;
    } catch (error) {
      return error;
    }
    return assert.fail('expected a refusal');
  }

  it('a conversation started on one instance is found, posted to and polled on the other', async () => {
    const [a, b] = twoInstances();
    const conversation = await started(a, '192.0.2.1', 'web-user-7');
    const onB = await b.store.touch(conversation.id);
    assert.deepEqual(onB && { id: onB.id, userId: onB.userId, caller: onB.caller, verifiedUser: onB.verifiedUser }, {
      id: conversation.id,
      userId: conversation.userId,
      caller: '192.0.2.1',
      verifiedUser: 'web-user-7',
    });
    const first = await b.store.append(conversation.id, message('hello'));
    assert.equal(first.id, `${conversation.id}|0000001`);
    await a.store.append(conversation.id, message('Echo: hello'));
    const all = await a.store.after(conversation.id, 0);
    assert.deepEqual(texts(all.activities), ['hello', 'Echo: hello']);
    assert.equal(all.watermark, '2');
    const later = await b.store.after(conversation.id, 1);
    assert.deepEqual(texts(later.activities), ['Echo: hello']);
    assert.deepEqual(later.activities[0], { type: 'message', id: `${conversation.id}|0000002`, text: 'Echo: hello' });
    assert.isTrue(await b.store.has(conversation.id, `${conversation.id}|0000001`));
    assert.isFalse(await a.store.has(conversation.id, `${conversation.id}|join`));
    assert.deepEqual((await b.store.after(conversation.id, 2)).activities, []);
  });

  it('appends from both instances at once get distinct, consecutive sequence numbers in the order they committed', async () => {
    const [a, b] = twoInstances();
    const conversation = await started(a);
    const appended = await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? a : b).store.append(conversation.id, message(`m${index}`))));
    const ids = appended.map((activity) => String(activity.id)).sort();
    assert.deepEqual(
      ids,
      Array.from({ length: 20 }, (_, index) => `${conversation.id}|${String(index + 1).padStart(7, '0')}`),
    );
    const polled = await b.store.after(conversation.id, 0);
    assert.equal(polled.watermark, '20');
    assert.deepEqual(
      polled.activities.map((activity) => activity.id),
      ids,
    );
  });

  it('a conversation revoked on one instance is refused on the other, and forgotten once', async () => {
    const [a, b] = twoInstances();
    const conversation = await started(a);
    const other = await started(b);
    await a.store.append(conversation.id, message('before'));
    assert.isDefined(await b.store.touch(conversation.id));
    assert.isTrue(await a.store.revoke(conversation.id));
    assert.isUndefined(await b.store.touch(conversation.id));
    assert.instanceOf(await refusal(b.store.append(conversation.id, message('after'))), ConversationNotFoundError);
    assert.instanceOf(await refusal(b.store.after(conversation.id, 0)), ConversationNotFoundError);
    assert.isFalse(await b.store.revoke(conversation.id));
    assert.deepEqual(a.forgotten, [conversation.id]);
    assert.deepEqual(b.forgotten, []);
    assert.isDefined(await b.store.touch(other.id));
    assert.equal(await a.store.count(), 1);
  });

  it('keeps only the newest activities of a conversation while the watermark keeps counting', async () => {
    const [a, b] = twoInstances({ maxActivitiesPerConversation: 3 });
    const conversation = await started(a);
    for (let index = 1; index <= 5; index += 1) await (index % 2 === 0 ? a : b).store.append(conversation.id, message(`m${index}`));
    const polled = await a.store.after(conversation.id, 0);
    assert.deepEqual(texts(polled.activities), ['m3', 'm4', 'm5']);
    assert.equal(polled.watermark, '5');
    assert.isFalse(await b.store.has(conversation.id, `${conversation.id}|0000002`));
  });

  it('keeps a conversation under its byte budget, oldest dropped first, and always keeps the newest', async () => {
    const [a, b] = twoInstances({ maxBytesPerConversation: 1000 });
    const conversation = await started(a);
    for (let index = 1; index <= 4; index += 1) await b.store.append(conversation.id, message(`m${index}`, 400));
    const polled = await a.store.after(conversation.id, 0);
    assert.deepEqual(texts(polled.activities), ['m3', 'm4']);
    assert.isAtMost(Buffer.byteLength(JSON.stringify(polled.activities)), 1000);
    await a.store.append(conversation.id, message('huge', 3000));
    const afterHuge = await b.store.after(conversation.id, 0);
    assert.deepEqual(texts(afterHuge.activities), ['huge']);
    await a.store.append(conversation.id, message('small'));
    assert.deepEqual(texts((await b.store.after(conversation.id, 0)).activities), ['small']);
  });

  it('a replaced activity keeps its id and moves to the end with a new sequence number; a missing one is a 404 that changes nothing', async () => {
    const [a, b] = twoInstances();
    const conversation = await started(a);
    const card = await a.store.append(conversation.id, message('card'));
    await a.store.append(conversation.id, message('next'));
    const replaced = await b.store.replace(conversation.id, String(card.id), message('card, chosen'));
    assert.equal(replaced.id, card.id);
    const polled = await a.store.after(conversation.id, 2);
    assert.deepEqual(polled.activities, [{ type: 'message', id: card.id, text: 'card, chosen' }]);
    assert.equal(polled.watermark, '3');
    assert.deepEqual(texts((await a.store.after(conversation.id, 0)).activities), ['next', 'card, chosen']);
    assert.instanceOf(await refusal(a.store.replace(conversation.id, `${conversation.id}|0000099`, message('x'))), ActivityNotFoundError);
    assert.equal((await b.store.after(conversation.id, 0)).watermark, '3');
    assert.equal(String((await b.store.append(conversation.id, message('then'))).id), `${conversation.id}|0000004`);
  });

  it('a removed activity is gone for every instance; removing it again is a 404', async () => {
    const [a, b] = twoInstances({ maxActivitiesPerConversation: 2 });
    const conversation = await started(a);
    const first = await a.store.append(conversation.id, message('one'));
    await a.store.append(conversation.id, message('two'));
    await b.store.remove(conversation.id, String(first.id));
    assert.isFalse(await a.store.has(conversation.id, String(first.id)));
    assert.deepEqual(texts((await a.store.after(conversation.id, 0)).activities), ['two']);
    assert.instanceOf(await refusal(a.store.remove(conversation.id, String(first.id))), ActivityNotFoundError);
    // The removed one no longer counts against the bound of two: 'two' stays.
    await b.store.append(conversation.id, message('three'));
    assert.deepEqual(texts((await a.store.after(conversation.id, 0)).activities), ['two', 'three']);
  });

  it('a conversation idle for the timeout is gone on every instance; a touch on either keeps it alive', async () => {
    const [a, b] = twoInstances({ idleTimeoutMs: 10 * 60 * 1000 });
    const idle = await started(a);
    const busy = await started(a);
    clock.advance({ minutes: 9 });
    assert.isDefined(await b.store.touch(busy.id));
    clock.advance({ minutes: 2 });
    assert.isUndefined(await b.store.touch(idle.id));
    assert.isDefined(await a.store.touch(busy.id));
    assert.sameMembers([...a.forgotten, ...b.forgotten], [idle.id]);
    clock.advance({ minutes: 10 });
    assert.equal(await a.store.expire(), 1);
    assert.equal(await b.store.expire(), 0);
    assert.equal(await b.store.count(), 0);
    assert.sameMembers([...a.forgotten, ...b.forgotten], [idle.id, busy.id]);
  });

  it("counts a caller's live conversations on every instance: one more is 429 until its least recently active one goes idle", async () => {
    const [a, b] = twoInstances({ maxConversationsPerCaller: 3, idleTimeoutMs: 10 * 60 * 1000 });
    await started(a, '192.0.2.10');
    await started(b, '192.0.2.10');
    clock.advance({ minutes: 1 });
    await started(a, '192.0.2.10');
    const error = await refusal(started(b, '192.0.2.10'));
    assert.instanceOf(error, TooManyConversationsError);
    assert.equal((error as TooManyConversationsError).retryAfterSeconds, 9 * 60);
    await started(b, '192.0.2.11'); // another caller is not affected
    clock.advance({ minutes: 9 });
    await started(b, '192.0.2.10');
  });

  it("counts a caller's starts per minute on every instance: the 6th is 429 until the oldest start leaves the minute", async () => {
    const [a, b] = twoInstances({ maxStartsPerCallerPerMinute: 5, maxConversationsPerCaller: 100 });
    for (let index = 0; index < 5; index += 1) {
      await started(index % 2 === 0 ? a : b, '2001:db8:1:2::/64');
      clock.advance({ minutes: 0.125 }); // 7.5 s
    }
    const error = await refusal(started(b, '2001:db8:1:2::/64'));
    assert.instanceOf(error, TooManyConversationsError);
    assert.equal((error as TooManyConversationsError).retryAfterSeconds, 23); // 22.5 s, rounded up
    await started(a, '192.0.2.20');
    clock.advance({ minutes: 0.375 }); // 22.5 s: the first start is a minute old
    await started(a, '2001:db8:1:2::/64');
  });

  it('starts racing on both instances never give one caller more than its limit', async () => {
    const [a, b] = twoInstances({ maxConversationsPerCaller: 3 });
    const attempts = await Promise.allSettled(Array.from({ length: 12 }, (_, index) => started(index % 2 === 0 ? a : b, '192.0.2.30')));
    assert.equal(attempts.filter((attempt) => attempt.status === 'fulfilled').length, 3);
    const refusals = attempts.flatMap((attempt) => (attempt.status === 'rejected' ? [attempt.reason] : []));
    assert.isTrue(refusals.every((reason) => reason instanceof TooManyConversationsError));
    assert.equal(await a.store.count(), 3);
  });

  it('when the store is full, starting one more evicts the least recently active conversation, wherever it was touched', async () => {
    const [a, b] = twoInstances({ maxConversations: 3 });
    const oldest = await started(a, '192.0.2.40');
    const second = await started(b, '192.0.2.41');
    await started(a, '192.0.2.42');
    assert.isDefined(await b.store.touch(oldest.id)); // now the most recent: the second is the least
    const { evicted } = await a.store.start({ id: 'newcomer', userId: 'dl_newcomer', caller: '192.0.2.43', verifiedUser: undefined });
    assert.deepEqual(evicted, [second.id]);
    assert.isUndefined(await b.store.touch(second.id));
    assert.isDefined(await b.store.touch(oldest.id));
    assert.equal(await b.store.count(), 3);
    assert.deepEqual(a.forgotten, [second.id]);
  });
});
