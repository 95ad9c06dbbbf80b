import { sqliteDatabaseOf } from '../../src/storage/open-storage.ts';
import { expect } from 'chai';
import { createBotRuntime, type BotRuntime } from '../../bots/bot-runtime.ts';
import { FixedClock } from '../../src/clock.ts';
import type { DocumentWrite, ProcessedActivity, StateStore, StoredDocument } from '../../src/storage/state-store.ts';
import { ConnectorSink, textOf, type SentActivity } from '../support/connector-sink.ts';
import { skipOnPostgres, startTestApp } from '../support/test-app.ts';
import { clockStart, startBotHarness, type BotHarness } from './bot-test-kit.ts';

const conversationKey = (channelId: string, conversationId: string): string => `bot:${channelId}/conversations/${conversationId}/`;

/**
 * The real store, whose next write can be held until the test lets it go: a turn that has read its
 * state and run its dialogs waits right before its save, so another turn can overlap it deterministically.
 */
class HoldableStateStore implements StateStore {
  private held: { reached: () => void; release: Promise<void> } | undefined;

  constructor(private readonly inner: StateStore) {}

  /** The next write waits for `release`; resolves once that write is waiting. */
  holdNextWrite(release: Promise<void>): Promise<void> {
    return new Promise((reached) => {
      this.held = { reached, release };
    });
  }

  async write(writes: readonly DocumentWrite[], processed?: ProcessedActivity): Promise<Record<string, string>> {
    const held = this.held;
    if (held) {
      this.held = undefined;
      held.reached();
      await held.release;
    }
    return this.inner.write(writes, processed);
  }

  read(keys: readonly string[]): Promise<Record<string, StoredDocument>> {
    return this.inner.read(keys);
  }

  delete(keys: readonly string[]): Promise<void> {
    return this.inner.delete(keys);
  }

  deleteIfUnchanged(key: string, eTag: string): Promise<boolean> {
    return this.inner.deleteIfUnchanged(key, eTag);
  }

  findProcessed(conversationKey: string, activityId: string): Promise<ProcessedActivity | undefined> {
    return this.inner.findProcessed(conversationKey, activityId);
  }
}

