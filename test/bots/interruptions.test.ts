import { expect } from 'chai';
import { startBotHarness, type BotHarness } from './bot-test-kit.ts';

/** help / cancel / start over / a question at any step, and the three-failure way out. */
describe('interruptions and reprompts', () => {
  let harness: BotHarness;
  before(async () => {
    harness = await startBotHarness();
  });
  after(async () => {
    await harness.stop();
  });

  async function atIntentQuestion() {
    const conversation = harness.conversation();
    for (const answer of ['1', 'OH', '2026-12-20', '2026-12-01']) await conversation.send(answer);
    return conversation;
  }

  it('answers a free-text question mid-walkthrough, then re-asks the pending question and keeps the answers', async () => {
    const conversation = await atIntentQuestion();
    const reply = await conversation.send("what's the fax for dealer purchases?");
    expect(reply).to.include('866-851-0577');
    expect(reply).to.match(/What happens to the car\?/);
    await conversation.send('1');
    await conversation.send('no');
    const decision = await conversation.send('skip');
    // The earlier answers survived the interruption: 19 days early, Ohio, fax for lease returns.
    expect(decision).to.match(/19 days before the maturity date/);
    expect(decision).to.include('877-290-9555');
  });

  const helpCases = [
    { at: 'the state', answers: ['1'], help: /dealership's state/, reask: /Which state/ },
    { at: 'the maturity date', answers: ['1', 'OH'], help: /maturity date/, reask: /When does the lease mature/ },
    { at: 'AVRM access', answers: ['1', 'OH', '2026-12-20', 'today', '1'], help: /Ally Vehicle Return Manager/, reask: /access to AVRM/ },
    { at: 'the pickup party', answers: ['2'], help: /SmartAuction/, reask: /Who's there/ },
  ];
  for (const testCase of helpCases) {
    it(`help at ${testCase.at} explains the step and re-asks it`, async () => {
      const conversation = harness.conversation();
      for (const answer of testCase.answers) await conversation.send(answer);
      const reply = await conversation.send('help');
      expect(reply).to.match(testCase.help);
      expect(reply).to.match(/cancel/);
      expect(reply).to.match(testCase.reask);
    });
  }

  it('cancel mid-walkthrough goes back to the menu, and the walkthrough starts fresh', async () => {
    const conversation = await atIntentQuestion();
    const reply = await conversation.send('cancel');
    expect(reply).to.match(/stopped/);
    expect(reply).to.include('1. Return a vehicle');
    expect(await conversation.send('1')).to.match(/Which state/);
  });

  it('start over clears the dialog and shows the menu', async () => {
    const conversation = await atIntentQuestion();
    const reply = await conversation.send('Start over');
    expect(reply).to.match(/start over/i);
    expect(reply).to.include('1. Return a vehicle');
  });

  it('"don\'t cancel" is not a command (keywords match whole messages only)', async () => {
    const conversation = await atIntentQuestion();
    const reply = await conversation.send("don't cancel");
    expect(reply).not.to.match(/stopped/);
    expect(reply).to.match(/What happens to the car\?/);
  });

  const failureCases = [
    { field: 'state', answers: ['1'], bad: ['Ontario', 'XX', 'Narnia'], problem: /isn't a US state/, needs: /US state/ },
    { field: 'maturity date', answers: ['1', 'OH'], bad: ['2026-02-30', 'soon', '13/45/2026'], problem: /isn't a real calendar date|can't read/, needs: /maturity date/ },
    { field: 'VIN', answers: ['1', 'OH', '2026-12-20', 'today', '1', 'yes'], bad: ['1HGCM82633A004353', 'ABC', '1HGCM82633A00435O'], problem: /check digit|17 characters|I, O or Q/, needs: /VIN/ },
  ];
  for (const testCase of failureCases) {
    it(`a bad ${testCase.field} gets a precise reprompt; after three, what is needed and the menu`, async () => {
      const conversation = harness.conversation();
      for (const answer of testCase.answers) await conversation.send(answer);
      const [first, second, third] = testCase.bad;
      const firstReply = await conversation.send(first ?? '');
      expect(firstReply).to.match(testCase.problem);
      await conversation.send(second ?? '');
      const giveUp = await conversation.send(third ?? '');
      expect(giveUp).to.match(/Let's stop here/);
      expect(giveUp).to.match(testCase.needs);
      expect(giveUp).to.include('1. Return a vehicle');
    });
  }

  it('names the exact problem with a VIN', async () => {
    const conversation = harness.conversation();
    for (const answer of ['1', 'OH', '2026-12-20', 'today', '1', 'yes']) await conversation.send(answer);
    expect(await conversation.send('1HGCM82633A004353')).to.match(/check digit \(9th character\)/);
    expect(await conversation.send('1HGCM82633A00435')).to.match(/has 16/);
  });
});
