import { expect } from 'chai';
import { startBotHarness, type BotHarness } from '../bots/bot-test-kit.ts';

/**
 * Conversation repair in the return walkthrough, over real Bot Framework activities (today is
 * 2026-11-20 on the harness clock): "back", corrections, several facts in one message, "I don't
 * know", near-miss states, small talk, dates without a year, three misses, deciding again after a
 * decision, and questions that use the facts gathered so far.
 */
describe('conversation repair in the return walkthrough', () => {
  let harness: BotHarness;
  before(async () => {
    harness = await startBotHarness();
  });
  after(async () => {
    await harness.stop();
  });

  async function walkthroughAt(answers: readonly string[]) {
    const conversation = harness.conversation();
    for (const answer of ['Return a vehicle', ...answers]) await conversation.send(answer);
    return conversation;
  }

  describe('"back"', () => {
    it('re-asks the previous question, then carries on to the one the dealer was at', async () => {
      const conversation = await walkthroughAt(['OH', '2026-12-20']);
      const back = await conversation.send('go back');
      expect(back).to.match(/back one question/);
      expect(back).to.match(/When does the lease mature/);
      expect(await conversation.send('2026-12-24')).to.match(/day the vehicle comes back/);
      await conversation.send('2026-12-01');
      await conversation.send('1');
      await conversation.send('yes');
      // The re-answered maturity date is the one decided on: 23 days early.
      expect(await conversation.send('skip')).to.match(/23 days before the maturity date/);
    });

    it('at the first question says there is nothing before it and asks it again', async () => {
      const conversation = await walkthroughAt([]);
      const reply = await conversation.send('back');
      expect(reply).to.match(/nothing before it/);
      expect(reply).to.match(/Which state/);
    });
  });

  describe('corrections', () => {
    const corrections = [
      {
        at: 'the maturity date',
        answers: ['Indiana'],
        message: "actually it's Ohio",
        changed: /Changed the state to Ohio/,
        reask: /When does the lease mature/,
      },
      {
        at: 'the intent',
        answers: ['OH', '2026-12-20', '2026-12-01'],
        message: 'no, the return date is 12/3',
        changed: /Changed the return date to 2026-12-03/,
        reask: /What happens to the car\?/,
      },
      {
        at: 'the return date',
        answers: ['Indiana', '2026-12-20'],
        message: 'actually the state is Ohio',
        changed: /Changed the state to Ohio/,
        reask: /day the vehicle comes back/,
      },
    ];
    for (const testCase of corrections) {
      it(`"${testCase.message}" at ${testCase.at} changes the earlier answer and re-asks where the dealer was`, async () => {
        const conversation = await walkthroughAt(testCase.answers);
        const reply = await conversation.send(testCase.message);
        expect(reply).to.match(testCase.changed);
        expect(reply).to.match(testCase.reask);
        expect(reply).not.to.match(/isn't a US state|can't read|didn't catch/);
      });
    }

    it('a correction is not a miss: three corrections and the walkthrough still decides', async () => {
      const conversation = await walkthroughAt(['OH', '2026-12-20']);
      for (const message of ["actually it's Indiana", "actually it's Hawaii", 'actually the state is Ohio']) {
        expect(await conversation.send(message)).not.to.match(/Let's stop here/);
      }
      for (const answer of ['2026-12-01', '1', 'no']) await conversation.send(answer);
      const decision = await conversation.send('skip');
      expect(decision).to.match(/19 days before the maturity date/);
      expect(decision).to.include('877-290-9555');
    });
  });

  it('one message with several facts fills them and skips their questions', async () => {
    const conversation = await walkthroughAt([]);
    const reply = await conversation.send('returned today in ohio, lease ends 12/30/2026, lessee is giving it back, no avrm');
    expect(reply).to.match(/Got it/);
    expect(reply).to.match(/Odometer Statement/);
    expect(reply).to.match(/VIN/);
    expect(reply).not.to.match(/When does the lease mature|What happens to the car\?|access to AVRM/);
    const decision = await conversation.send('skip');
    expect(decision).to.match(/Early termination/);
    expect(decision).to.include('877-290-9555');
  });

  it('the first message that starts the walkthrough can carry facts', async () => {
    const conversation = harness.conversation();
    const reply = await conversation.send('i need to retrun a car in ohio');
    expect(reply).to.match(/Ohio/);
    expect(reply).to.match(/When does the lease mature/);
    expect(reply).not.to.match(/Which state/);
  });

  it('after a greeting at the menu, "i need to retrun a car" starts the walkthrough (no facts needed)', async () => {
    const conversation = harness.conversation();
    await conversation.send('hi');
    expect(await conversation.send('i need to retrun a car')).to.match(/Which state/);
  });

  it('after the welcome menu, a message that starts the walkthrough with facts keeps them too', async () => {
    const conversation = harness.conversation('webchat');
    await conversation.join();
    const reply = await conversation.send('i need to retrun a car in ohio');
    expect(reply).to.match(/When does the lease mature/);
    expect(reply).not.to.match(/Which state/);
  });

  it('"I don\'t know the maturity date" says where to find it and re-asks, without counting a miss', async () => {
    const conversation = await walkthroughAt(['OH']);
    for (let turn = 0; turn < 3; turn += 1) {
      const reply = await conversation.send("I don't know the maturity date");
      expect(reply).to.match(/lease contract/);
      expect(reply).to.match(/AVRM/);
      expect(reply).to.match(/Account Executive/);
      expect(reply).to.match(/When does the lease mature/);
      expect(reply).not.to.match(/Let's stop here/);
    }
  });

  it('not knowing at a date prompt, without naming the date ("no clue, the contract is in the office"), is the same: where to find it', async () => {
    const conversation = await walkthroughAt(['OH']);
    const reply = await conversation.send('no clue, the contract is in the office');
    expect(reply).to.match(/lease contract/);
    expect(reply).to.match(/When does the lease mature/);
  });

  it('"hang on, take me back a step" goes back one question; "one sec, grabbing it" is small talk, never a miss', async () => {
    const conversation = await walkthroughAt(['OH', '2026-12-20']);
    const back = await conversation.send('hang on, take me back a step');
    expect(back).to.match(/back one question/);
    expect(back).to.match(/When does the lease mature/);
    const waiting = await conversation.send('one sec, grabbing the contract');
    expect(waiting).to.match(/When does the lease mature/);
    expect(waiting).not.to.match(/Let's stop here|can't read/i);
  });

  it('a city at the state prompt is its state, and a state code after a greeting is the answer', async () => {
    const inCity = await walkthroughAt([]);
    expect(await inCity.send('Sioux Falls')).to.match(/When does the lease mature/);
    const greeted = await walkthroughAt([]);
    expect(await greeted.send('hi, OH')).to.match(/When does the lease mature/);
  });

  describe('a near-miss state', () => {
    it('"hawai" asks "Did you mean Hawaii?", and yes takes it', async () => {
      const conversation = await walkthroughAt([]);
      expect(await conversation.send('hawai')).to.match(/Did you mean Hawaii\?/);
      expect(await conversation.send('yes')).to.match(/When does the lease mature/);
      for (const answer of ['2026-12-20', 'today', '1', 'yes']) await conversation.send(answer);
      expect(await conversation.send('skip')).to.match(/not offered in HI|aren't offered in Hawaii/);
    });

    it('the Yes button of a Teams card takes it too', async () => {
      const conversation = harness.conversation('msteams');
      await conversation.send('Return a vehicle');
      expect(await conversation.send('hawai')).to.match(/Did you mean Hawaii\?/);
      expect(await conversation.send({ value: { choice: 'yes' } })).to.match(/When does the lease mature/);
    });

    it('no re-asks the state', async () => {
      const conversation = await walkthroughAt([]);
      await conversation.send('hawai');
      expect(await conversation.send('no')).to.match(/Which state/);
    });
  });

  describe('small talk at a prompt', () => {
    it('"hi" at the state question is a greeting, not Hawaii', async () => {
      const conversation = await walkthroughAt([]);
      const reply = await conversation.send('hi');
      expect(reply).to.match(/Which state/);
      expect(await conversation.send('OH')).to.match(/When does the lease mature/);
      for (const answer of ['2026-12-20', 'today', '1', 'yes']) await conversation.send(answer);
      expect(await conversation.send('skip')).not.to.match(/Hawaii/);
    });

    it('"thanks" gets a short answer and the question again, never a miss', async () => {
      const conversation = await walkthroughAt(['OH']);
      for (let turn = 0; turn < 3; turn += 1) {
        const reply = await conversation.send('thanks');
        expect(reply).to.match(/welcome/i);
        expect(reply).to.match(/When does the lease mature/);
        expect(reply).not.to.match(/Let's stop here|can't read/);
      }
    });
  });

  it('a date without a year takes the nearest sensible year and says which', async () => {
    const conversation = await walkthroughAt(['OH']);
    const reply = await conversation.send('dec 31');
    expect(reply).to.match(/took 2026 for the maturity date/);
    expect(reply).to.match(/day the vehicle comes back/);
  });

  describe('three misses', () => {
    it('offer what the question needs, the menu and the Dealer Service Center, and keep the answers so far', async () => {
      const conversation = await walkthroughAt(['OH']);
      await conversation.send('soon');
      await conversation.send('whenever');
      const help = await conversation.send('13/45/2026');
      expect(help).to.match(/maturity date/);
      expect(help).to.include('888-919-2559');
      expect(help).to.include('Return a vehicle');
      // Answering now carries on with Ohio kept: no state question again.
      const next = await conversation.send('12/20/2026');
      expect(next).to.match(/day the vehicle comes back/);
      for (const answer of ['2026-12-01', '1', 'no']) await conversation.send(answer);
      const decision = await conversation.send('skip');
      expect(decision).to.match(/19 days before the maturity date/);
      expect(decision).to.include('Inspection');
    });

    it('"Return a vehicle" after the misses also continues with what was kept', async () => {
      const conversation = await walkthroughAt(['OH']);
      for (const answer of ['soon', 'whenever', '13/45/2026']) await conversation.send(answer);
      const reply = await conversation.send('Return a vehicle');
      expect(reply).to.match(/When does the lease mature/);
      expect(reply).not.to.match(/Which state/);
    });
  });

  describe('after the decision', () => {
    async function decided() {
      const conversation = await walkthroughAt(['OH', '2026-12-20', '2026-12-01', '1', 'no']);
      const decision = await conversation.send('skip');
      expect(decision).to.match(/Lessee Return/);
      return conversation;
    }

    it('"make it a dealer purchase for inventory" decides again with that intent', async () => {
      const conversation = await decided();
      const reply = await conversation.send('make it a dealer purchase for inventory');
      expect(reply).to.match(/Dealer Purchase for Inventory/);
      expect(reply).to.match(/72 hours/);
      expect(reply).to.include('866-851-0577');
    });

    it('"what if the lessee keeps it" decides again as a purchase for the lessee', async () => {
      const conversation = await decided();
      const reply = await conversation.send('what if the lessee keeps it');
      expect(reply).to.match(/Dealer Purchase for Lessee/);
      expect(reply).to.match(/proof of resale/);
    });

    it('"actually it\'s in Alaska" decides again without inspections', async () => {
      const conversation = await decided();
      const reply = await conversation.send("actually it's in Alaska");
      expect(reply).to.match(/Changed the state to Alaska/);
      expect(reply).to.match(/aren't offered in Alaska/);
    });

    it('"Return a vehicle" after a decision starts a fresh walkthrough', async () => {
      const conversation = await decided();
      expect(await conversation.send('Return a vehicle')).to.match(/Which state/);
    });
  });

  it('a question mid-walkthrough is answered with the facts so far: no inspector in Hawaii', async () => {
    const conversation = await walkthroughAt(['Hawaii']);
    const reply = await conversation.send('will an inspector come?');
    expect(reply).to.match(/not (?:offered|available)/i);
    expect(reply).to.match(/Hawaii|\bHI\b/);
    expect(reply).not.to.match(/a (?:third-party|3rd party) inspector (?:comes|will visit)/i);
    expect(reply).to.match(/When does the lease mature/);
  });

  it('an out-of-scope question gets the Dealer Service Center number from the directory', async () => {
    const conversation = await walkthroughAt(['OH']);
    const reply = await conversation.send('what is the capital of france?');
    expect(reply).to.include('888-919-2559');
    expect(reply).to.match(/When does the lease mature/);
  });
});
