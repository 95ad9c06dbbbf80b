import assert from 'node:assert/strict';
import type { Actor } from '../../../src/domain/actor.ts';
import { ConflictError } from '../../../src/errors.ts';
import type { HandoffRepository, NewHandoff, NewHandoffMessage } from '../../../src/handoffs/handoff-repository.ts';
import type { DealerUser } from '../../../src/identity/dealer-user.ts';
import type { DealerUserRepository, PendingLinkCode } from '../../../src/identity/dealer-user-repository.ts';
import type { ConversationReferenceRepository, StoredConversationReference } from '../../../src/storage/conversation-reference-repository.ts';
import type { Database } from '../../../src/storage/database.ts';
import { PgConversationReferenceRepository } from '../../../src/storage/postgres/pg-conversation-reference-repository.ts';
import { openPostgres, type PgDatabase } from '../../../src/storage/postgres/pg-database.ts';
import { PgDealerUserRepository } from '../../../src/storage/postgres/pg-dealer-user-repository.ts';
import { PgHandoffRepository } from '../../../src/storage/postgres/pg-handoff-repository.ts';
import { SqliteConversationReferenceRepository } from '../../../src/storage/sqlite-conversation-reference-repository.ts';
import { SqliteDealerUserRepository } from '../../../src/storage/sqlite-dealer-user-repository.ts';
import { SqliteHandoffRepository } from '../../../src/storage/sqlite-handoff-repository.ts';
import { freshPostgresDatabase } from '../../support/postgres-cluster.ts';
import { type EngineFixture, forEachEngine } from './engines.ts';

type SqlRunner = (text: string, values?: readonly unknown[]) => Promise<unknown>;

/** Dealer users and link codes reference dealers. */
async function seedDealers(sql: SqlRunner): Promise<void> {
  for (const id of ['dealer-a', 'dealer-b']) {
    await sql('INSERT INTO dealers (id, name, state, created_at) VALUES ($1, $2, $3, $4)', [id, `Dealer ${id}`, 'OH', '2026-11-01T00:00:00.000Z']);
  }
}

let userCounter = 0;
function dealerUser(overrides: Partial<DealerUser> = {}): DealerUser {
  userCounter += 1;
  return {
    id: `user-${userCounter}`,
    dealerId: 'dealer-a',
    kind: 'teams',
    externalId: `aad-${userCounter}`,
    linkedBy: 'api',
    createdAt: `2026-11-20T10:00:${String(userCounter % 60).padStart(2, '0')}.000Z`,
    expiresAt: null,
    ...overrides,
  };
}

function pendingCode(conversationKey: string, overrides: Partial<PendingLinkCode> = {}): PendingLinkCode {
  return {
    conversationKey,
    phone: '+16145550100',
    dealerId: 'dealer-a',
    codeHash: `hash-of-${conversationKey}`,
    createdAt: '2026-11-20T10:00:00.000Z',
    expiresAt: '2026-11-20T10:10:00.000Z',
    attempts: 0,
    ...overrides,
  };
}

function newHandoff(id: string, conversationKey: string, overrides: Partial<NewHandoff> = {}): NewHandoff {
  return {
    id,
    conversationKey,
    channelId: 'msteams',
    conversationId: conversationKey.split('/')[1] ?? conversationKey,
    dealer: { kind: 'dealerUser', dealerId: 'dealer-a', userId: 'user-x', channel: 'msteams' },
    reason: 'asked',
    transcript: [{ from: 'dealer', text: 'I want a person', at: '2026-11-20T10:00:00.000Z' }],
    facts: { intent: 'lesseeReturn', hasAvrmAccess: true },
    caseVin: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    initiateActivity: { type: 'event', name: 'handoff.initiate' },
    ...overrides,
  };
}

const agent = (name: string): Actor => ({ kind: 'agent', agentId: name.toLowerCase(), name });

const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof ConflictError && error.code === code && (field === undefined || error.field === field);

