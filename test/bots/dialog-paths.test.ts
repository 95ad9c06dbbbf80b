import { expect } from 'chai';
import { startBotHarness, walkthroughAnswers, type BotHarness } from './bot-test-kit.ts';

/** Transcript scripts over real HTTP: each dialog path from the menu to its outcome. */
describe('dialog paths (POST /api/messages → connector sink)', () => {
  let harness: BotHarness;
  before(async () => {
    harness = await startBotHarness();
  });
  after(async () => {
    await harness.stop();
  });

  it('greets a new member once, with the menu', async () => {
    const conversation = harness.conversation();
    const first = await conversation.join();
    expect(first).to.match(/Lease Return Assistant/);
    expect(first).to.include('1. Return a vehicle');
    expect(first).to.include("Check a return's status");
    expect(await conversation.join()).to.equal('');
  });

  describe('return walkthrough', () => {
    const cases = [
      {
        name: 'early lessee return without AVRM in Ohio',
        facts: { state: 'Ohio', maturity: '2026-12-20', returned: 'today', intent: '1', avrm: 'no' },
        expect: [
          /Early termination \(ET\)/,
          /remarketing right away/,
          /877-290-9555/,
          /30 days before the maturity date/,
          /1 to 5 days/,
          /up to 6 days/,
          /1 to 7 days/,
          /888-919-2559/,
          /ET Pre-Sale Letter/,
        ],
        refuse: [/72 hours/, /866-851-0577/],
      },
      {
        name: 'dealer purchase for inventory at maturity with AVRM',
        facts: { state: 'tx', maturity: '11/20/2026', returned: 'Nov 20 2026', intent: 'we buy it for inventory', avrm: 'yes' },
        expect: [/Normal maturity \(NM\)/, /72 hours/, /877-290-9544, option 2/, /AVRM/],
        refuse: [/877-290-9555/, /866-851-0577/, /ET Pre-Sale Letter/],
      },
      {
        name: 'dealer purchase for the lessee without AVRM faxes to the purchase line',
        facts: { state: 'CA', maturity: '2027-03-01', returned: 'today', intent: '3', avrm: 'nope' },
        expect: [/ET/, /not a return quote/, /proof of resale/, /866-851-0577/, /72 hours/],
        refuse: [/877-290-9555/],
      },
      {
        name: 'Hawaii: no third-party inspection, the Remarketing Center instead',
        facts: { state: 'Hawaii', maturity: '2026-11-01', returned: 'yesterday', intent: 'return', avrm: 'y', vin: '1HGCM82633A004352' },
        expect: [/NM/, /not offered in Hawaii/, /877-290-9544, option 1/, /1HGCM82633A004352/],
        refuse: [/third-party inspector should come/],
      },
    ];
    for (const testCase of cases) {
      it(testCase.name, async () => {
        const conversation = harness.conversation();
        let last = '';
        for (const answer of walkthroughAnswers(testCase.facts)) last = await conversation.send(answer);
        for (const pattern of testCase.expect) expect(last).to.match(pattern);
        for (const pattern of testCase.refuse) expect(last).not.to.match(pattern);
        expect(last).to.include('Anything else?');
      });
    }

    it('reminds about the odometer statement copy as soon as the car is back', async () => {
      const conversation = harness.conversation();
      for (const answer of ['1', 'OH', '2026-12-20']) await conversation.send(answer);
      const afterReturnDate = await conversation.send('today');
      expect(afterReturnDate).to.match(/copy of their signed Ally Odometer Statement/);
      expect(afterReturnDate).to.match(/What happens to the car\?/);
    });

    it('does not remind about the odometer copy for a car that comes back later', async () => {
      const conversation = harness.conversation();
      for (const answer of ['1', 'OH', '2026-12-20']) await conversation.send(answer);
      expect(await conversation.send('2026-12-01')).not.to.match(/Odometer Statement/);
    });
  });

  describe('release check', () => {
    const cases = [
      { party: 'buying dealer', document: 'yes', release: true, number: undefined },
      { party: 'The buying dealer', document: 'no', release: false, number: '877-290-9544, option 4' },
      { party: '2', document: 'yes', release: true, number: undefined },
      { party: 'a transporter', document: 'no', release: false, number: '877-290-9544, option 4' },
    ];
    for (const testCase of cases) {
      it(`${testCase.party} with document "${testCase.document}" → ${testCase.release ? 'release' : 'do not release'}`, async () => {
        const conversation = harness.conversation();
        expect(await conversation.send('someone is here to pick up a car')).to.match(/Who's there to pick up the car\?/);
        expect(await conversation.send(testCase.party)).to.match(/proof of sale|Bill of Lading/);
        const outcome = await conversation.send(testCase.document);
        if (testCase.release) {
          expect(outcome).to.match(/^Release the vehicle/m);
          expect(outcome).not.to.match(/Do not release/);
        } else {
          expect(outcome).to.match(/Do not release the vehicle/);
        }
        if (testCase.number) expect(outcome).to.include(testCase.number);
      });
    }

    it('explains who is who when the dealer is not sure, then asks again', async () => {
      const conversation = harness.conversation();
      await conversation.send('2');
      const reply = await conversation.send('not sure');
      expect(reply).to.match(/SmartAuction/);
      expect(reply).to.match(/Bill of Lading/);
      expect(reply).to.match(/Who's there to pick up the car\?/);
    });
  });

  describe('contacts', () => {
    const cases = [
      { topic: 'Dealer purchase / 72-hour hold', numbers: ['877-290-9544, option 2', '866-851-0577'] },
      { topic: '1', numbers: ['888-919-2559', 'allyvehiclereturnmanager.com'] },
      { topic: 'transport', numbers: ['877-290-9544, option 4'] },
      { topic: 'all', numbers: ['888-919-2559', '877-290-9544, option 1', '877-290-9544, option 2', '877-290-9544, option 4', '877-290-9555', '866-851-0577'] },
    ];
    for (const testCase of cases) {
      it(`"${testCase.topic}" gives ${testCase.numbers.join(' and ')}`, async () => {
        const conversation = harness.conversation();
        expect(await conversation.send('who to call')).to.match(/right number/);
        const reply = await conversation.send(testCase.topic);
        for (const number of testCase.numbers) expect(reply).to.include(number);
      });
    }
  });

  describe('status check', () => {
    it('asks an unrecognized chat user for a full VIN off SMS, and shows no case: it says how to link', async () => {
      const conversation = harness.conversation('msteams');
      expect(await conversation.send({ value: { choice: 'statusCheck' } })).to.match(/17-character VIN/);
      const bad = await conversation.send('004352');
      // Chat users have no dealer scope, so the last 6 are not enough, and the reply says so plainly.
      expect(bad).to.match(/In chat, type the full 17-character VIN/);
      expect(bad).to.match(/over SMS the last 6/);
      expect(bad).not.to.match(/this one has 6/);
      const answer = await conversation.send('1HGCM82633A004352');
      // Issue 15: a chat user not linked to a dealer gets no case, whatever VIN they type.
      expect(answer).to.match(/not linked yet/);
      expect(answer).to.match(/link my dealership/);
      expect(answer).to.include('Anything else?');
    });

    for (const channelId of ['msteams', 'webchat']) {
      it(`in ${channelId}, the end of a VIN is refused with "type the full VIN", a malformed VIN with its problem`, async () => {
        const conversation = harness.conversation(channelId);
        await conversation.send({ value: { choice: 'statusCheck' } });
        expect(await conversation.send('A004352')).to.match(/full 17-character VIN; over SMS the last 6/);
        const wrong = await conversation.send('1HGCM82633A004353');
        expect(wrong).to.match(/check digit/);
        expect(wrong).not.to.match(/over SMS/);
      });
    }

    const statusPhrasings = [
      'check a return status',
      'Check the status of a return',
      'status of a car',
      'where is my return',
      "what's the status of my return?",
      'whats the status of my car',
      'Return status',
    ];
    for (const phrase of statusPhrasings) {
      it(`"${phrase}" at the menu opens the status check, not the out-of-scope reply`, async () => {
        const conversation = harness.conversation('webchat');
        await conversation.join();
        const reply = await conversation.send(phrase);
        expect(reply).to.match(/Which vehicle\?/);
        expect(reply).not.to.match(/outside what I know/);
      });
    }

    it('a first SMS "check a return status" opens the status check too', async () => {
      const conversation = harness.conversation('sms', undefined, '+15135550102');
      expect(await conversation.send('check a return status')).to.match(/last 6 characters/);
    });

    it('a process question that mentions a return is still answered, not taken for a task', async () => {
      const conversation = harness.conversation();
      await conversation.join();
      const reply = await conversation.send('How long does the inspection take after a return?');
      expect(reply).to.match(/1 to 5 days/);
      expect(reply).not.to.match(/Which vehicle\?|Which state/);
    });

    it('over SMS accepts the last 6 characters', async () => {
      const conversation = harness.conversation('sms', undefined, '+15135550100');
      expect(await conversation.send('3')).to.match(/last 6 characters/);
      const answer = await conversation.send('004352');
      expect(answer).not.to.match(/doesn't check out/);
    });
  });

  describe('ask a question', () => {
    it('answers from the process with its source', async () => {
      const conversation = harness.conversation();
      expect(await conversation.send('5')).to.match(/What's your question\?/);
      const answer = await conversation.send('what is the fax number for dealer purchases?');
      expect(answer).to.include('866-851-0577');
      expect(answer).to.include('Anything else?');
    });

    it('answers a question typed straight at the menu', async () => {
      const conversation = harness.conversation();
      await conversation.join();
      const answer = await conversation.send('How long does the inspection take?');
      expect(answer).to.match(/1 to 5 days/);
      expect(answer).to.include('1. Return a vehicle');
    });

    it('answers a first SMS question without a welcome first', async () => {
      const conversation = harness.conversation('sms', undefined, '+15135550101');
      const answer = await conversation.send('who do I call about transport?');
      expect(answer).to.include('877-290-9544');
    });
  });
});
