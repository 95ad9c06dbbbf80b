import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { TestAdapter, TurnContext } from 'botbuilder';
import { RecentConversationWrites, rememberConversation } from '../../bots/conversation-references.ts';
import { FixedClock } from '../../src/clock.ts';
import { openDatabase, type Database } from '../../src/storage/database.ts';
import { SqliteConversationReferenceRepository } from '../../src/storage/sqlite-conversation-reference-repository.ts';
import { makeTempDir } from '../support/test-app.ts';

describe('conversation references kept from each message (bots/conversation-references.ts)', () => {
  let dataDir: string;
  let database: Database;
  let references: SqliteConversationReferenceRepository;
  let clock: FixedClock;
  let recent: RecentConversationWrites;
  const adapter = new TestAdapter();
  let nextId = 0;
  const message = (conversationId: string, serviceUrl = 'https://smba.example.com/'): TurnContext => {
    nextId += 1;
    return new TurnContext(adapter, {
      type: 'message',
      id: `m-${nextId}`,
      text: 'hello',
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
      from: { id: 'user-1', name: 'Dana', aadObjectId: 'aad-1' },
      recipient: { id: 'bot', name: 'Lease Return Assistant' },
    });
  };
  const remember = (context: TurnContext): Promise<void> => rememberConversation(context, references, clock, recent);

  beforeEach(() => {
    dataDir = makeTempDir();
    database = openDatabase(dataDir);
    references = new SqliteConversationReferenceRepository(database);
    clock = new FixedClock('2026-12-01T15:00:00Z');
    recent = new RecentConversationWrites();
  });
  afterEach(() => {
    database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('another message in the same conversation within a minute writes nothing; after a minute it writes again', async () => {
    await remember(message('a'));
    clock.set('2026-12-01T15:00:30Z');
    await remember(message('a'));
    expect((await references.find('msteams/a'))?.updatedAt).to.equal('2026-12-01T15:00:00.000Z');
    clock.set('2026-12-01T15:01:05Z');
    await remember(message('a'));
    expect((await references.find('msteams/a'))?.updatedAt).to.equal('2026-12-01T15:01:05.000Z');
  });

  it('a user moving between conversations is followed at once: the latest is always the one they wrote from last', async () => {
    await remember(message('a'));
    clock.set('2026-12-01T15:00:10Z');
    await remember(message('b'));
    expect((await references.latestForUser({ aadObjectId: 'aad-1' }))?.conversationKey).to.equal('msteams/b');
    clock.set('2026-12-01T15:00:20Z');
    await remember(message('a'));
    expect((await references.latestForUser({ aadObjectId: 'aad-1' }))?.conversationKey).to.equal('msteams/a');
    expect((await references.latestForUser({ channelId: 'msteams', userId: 'user-1' }))?.conversationKey).to.equal('msteams/a');
  });

  it('a conversation moved to another service URL is written at once', async () => {
    await remember(message('a'));
    clock.set('2026-12-01T15:00:05Z');
    await remember(message('a', 'https://smba.other.example.com/'));
    const stored = await references.find('msteams/a');
    expect(stored?.reference.serviceUrl).to.equal('https://smba.other.example.com/');
    expect(stored?.updatedAt).to.equal('2026-12-01T15:00:05.000Z');
  });
});