forEachEngine('dealer users and link codes', (engine) => {
  let users: DealerUserRepository;
  before(async () => {
    await seedDealers(engine().sql);
    users = engine().build<DealerUserRepository>({ sqlite: (db) => new SqliteDealerUserRepository(db), postgresql: (db) => new PgDealerUserRepository(db) });
  });

  it('links an identity once: the same dealer again gets the existing user; another dealer gets identity_taken and nothing changes', async () => {
    const user = dealerUser({ externalId: 'aad-link' });
    assert.deepEqual(await users.link(user, 'aadObjectId', '2026-11-20T11:00:00.000Z'), { user, created: true });
    const again = await users.link({ ...user, id: 'user-again' }, 'aadObjectId', '2026-11-20T11:00:00.000Z');
    assert.deepEqual(again, { user, created: false });
    await assert.rejects(
      users.link(dealerUser({ dealerId: 'dealer-b', externalId: 'aad-link' }), 'aadObjectId', '2026-11-20T11:00:00.000Z'),
      isCode('identity_taken', 'aadObjectId'),
    );
    assert.deepEqual(await users.findByIdentity({ kind: 'teams', externalId: 'aad-link' }, '2026-11-20T11:00:00.000Z'), user);
    assert.equal(await users.findByIdentity({ kind: 'webChat', externalId: 'aad-link' }, '2026-11-20T11:00:00.000Z'), undefined, 'kinds are apart');
  });

  it('an expired identity is found no more and may be linked again, to any dealer', async () => {
    const expiring = dealerUser({ kind: 'conversation', externalId: 'webchat/expiring', linkedBy: 'code', expiresAt: '2026-11-21T00:00:00.000Z' });
    await users.link(expiring, 'code', '2026-11-20T11:00:00.000Z');
    assert.deepEqual(await users.findByIdentity({ kind: 'conversation', externalId: 'webchat/expiring' }, '2026-11-20T23:59:59.999Z'), expiring);
    assert.equal(await users.findByIdentity({ kind: 'conversation', externalId: 'webchat/expiring' }, '2026-11-21T00:00:00.000Z'), undefined);
    const relinked = dealerUser({ dealerId: 'dealer-b', kind: 'conversation', externalId: 'webchat/expiring', linkedBy: 'code' });
    assert.deepEqual(await users.link(relinked, 'code', '2026-11-21T00:00:00.000Z'), { user: relinked, created: true });
    assert.deepEqual(await users.findByIdentity({ kind: 'conversation', externalId: 'webchat/expiring' }, '2026-11-22T00:00:00.000Z'), relinked);
  });

  it('lists a dealer’s users oldest first and removes only the dealer’s own', async () => {
    const later = dealerUser({ dealerId: 'dealer-b', externalId: 'aad-list-2', createdAt: '2026-11-19T12:00:00.000Z' });
    const earlier = dealerUser({ dealerId: 'dealer-b', externalId: 'aad-list-1', createdAt: '2026-11-19T11:00:00.000Z' });
    await users.link(later, 'aadObjectId', '2026-11-19T12:00:00.000Z');
    await users.link(earlier, 'aadObjectId', '2026-11-19T12:00:00.000Z');
    const listed = (await users.listByDealer('dealer-b')).filter((user) => user.externalId.startsWith('aad-list-'));
    assert.deepEqual(listed, [earlier, later]);
    assert.equal(await users.remove('dealer-a', earlier.id), false, 'another dealer’s user');
    assert.equal(await users.remove('dealer-b', earlier.id), true);
    assert.equal(await users.remove('dealer-b', earlier.id), false, 'already removed');
    assert.deepEqual(
      (await users.listByDealer('dealer-b')).filter((user) => user.externalId.startsWith('aad-list-')),
      [later],
    );
  });

  it('a pending code replaces the conversation’s earlier one with its attempts reset; wrong codes are counted', async () => {
    await users.savePendingCode(pendingCode('webchat/code-1'), true);
    assert.equal(await users.countFailedAttempt('webchat/code-1'), 1);
    assert.equal(await users.countFailedAttempt('webchat/code-1'), 2);
    const replacement = pendingCode('webchat/code-1', {
      codeHash: 'another-hash',
      createdAt: '2026-11-20T10:05:00.000Z',
      expiresAt: '2026-11-20T10:15:00.000Z',
    });
    await users.savePendingCode(replacement, true);
    assert.deepEqual(await users.pendingCode('webchat/code-1'), replacement);
    const stranger = pendingCode('webchat/code-2', { dealerId: null, phone: '+15555550199' });
    await users.savePendingCode(stranger, false);
    assert.deepEqual(await users.pendingCode('webchat/code-2'), stranger);
    await users.deleteCode('webchat/code-2');
    assert.equal(await users.pendingCode('webchat/code-2'), undefined);
    assert.equal(await users.countFailedAttempt('webchat/code-2'), Number.POSITIVE_INFINITY, 'no code: no attempts left');
  });

  it('counts codes texted to a phone since a time, and forgets sends older than a day', async () => {
    const phone = '+16145550177';
    await users.savePendingCode(pendingCode('webchat/send-1', { phone, createdAt: '2026-11-18T09:00:00.000Z' }), true);
    await users.savePendingCode(pendingCode('webchat/send-2', { phone, createdAt: '2026-11-19T09:30:00.000Z' }), true);
    await users.savePendingCode(pendingCode('webchat/send-3', { phone, createdAt: '2026-11-19T09:40:00.000Z' }), false);
    assert.equal(await users.sendsSince(phone, '2026-11-01T00:00:00.000Z'), 1, 'the send of the 18th was pruned; an untexted code is no send');
    await users.savePendingCode(pendingCode('webchat/send-4', { phone, createdAt: '2026-11-19T10:00:00.000Z' }), true);
    assert.equal(await users.sendsSince(phone, '2026-11-19T09:30:00.000Z'), 2, 'at or after');
    assert.equal(await users.sendsSince(phone, '2026-11-19T09:30:00.001Z'), 1);
    assert.equal(await users.sendsSince('+16145550178', '2026-11-01T00:00:00.000Z'), 0);
  });

  it('a code is used once: it links the user; a refused link leaves the code in place', async () => {
    await users.savePendingCode(pendingCode('webchat/use-1'), true);
    const user = dealerUser({ kind: 'conversation', externalId: 'webchat/use-1', linkedBy: 'code', expiresAt: '2026-12-20T10:00:00.000Z' });
    assert.deepEqual(await users.useCodeAndLink('webchat/use-1', user, '2026-11-20T10:01:00.000Z'), { used: true, user });
    assert.equal(await users.pendingCode('webchat/use-1'), undefined);
    assert.deepEqual(await users.useCodeAndLink('webchat/use-1', dealerUser(), '2026-11-20T10:01:00.000Z'), { used: false });

    const taken = dealerUser({ dealerId: 'dealer-b', externalId: 'aad-taken' });
    await users.link(taken, 'aadObjectId', '2026-11-20T10:00:00.000Z');
    await users.savePendingCode(pendingCode('webchat/use-2'), true);
    await assert.rejects(
      users.useCodeAndLink('webchat/use-2', dealerUser({ externalId: 'aad-taken', linkedBy: 'code' }), '2026-11-20T10:01:00.000Z'),
      isCode('identity_taken', 'code'),
    );
    assert.ok(await users.pendingCode('webchat/use-2'), 'all or nothing: the code was not used up');
  });

  describe('two instances on one database', () => {
    let instances: TwoInstances<DealerUserRepository>;
    before(async () => {
      instances = await twoInstances<DealerUserRepository>(
        engine(),
        { sqlite: (db) => new SqliteDealerUserRepository(db), postgresql: (db) => new PgDealerUserRepository(db) },
        seedDealers,
      );
    });
    after(async () => {
      await instances?.close();
    });

    it('two instances using one code at once: exactly one links', async () => {
      const { first, second } = instances;
      await first.savePendingCode(pendingCode('webchat/race-code'), true);
      const [one, two] = await instances.contend(
        [{ text: 'SELECT conversation_key FROM link_codes WHERE conversation_key = $1 FOR UPDATE', values: ['webchat/race-code'] }],
        () =>
          Promise.all([
            first.useCodeAndLink(
              'webchat/race-code',
              dealerUser({ kind: 'conversation', externalId: 'webchat/race-1', linkedBy: 'code' }),
              '2026-11-20T10:01:00.000Z',
            ),
            second.useCodeAndLink(
              'webchat/race-code',
              dealerUser({ kind: 'conversation', externalId: 'webchat/race-2', linkedBy: 'code' }),
              '2026-11-20T10:01:00.000Z',
            ),
          ]),
      );
      assert.deepEqual([one.used, two.used].sort(), [false, true]);
      const linked = [
        await first.findByIdentity({ kind: 'conversation', externalId: 'webchat/race-1' }, '2026-11-20T10:02:00.000Z'),
        await first.findByIdentity({ kind: 'conversation', externalId: 'webchat/race-2' }, '2026-11-20T10:02:00.000Z'),
      ];
      assert.equal(linked.filter((user) => user !== undefined).length, 1, 'one conversation linked, not two');
    });

    it('two instances linking one new identity to one dealer: one creates it, the other gets that user', async () => {
      const { first, second } = instances;
      const mine = dealerUser({ externalId: 'aad-race' });
      const theirs = dealerUser({ externalId: 'aad-race' });
      const [one, two] = await instances.contend(
        [
          {
            text: "INSERT INTO dealer_users (id, dealer_id, kind, external_id, linked_by, created_at) VALUES ('held', 'dealer-a', 'teams', 'aad-race', 'api', 'held')",
            values: [],
          },
        ],
        () => Promise.all([first.link(mine, 'aadObjectId', '2026-11-20T10:00:00.000Z'), second.link(theirs, 'aadObjectId', '2026-11-20T10:00:00.000Z')]),
      );
      assert.deepEqual([one.created, two.created].sort(), [false, true]);
      assert.equal(one.user.id, two.user.id, 'both answer with the one stored user');
      assert.deepEqual(await first.findByIdentity({ kind: 'teams', externalId: 'aad-race' }, '2026-11-20T10:00:00.000Z'), one.user);
    });

    it('two wrong codes at once count as two', async () => {
      const { first, second } = instances;
      await first.savePendingCode(pendingCode('webchat/race-attempts'), true);
      const counted = await Promise.all([first.countFailedAttempt('webchat/race-attempts'), second.countFailedAttempt('webchat/race-attempts')]);
      assert.deepEqual(counted.sort(), [1, 2]);
    });
  });
});

