import { expect } from 'chai';
import { startBotHarness, type BotHarness } from '../bots/bot-test-kit.ts';

/** Issue 16: the chat's decision summary for a dealer purchase says when the 72-hour hold would end. */
describe('the walkthrough summary of a dealer purchase', () => {
  let harness: BotHarness;
  before(async () => {
    harness = await startBotHarness();
  });
  after(async () => {
    await harness.stop();
  });

  it('dates the end of the hold from a notification now, in the dealer zone (harness clock: Fri Nov 20 10:00 AM EST)', async () => {
    const conversation = harness.conversation();
    for (const answer of ['Return a vehicle', 'CA', '2026-12-20', 'today', 'dealer purchase for inventory', 'yes']) await conversation.send(answer);
    const summary = await conversation.send('skip');
    expect(summary).to.match(/72 hours/);
    expect(summary).to.match(/Hold ends/);
    expect(summary).to.match(/Mon Nov 23 7:00 AM PST/);
  });

  it('says nothing of a hold for a lessee return', async () => {
    const conversation = harness.conversation();
    for (const answer of ['Return a vehicle', 'OH', '2026-12-20', 'today', 'lessee return', 'yes']) await conversation.send(answer);
    const summary = await conversation.send('skip');
    expect(summary).to.not.match(/Hold ends/);
  });
});
