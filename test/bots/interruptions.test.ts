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
    {
      field: 'maturity date',
      answers: ['1', 'OH'],
      bad: ['2026-02-30', 'soon', '13/45/2026'],
      problem: /isn't a real calendar date|can't read/,
      needs: /maturity date/,
    },
    {
      field: 'VIN',
      answers: ['1', 'OH', '2026-12-20', 'today', '1', 'yes'],
      bad: ['1HGCM82633A004353', 'ABC', '1HGCM82633A00435O'],
      problem: /check digit|17 characters|I, O or Q/,
      needs: /VIN/,
    },
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

  // Three failures end the task; the way back is the menu option of the task that ended, not always the return.
  const giveUpCases = [
    { task: 'return walkthrough', answers: ['Return a vehicle'], bad: ['Narnia', 'XX', 'Ontario'], option: 'Return a vehicle' },
    { task: 'release check', answers: ['Someone is here to pick up a car'], bad: ['a cat', 'the moon', 'nobody'], option: 'Someone is here to pick up a car' },
    { task: 'status check', answers: ["Check a return's status"], bad: ['ABC', '12', 'XYZ'], option: "Check a return's status" },
    { task: 'contacts', answers: ['Who to call'], bad: ['a cat', 'the moon', 'nobody'], option: 'Who to call' },
  ];
  for (const testCase of giveUpCases) {
    it(`after three failures in the ${testCase.task}, the way back names "${testCase.option}"`, async () => {
      const conversation = harness.conversation();
      for (const answer of testCase.answers) await conversation.send(answer);
      let giveUp = '';
      for (const answer of testCase.bad) giveUp = await conversation.send(answer);
      expect(giveUp).to.match(/Let's stop here/);
      expect(giveUp).to.include(`Pick "${testCase.option}" again`);
      for (const other of giveUpCases.filter((candidate) => candidate.option !== testCase.option)) expect(giveUp).not.to.include(`Pick "${other.option}"`);
      expect(giveUp).to.include('1. Return a vehicle'); // the menu follows
    });
  }

  describe('a menu command typed at another step starts that task instead of answering the step', () => {
    it('"Return a vehicle" at "What\'s it about?" (web chat shortcut) starts the walkthrough, not "Lessee return / remarketing"', async () => {
      const conversation = harness.conversation('webchat');
      await conversation.join();
      expect(await conversation.send('Who to call')).to.match(/What's it about\?/);
      const reply = await conversation.send('Return a vehicle');
      expect(reply).to.match(/switching to "Return a vehicle"/);
      expect(reply).to.match(/Which state/);
      expect(reply).not.to.match(/Remarketing Center|877-290-9555/);
      expect(await conversation.send('OH')).to.match(/When does the lease mature/); // and the walkthrough carries on
    });

    const commands = [
      { at: 'the intent question', answers: ['1', 'OH', '2026-12-20', '2026-12-01'], command: "Check a return's status", expect: /Which vehicle\?/ },
      { at: 'the pickup party', answers: ['2'], command: 'who to call', expect: /What's it about\?/ },
      { at: 'the status VIN', answers: ['3'], command: 'Someone is here to pick up a car', expect: /Who's there/ },
      { at: 'the question prompt', answers: ['5'], command: 'return a vehicle', expect: /Which state/ },
      { at: 'the contact topic', answers: ['4'], command: 'check status', expect: /Which vehicle\?/ },
    ];
    for (const testCase of commands) {
      it(`"${testCase.command}" at ${testCase.at}`, async () => {
        const conversation = harness.conversation();
        for (const answer of testCase.answers) await conversation.send(answer);
        const reply = await conversation.send(testCase.command);
        expect(reply).to.match(/switching to/);
        expect(reply).to.match(testCase.expect);
      });
    }

    it('"menu" and "main menu" at a step go back to the menu', async () => {
      for (const word of ['menu', 'Main menu']) {
        const conversation = harness.conversation('webchat');
        await conversation.send('Who to call');
        const reply = await conversation.send(word);
        expect(reply).to.match(/stopped/);
        expect(reply).to.include('Return a vehicle');
        expect(reply).not.to.match(/Remarketing Center/);
      }
    });

    it('a step\'s own answers still match by their words: "return" and "lessee return" at "What\'s it about?"', async () => {
      for (const answer of ['return', 'the lessee return please', '3']) {
        const conversation = harness.conversation();
        await conversation.send('Who to call');
        const reply = await conversation.send(answer);
        expect(reply, answer).to.match(/Lessee return \/ remarketing/);
        expect(reply, answer).not.to.match(/switching/);
      }
    });

    it('a card button of the step is never taken for a menu command', async () => {
      const conversation = harness.conversation('msteams');
      await conversation.send({ value: { choice: 'contacts' } });
      expect(await conversation.send({ value: { choice: 'lesseeReturn' } })).to.match(/Lessee return \/ remarketing/);
    });
  });

  it('names the exact problem with a VIN', async () => {
    const conversation = harness.conversation();
    for (const answer of ['1', 'OH', '2026-12-20', 'today', '1', 'yes']) await conversation.send(answer);
    expect(await conversation.send('1HGCM82633A004353')).to.match(/check digit \(9th character\)/);
    expect(await conversation.send('1HGCM82633A00435')).to.match(/has 16/);
  });
});