forEachEngine('conversation references', (engine) => {
  let references: ConversationReferenceRepository;
  before(() => {
    references = engine().build<ConversationReferenceRepository>({
      sqlite: (db) => new SqliteConversationReferenceRepository(db),
      postgresql: (db) => new PgConversationReferenceRepository(db),
    });
  });

  const reference = (conversationId: string, overrides: Partial<StoredConversationReference> = {}): StoredConversationReference => ({
    conversationKey: `msteams/${conversationId}`,
    channelId: 'msteams',
    conversationId,
    userId: '29:user',
    aadObjectId: 'aad-ref',
    reference: { conversation: { id: conversationId }, serviceUrl: 'https://smba.example/' },
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  });

  it('saves, finds, and replaces a conversation’s reference with the latest', async () => {
    assert.equal(await references.find('msteams/none'), undefined);
    await references.save(reference('c1'));
    assert.deepEqual(await references.find('msteams/c1'), reference('c1'));
    const newer = reference('c1', { userId: '29:other', aadObjectId: null, reference: { replaced: true }, updatedAt: '2026-11-20T11:00:00.000Z' });
    await references.save(newer);
    assert.deepEqual(await references.find('msteams/c1'), newer);
  });

  it('finds the conversation a user wrote from last, by channel user id or by Azure AD object id', async () => {
    await references.save(reference('u1', { userId: '29:latest', aadObjectId: 'aad-latest', updatedAt: '2026-11-20T09:00:00.000Z' }));
    await references.save(reference('u2', { userId: '29:latest', aadObjectId: 'aad-latest', updatedAt: '2026-11-20T12:00:00.000Z' }));
    await references.save(reference('u3', { userId: '29:latest', aadObjectId: 'aad-latest', updatedAt: '2026-11-20T10:00:00.000Z' }));
    assert.equal((await references.latestForUser({ channelId: 'msteams', userId: '29:latest' }))?.conversationId, 'u2');
    assert.equal((await references.latestForUser({ aadObjectId: 'aad-latest' }))?.conversationId, 'u2');
    assert.equal(await references.latestForUser({ channelId: 'webchat', userId: '29:latest' }), undefined, 'channels are apart');
    assert.equal(await references.latestForUser({ aadObjectId: 'aad-nobody' }), undefined);
  });

  it('a stored reference that is not a JSON object is no reference', async () => {
    await references.save(reference('broken'));
    await engine().sql("UPDATE conversation_references SET reference = '[1, 2]' WHERE conversation_key = 'msteams/broken'");
    assert.equal(await references.find('msteams/broken'), undefined);
    await engine().sql("UPDATE conversation_references SET reference = '{not json' WHERE conversation_key = 'msteams/broken'");
    assert.equal(await references.find('msteams/broken'), undefined);
  });
});

