import { expect } from 'chai';
import { startTestApp } from '../support/test-app.ts';
import { BotConversation, ConnectorSink } from '../support/connector-sink.ts';
import { FixedClock } from '../../src/clock.ts';
import { CONVERSATION_STATE_VERSION } from '../../bots/conversation-state-version.ts';
import { clockStart, startBotHarness, type BotHarness } from './bot-test-kit.ts';

/** State that survives restarts, older state, one turn at a time per conversation, failed turns. */
describe('conversation state', () => {
  it('continues a walkthrough after the server restarts on the same DATA_DIR', async () => {
    const sink = await ConnectorSink.start();
    const clock = new FixedClock(clockStart);
    const first = await startTestApp({}, { clock });
    const options = { channelId: 'msteams', conversationId: 'restart-1' };
    const before = new BotConversation(first.baseUrl, sink, options);
    for (const answer of ['1', 'Ohio', '2026-12-20']) await before.send(answer);
    await first.app.stop();

    const second = await startTestApp({ DATA_DIR: first.dataDir }, { clock });
    try {
      const after = new BotConversation(second.baseUrl, sink, options);
      const reply = await after.send({ value: { choice: 'today' } });
      expect(reply).to.match(/What happens to the car\?/);
      await after.send({ value: { choice: 'lesseeReturn' } });
      await after.send('no');
      const decision = await after.send('skip');
      expect(decision).to.match(/30 days before the maturity date/);
      expect(decision).to.include('877-290-9555');
    } finally {
      await second.stop();
      await first.stop();
      await sink.close();
    }
  });

  describe('with one server', () => {
    let harness: BotHarness;
    before(async () => {
      harness = await startBotHarness();
    });
    after(async () => {
      await harness.stop();
    });

    it('restarts a conversation saved by an older dialog set at the menu, with a short explanation', async () => {
      const conversation = harness.conversation('emulator', 'old-version-1');
      await harness.app.app.stateStore.write([
        {
          key: 'bot:emulator/conversations/old-version-1/',
          value: {
            meta: { version: CONVERSATION_STATE_VERSION - 1, welcomed: true, turns: 4 },
            dialogState: { dialogStack: [{ id: 'returnFlowV0', state: { stepIndex: 3 } }] },
          },
        },
      ]);
      const reply = await conversation.send('yes');
      expect(reply).to.match(/I've been updated/);
      expect(reply).to.include('1. Return a vehicle');
      expect(await conversation.send('1')).to.match(/Which state/);
    });

    it('recovers from a failed turn: apology, a way forward, and the conversation is not stuck', async () => {
      const conversation = harness.conversation('emulator', 'broken-1');
      await conversation.send('hello');
      // A saved dialog the bot no longer knows (a current-version stack entry that does not exist) makes the turn fail.
      const key = 'bot:emulator/conversations/broken-1/';
      const stored = await harness.app.app.stateStore.read([key]);
      const value = stored[key]?.value as Record<string, unknown>;
      await harness.app.app.stateStore.write([{ key, value: { ...value, dialogState: { dialogStack: [{ id: 'noSuchDialog', state: {} }] } } }]);
      const apology = await conversation.send('1');
      expect(apology).to.match(/Sorry, something went wrong/);
      expect(apology).to.include('888-919-2559');
      expect(await conversation.send('1')).to.match(/Which state/);
    });

    // Every concurrent turn is counted in the saved state. (With the synchronous SQLite store turns
    // rarely interleave in one process; turn-queue.test.ts proves the ordering with turns that await I/O.)
    it('concurrent turns in one conversation: every turn answered, none lost from the saved state', async () => {
      const conversation = harness.conversation('emulator', 'concurrent-1');
      await conversation.send('hello');
      const turns = 12;
      const results = await Promise.all(Array.from({ length: turns }, () => conversation.post(conversation.activity({ text: 'help' }))));
      expect(results.map((result) => result.status)).to.deep.equal(Array(turns).fill(200));
      const key = 'bot:emulator/conversations/concurrent-1/';
      const stored = await harness.app.app.stateStore.read([key]);
      const meta = (stored[key]?.value as { meta: { turns: number } } | undefined)?.meta;
      expect(meta?.turns).to.equal(turns + 1);
      const replies = harness.sink.activitiesFor('concurrent-1');
      expect(replies).to.have.length(turns + 1);
    });

    it('runs different conversations in parallel', async () => {
      const conversations = Array.from({ length: 20 }, () => harness.conversation());
      const replies = await Promise.all(conversations.map((conversation) => conversation.send('1')));
      for (const reply of replies) expect(reply).to.match(/Which state/);
    });

    it("remembers the dealer's state for the next walkthrough", async () => {
      const conversation = harness.conversation('emulator', undefined, 'dealer-remember');
      for (const answer of ['1', 'Texas', '2026-12-20', 'today', '1', 'yes', 'skip']) await conversation.send(answer);
      expect(await conversation.send('1')).to.match(/Texas \(TX\)/);
    });
  });
});