describe('turn safety: overlapping turns, redelivered activities, a full disk', () => {
  describe('two turns of one conversation through two bot runtimes (two adapters) on one database', () => {
    it("exactly one wins; the late one gets the apology and changes nothing; the winner's answer is kept", async () => {
      const clock = new FixedClock(clockStart);
      const running = await startTestApp({}, { clock });
      const sink = await ConnectorSink.start();
      try {
        const { app } = running;
        const holdable = new HoldableStateStore(app.stateStore);
        const runtimeOver = (stateStore: StateStore): BotRuntime =>
          createBotRuntime({
            settings: app.config.botFramework,
            stateStore,
            logger: app.logger,
            services: { decisions: app.decisions, answers: app.answers, status: app.status, clock, logger: app.logger },
          });
        const first = runtimeOver(holdable);
        const second = runtimeOver(app.stateStore);
        let counter = 0;
        // The adapter's entry behind POST /api/messages (authentication off); replies go to the sink.
        const turn = async (runtime: BotRuntime, text: string): Promise<string[]> => {
          counter += 1;
          const id = `overlap-in-${counter}`;
          const activity = {
            type: 'message',
            id,
            text,
            channelId: 'emulator',
            serviceUrl: sink.url,
            conversation: { id: 'overlap-1' },
            from: { id: 'dealer-1' },
            recipient: { id: 'bot' },
          };
          await runtime.adapter.processValidated(activity, '', runtime.logic);
          return sink.received.filter((item) => item.replyToId === id).map((item) => textOf(item.activity));
        };

        expect((await turn(first, '1')).join('\n')).to.match(/Which state/);

        let release = (): void => undefined;
        const released = new Promise<void>((resolve) => {
          release = resolve;
        });
        const waiting = holdable.holdNextWrite(released);
        const late = turn(first, 'Ohio');
        await waiting; // the first runtime's turn has read the state and answered the step; its save waits
        const winner = await turn(second, 'Texas');
        release();
        const loser = await late;

        expect(winner.join('\n')).to.match(/When does the lease mature/);
        expect(loser).to.have.length(1);
        expect(loser[0])
          .to.match(/crossed with another/)
          .and.match(/send it again/);
        expect(loser[0]).not.to.match(/mature|cleared/);

        const key = conversationKey('emulator', 'overlap-1');
        const saved = JSON.stringify((await app.stateStore.read([key]))[key]?.value);
        expect(saved).to.include('"TX"').and.not.include('"OH"');
        expect((JSON.parse(saved) as { meta: { turns: number } }).meta.turns).to.equal(2, 'the late turn counted nothing');
        // The conversation goes on from the winner's step, whichever runtime takes the next message.
        expect((await turn(first, '12/20/2026')).join('\n')).to.match(/day the vehicle comes back/);
      } finally {
        await sink.close();
        await running.stop();
      }
    });
  });

  describe('with one server', () => {
    let harness: BotHarness;
    before(async () => {
      harness = await startBotHarness();
    });
    after(async () => {
      await harness.stop();
    });

    const stateOf = async (channelId: string, conversationId: string): Promise<StoredDocument | undefined> => {
      const key = conversationKey(channelId, conversationId);
      return (await harness.app.app.stateStore.read([key]))[key];
    };
    const texts = (replies: SentActivity[]): string => replies.map(textOf).join('\n');

    it('a redelivered activity (same id) gets the same replies again and changes nothing; one without an id is a new turn each time', async () => {
      const conversation = harness.conversation('emulator', 'redelivered-1');
      await conversation.send('1');
      const answer = conversation.activity({ text: 'Ohio' });
      const first = await conversation.post(answer);
      expect(texts(first.replies)).to.match(/When does the lease mature/);
      const before = await stateOf('emulator', 'redelivered-1');

      const again = await conversation.post(answer);
      expect(again.status).to.equal(200);
      expect(again.replies.map(textOf)).to.deep.equal(first.replies.map(textOf));
      expect(await stateOf('emulator', 'redelivered-1')).to.deep.equal(before, 'same value, same eTag: nothing saved');
      // The next answer goes to the question the dealer was actually asked.
      expect(await conversation.send('12/20/2026')).to.match(/day the vehicle comes back/);

      // Without an id there is nothing to recognise: every delivery is a turn.
      const { id: _id, ...withoutId } = conversation.activity({ text: 'help' });
      const turnsOf = async (): Promise<number | undefined> =>
        ((await stateOf('emulator', 'redelivered-1'))?.value as { meta: { turns: number } } | undefined)?.meta.turns;
      const turnsBefore = await turnsOf();
      for (let round = 0; round < 2; round += 1) expect(texts((await conversation.post(withoutId)).replies)).to.match(/day the vehicle comes back/);
      expect(await turnsOf()).to.equal((turnsBefore ?? Number.NaN) + 2);
    });

    it('a full disk during a turn: the bot says nothing was saved (not "cleared"), and the state is untouched', async function () {
      skipOnPostgres(this, 'fills the SQLite file');
      const conversation = harness.conversation('webchat', 'full-disk-1');
      for (const answer of ['Return a vehicle', 'Ohio', '12/20/2026', 'today', '1', 'no']) await conversation.send(answer);
      const before = await stateOf('webchat', 'full-disk-1');
      const database = sqliteDatabaseOf(harness.app.app.storage);
      // The decision card this turn records is larger than a page: its row needs a page the file may not grow by.
      expect(database.pragma('freelist_count', { simple: true })).to.equal(0);
      database.pragma(`max_page_count = ${Number(database.pragma('page_count', { simple: true }))}`);
      try {
        const refused = texts((await conversation.post(conversation.activity({ text: 'skip' }))).replies);
        expect(refused)
          .to.match(/couldn't save that/)
          .and.match(/nothing changed/);
        expect(refused).not.to.match(/cleared|Sorry, something went wrong/);
        expect(await stateOf('webchat', 'full-disk-1')).to.deep.equal(before);
      } finally {
        database.pragma('max_page_count = 1073741823');
      }
      expect(await conversation.send('skip')).to.match(/877-290-9555|AVRM|fax/i);
    });
  });
});