forEachEngine('handoffs', (engine) => {
  let handoffs: HandoffRepository;
  before(() => {
    handoffs = engine().build<HandoffRepository>({ sqlite: (db) => new SqliteHandoffRepository(db), postgresql: (db) => new PgHandoffRepository(db) });
  });

  it('stores a waiting handoff with everything known; a second for the conversation gets the open one', async () => {
    const { handoff, created } = await handoffs.createOrGetOpen(newHandoff('h-open-1', 'msteams/open'));
    assert.equal(created, true);
    assert.deepEqual(handoff, {
      id: 'h-open-1',
      conversationKey: 'msteams/open',
      channelId: 'msteams',
      conversationId: 'open',
      dealer: { kind: 'dealerUser', dealerId: 'dealer-a', userId: 'user-x', channel: 'msteams' },
      reason: 'asked',
      transcript: [{ from: 'dealer', text: 'I want a person', at: '2026-11-20T10:00:00.000Z' }],
      facts: { intent: 'lesseeReturn', hasAvrmAccess: true },
      caseVin: null,
      status: 'waiting',
      agent: null,
      createdAt: '2026-11-20T10:00:00.000Z',
      takenAt: null,
      endedAt: null,
      endedBy: null,
    });
    assert.deepEqual(await handoffs.get('h-open-1'), handoff);
    assert.deepEqual(await handoffs.findOpen('msteams/open'), handoff);
    const second = await handoffs.createOrGetOpen(newHandoff('h-open-2', 'msteams/open', { reason: 'misses' }));
    assert.deepEqual(second, { handoff, created: false });
    assert.equal(await handoffs.get('h-open-2'), undefined, 'nothing else stored');

    assert.equal(await handoffs.transition('h-open-1', 'waiting', 'ended', { at: '2026-11-20T10:05:00.000Z', endedBy: { kind: 'bot' } }), true);
    assert.equal(await handoffs.findOpen('msteams/open'), undefined);
    assert.equal((await handoffs.createOrGetOpen(newHandoff('h-open-3', 'msteams/open'))).created, true, 'once ended, a new one may open');
  });

  it('take and end move only from the status they expect, and record who and when', async () => {
    await handoffs.createOrGetOpen(newHandoff('h-move', 'msteams/move'));
    assert.equal(await handoffs.transition('h-move', 'waiting', 'active', { agent: agent('Dana'), at: '2026-11-20T10:01:00.000Z' }), true);
    assert.equal(await handoffs.transition('h-move', 'waiting', 'active', { agent: agent('Lee'), at: '2026-11-20T10:02:00.000Z' }), false, 'already taken');
    assert.equal(await handoffs.transition('h-missing', 'waiting', 'active', { agent: agent('Lee'), at: '2026-11-20T10:02:00.000Z' }), false);
    assert.equal(await handoffs.transition('h-move', 'active', 'ended', { at: '2026-11-20T10:09:00.000Z', endedBy: agent('Dana') }), true);
    const ended = await handoffs.get('h-move');
    assert.deepEqual(
      { status: ended?.status, agent: ended?.agent, takenAt: ended?.takenAt, endedAt: ended?.endedAt, endedBy: ended?.endedBy },
      { status: 'ended', agent: agent('Dana'), takenAt: '2026-11-20T10:01:00.000Z', endedAt: '2026-11-20T10:09:00.000Z', endedBy: agent('Dana') },
    );
  });

  it('lists newest first within each status, in the order of the statuses asked, and counts by status', async () => {
    const before = await handoffs.countByStatus();
    await handoffs.createOrGetOpen(newHandoff('h-list-1', 'webchat/list-1', { createdAt: '2026-11-21T08:00:00.000Z' }));
    await handoffs.createOrGetOpen(newHandoff('h-list-3', 'webchat/list-3', { createdAt: '2026-11-21T09:00:00.000Z' }));
    // Same instant as h-list-3: the later insert lists first.
    await handoffs.createOrGetOpen(newHandoff('h-list-2', 'webchat/list-2', { createdAt: '2026-11-21T09:00:00.000Z' }));
    await handoffs.createOrGetOpen(newHandoff('h-list-4', 'webchat/list-4', { createdAt: '2026-11-21T10:00:00.000Z' }));
    await handoffs.transition('h-list-4', 'waiting', 'active', { agent: agent('Dana'), at: '2026-11-21T10:01:00.000Z' });

    const listed = (await handoffs.list(['active', 'waiting'], 50)).map((handoff) => handoff.id).filter((id) => id.startsWith('h-list-'));
    assert.deepEqual(listed, ['h-list-4', 'h-list-2', 'h-list-3', 'h-list-1']);
    assert.deepEqual(
      (await handoffs.list(['waiting'], 2)).map((handoff) => handoff.id),
      ['h-list-2', 'h-list-3'],
    );
    assert.ok(
      (await handoffs.list([], 50)).some((handoff) => handoff.status === 'ended'),
      'no status given: every status',
    );
    assert.deepEqual(await handoffs.countByStatus(), { waiting: before.waiting + 3, active: before.active + 1, ended: before.ended });
  });

  it('records each message once per source id, in order, and updates its delivery', async () => {
    await handoffs.createOrGetOpen(newHandoff('h-msg', 'sms/+16145550100'));
    const message = (overrides: Partial<NewHandoffMessage>): NewHandoffMessage => ({
      handoffId: 'h-msg',
      role: 'dealer',
      author: { kind: 'dealerPhone', dealerId: 'dealer-a', phone: '+16145550100' },
      text: 'hello',
      sourceId: null,
      delivery: 'received',
      at: '2026-11-20T10:00:00.000Z',
      ...overrides,
    });
    const first = await handoffs.addMessage(message({ sourceId: 'SM1' }));
    assert.equal(await handoffs.addMessage(message({ sourceId: 'SM1', text: 'redelivered' })), undefined);
    const reply = await handoffs.addMessage(message({ role: 'agent', author: agent('Dana'), text: 'hi', delivery: 'sent' }));
    const another = await handoffs.addMessage(message({ role: 'agent', author: agent('Dana'), text: 'still there?', delivery: 'sent' }));
    assert.ok(first && reply && another, 'messages without a source id are all recorded');
    assert.ok(first.id < reply.id && reply.id < another.id);
    await handoffs.setDelivery(another.id, 'failed');
    assert.deepEqual(await handoffs.messages('h-msg'), [first, reply, { ...another, delivery: 'failed' }]);
    assert.deepEqual(await handoffs.messages('h-msg', first.id), [reply, { ...another, delivery: 'failed' }]);
    assert.deepEqual(await handoffs.messages('h-open-1'), []);
  });

  describe('two instances on one database', () => {
    let instances: TwoInstances<HandoffRepository>;
    before(async () => {
      instances = await twoInstances<HandoffRepository>(engine(), {
        sqlite: (db) => new SqliteHandoffRepository(db),
        postgresql: (db) => new PgHandoffRepository(db),
      });
    });
    after(async () => {
      await instances?.close();
    });

    it('two agents taking one handoff on two instances: exactly one takes it', async () => {
      const { first, second } = instances;
      await first.createOrGetOpen(newHandoff('h-race-take', 'msteams/race-take'));
      const [one, two] = await instances.contend([{ text: 'SELECT id FROM handoffs WHERE id = $1 FOR UPDATE', values: ['h-race-take'] }], () =>
        Promise.all([
          first.transition('h-race-take', 'waiting', 'active', { agent: agent('Dana'), at: '2026-11-20T10:01:00.000Z' }),
          second.transition('h-race-take', 'waiting', 'active', { agent: agent('Lee'), at: '2026-11-20T10:01:01.000Z' }),
        ]),
      );
      assert.deepEqual([one, two].sort(), [false, true]);
      const taken = await second.get('h-race-take');
      assert.deepEqual(taken?.agent, one ? agent('Dana') : agent('Lee'), 'the winner holds it');
      assert.equal(taken?.takenAt, one ? '2026-11-20T10:01:00.000Z' : '2026-11-20T10:01:01.000Z');
    });

    it('two instances handing one conversation over at once: one handoff, both answer with it', async () => {
      const { first, second } = instances;
      const [one, two] = await instances.contend(
        [
          {
            text: "INSERT INTO handoffs (id, conversation_key, channel_id, conversation_id, reason, transcript, facts, status, created_at) VALUES ('held', $1, 'msteams', 'race-open', 'asked', '[]', '{}', 'waiting', 'held')",
            values: ['msteams/race-open'],
          },
        ],
        () =>
          Promise.all([
            first.createOrGetOpen(newHandoff('h-race-a', 'msteams/race-open')),
            second.createOrGetOpen(newHandoff('h-race-b', 'msteams/race-open')),
          ]),
      );
      assert.deepEqual([one.created, two.created].sort(), [false, true]);
      assert.equal(one.handoff.id, two.handoff.id);
      assert.equal((await first.findOpen('msteams/race-open'))?.id, one.handoff.id);
    });

    it('one message redelivered to two instances at once is recorded once', async () => {
      const { first, second } = instances;
      await first.createOrGetOpen(newHandoff('h-race-msg', 'sms/+16145550101'));
      const message: NewHandoffMessage = {
        handoffId: 'h-race-msg',
        role: 'dealer',
        author: null,
        text: 'are you there?',
        sourceId: 'SM-race',
        delivery: 'received',
        at: '2026-11-20T10:00:00.000Z',
      };
      const added = await Promise.all([first.addMessage(message), second.addMessage(message)]);
      assert.equal(added.filter((result) => result !== undefined).length, 1);
      assert.equal((await first.messages('h-race-msg')).length, 1);
    });
  });
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

/**
 * Two instances of the implementation on one database: two pools on a new database (PostgreSQL, seeded
 * by `seed`), two objects on the suite's connection (SQLite, already seeded by the suite).
 */
async function twoInstances<T>(
  fixture: EngineFixture,
  factories: { sqlite: (database: Database) => T; postgresql: (database: PgDatabase) => T },
  seed?: (sql: SqlRunner) => Promise<void>,
): Promise<TwoInstances<T>> {
  if (fixture.kind === 'sqlite') {
    return { first: fixture.build(factories), second: fixture.build(factories), contend: (_locks, race) => race(), close: async () => undefined };
  }
  const url = await freshPostgresDatabase('contract');
  const firstDatabase = await openPostgres(url, { poolSize: 4 });
  const secondDatabase = await openPostgres(url, { poolSize: 4 });
  await seed?.((text, values) => firstDatabase.rows(text, values));
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
