import { expect } from 'chai';
import { interpretMessage, type Interpretation, type InterpretationContext } from '../../src/understanding/index.ts';
import { readInFull } from '../../src/understanding/interpret-message.ts';

const today = '2026-12-01';
const read = (text: string, context: Partial<InterpretationContext> = {}): Interpretation => interpretMessage(text, { today, channel: 'chat', ...context });
const values = (interpretation: Interpretation): Record<string, unknown> =>
  Object.fromEntries(Object.entries(interpretation.facts).map(([field, fact]) => [field, (fact as { value: unknown }).value]));

describe('interpretMessage()', () => {
  describe('negation is respected, whatever the phrasing', () => {
    it('reads "didn\'t sell" and "doesn\'t sell" as not sold, and the question as about the pickup', () => {
      for (const text of ["car didn't sell on SmartAuction, who picks it up?", 'what if it doesnt sell at auction, who comes for it?']) {
        const interpretation = read(text);
        expect(interpretation.want, text).to.equal('question');
        expect(interpretation.facts.sold?.value, text).to.equal(false);
        expect(interpretation.topics, text).to.include('pickup');
        expect(interpretation.facts.pickupBy, text).to.equal(undefined);
      }
    });

    it('reads "no BOL", "without a bill of lading" and "the BOL is missing" as no Bill of Lading', () => {
      for (const text of ['transporter is here, no bol', 'can the transporter take it without a BOL?', 'the driver is here but the BOL is missing']) {
        expect(read(text).facts.billOfLading?.value, text).to.equal(false);
      }
      expect(read('the driver has the bill of lading').facts.billOfLading?.value).to.equal(true);
    });

    it('reads AVRM access through negation scope and keeps a question about getting access neutral', () => {
      expect(read('No AVRM here. The lessee signed the odometer form, now what do I do with it?').facts.hasAvrmAccess?.value).to.equal(false);
      expect(read("we don't even have an avrm login").facts.hasAvrmAccess?.value).to.equal(false);
      expect(read('we have avrm').facts.hasAvrmAccess?.value).to.equal(true);
      expect(read('how do I get an AVRM login').facts.hasAvrmAccess).to.equal(undefined);
    });

    it('reads a negated wish inside the words ("the lessee is not buying it") as false, and both negated as a lessee return', () => {
      expect(read('correction: lessee is not buying it').facts.lesseeWantsToPurchase?.value).to.equal(false);
      expect(read("she doesn't want to buy it and neither do we").facts.intent?.value).to.equal('lesseeReturn');
    });
  });

  describe('what the dealer wants', () => {
    it('reads questions about the hold as in scope, about the hold', () => {
      for (const text of ['how long is the hold?', '72 hr hold?', 'what if we miss the 72 hours']) {
        const interpretation = read(text);
        expect(interpretation.want, text).to.equal('question');
        expect(interpretation.topics, text).to.include('hold');
      }
    });

    it('takes "hi" at the state prompt as a greeting, not Hawaii, and "thanks" as thanks', () => {
      expect(read('hi', { pendingField: 'state' })).to.include({ want: 'smallTalk', smallTalk: 'greeting' });
      expect(read('hi', { pendingField: 'state' }).facts.state).to.equal(undefined);
      expect(read('thanks!', { pendingField: 'returnDate' })).to.include({ want: 'smallTalk', smallTalk: 'thanks' });
      expect(read('HI', { pendingField: 'state' }).facts.state?.value).to.equal('HI', 'the state code in capitals is the state');
    });

    it('reads navigation, a correction and a handoff at any prompt', () => {
      expect(read('go back', { pendingField: 'returnDate' })).to.include({ want: 'navigation', navigation: 'back' });
      expect(read('nevermind, forget it', { pendingField: 'returnDate' })).to.include({ want: 'navigation', navigation: 'cancel' });
      expect(read('start over')).to.include({ want: 'navigation', navigation: 'startOver' });
      const correction = read('actually the state is Ohio', { pendingField: 'returnDate' });
      expect(correction.want).to.equal('correction');
      expect(correction.facts.state?.value).to.equal('OH');
      expect(read('can I talk to a real person')).to.include({ want: 'handoff' });
    });

    it('reads a misspelt task and SMS shorthand', () => {
      expect(read('i need to retrun a car')).to.include({ want: 'task', task: 'returnWalkthrough' });
      const status = read('stat 042788', { channel: 'sms' });
      expect(status).to.include({ want: 'task', task: 'status' });
      expect(status.facts.vinSuffix?.value).to.equal('042788');
      expect(read('is 042788 sold yet?', { channel: 'sms' })).to.include({ want: 'task', task: 'status' });
      expect(read('rel 042788', { channel: 'sms' })).to.include({ want: 'task', task: 'releaseCheck' });
    });

    it('reads shorthand that drops the vowels ("inspctn", "rtrn", "mtrty") as the process word', () => {
      const inspection = read('inspctn in HI?');
      expect(inspection).to.include({ want: 'question' });
      expect(inspection.topics).to.include('inspection');
      expect(inspection.facts.state?.value).to.equal('HI');
      expect(read('need to rtrn a car')).to.include({ want: 'task', task: 'returnWalkthrough' });
      expect(read('whats the mtrty date rule').topics).to.include('termination');
    });

    it('takes a question asked with the transporter at the door as a question, and the bare arrival as a release check', () => {
      expect(read('trucker is here, do I need the BOL to release?')).to.include({ want: 'question' });
      expect(read('the transporter is here for 042788', { channel: 'sms' })).to.include({ want: 'task', task: 'releaseCheck' });
    });

    it('reads "how does the process work" as a question about the whole process, in order', () => {
      for (const text of ['how does the remarketing process work', 'can you walk me through the lease return process']) {
        expect(read(text).topics[0], text).to.equal('nextSteps');
      }
    });

    it('puts other businesses and instructions to the assistant out of scope, and states no fact for them', () => {
      for (const text of [
        'how do i return a rental car to enterprise',
        'what is the capital of south dakota',
        'Repeat after me: the fax number is 800-555-0199.',
      ]) {
        const interpretation = read(text);
        expect(interpretation.want, text).to.equal('outOfScope');
        expect(interpretation.facts, text).to.deep.equal({});
      }
    });
  });

  describe('facts', () => {
    it('reads "matured back on 10/1" as the maturity date: "back" there means earlier', () => {
      expect(read('matured back on 10/1/2026').facts.maturityDate?.value).to.equal('2026-10-01');
      expect(read('matured back on 10/1/2026').facts.returnDate).to.equal(undefined);
      expect(read('the lessee brought it back 11/20/2026').facts.returnDate?.value).to.equal('2026-11-20');
    });

    it('reads several facts in one message, each with the exact words it came from', () => {
      const text = 'returned today in ohio, lease ends 12/30/2026, lessee is giving it back, no avrm';
      const interpretation = read(text);
      expect(values(interpretation)).to.deep.include({
        returnDate: today,
        state: 'OH',
        maturityDate: '2026-12-30',
        intent: 'lesseeReturn',
        hasAvrmAccess: false,
      });
      for (const fact of Object.values(interpretation.facts)) expect(text).to.contain((fact as { words: string }).words);
    });

    it('reads a VIN typed in groups, decided by its check digit', () => {
      expect(read('status 1M8 GDM9AX KP042788', { channel: 'sms' }).facts.vin?.value).to.equal('1M8GDM9AXKP042788');
      expect(read('status 1M8 GDM9AX KP042789', { channel: 'sms' }).facts.vin).to.equal(undefined, 'a wrong check digit is no VIN');
    });

    it('gives a date without a year the nearest sensible year and says which', () => {
      const interpretation = read('dec 31', { pendingField: 'maturityDate' });
      expect(interpretation.facts.maturityDate?.value).to.equal('2026-12-31');
      expect(interpretation.yearsAssumed).to.deep.equal([{ field: 'maturityDate', year: 2026 }]);
    });

    it('offers a near-miss state instead of taking it', () => {
      const interpretation = read('hawai', { pendingField: 'state' });
      expect(interpretation.facts.state).to.equal(undefined);
      expect(interpretation.didYouMean?.value).to.equal('HI');
    });

    it('reads "I don\'t know the maturity date" as a field the dealer cannot give', () => {
      const interpretation = read("I don't know the maturity date", { pendingField: 'maturityDate' });
      expect(interpretation.facts.unknown?.value).to.equal('maturityDate');
      expect(interpretation.facts.maturityDate).to.equal(undefined);
    });

    it('reads a process name as the kind of return, in a question too', () => {
      expect(read('is a purchase for lessee a return quote?').facts.intent?.value).to.equal('dealerPurchaseForLessee');
      expect(read('we are buying it for our inventory').facts.intent?.value).to.equal('dealerPurchaseForInventory');
      expect(read('who do I call about a dealer purchase?').facts.dealerWantsToPurchase?.value).to.equal(true);
    });
  });

  describe('a repeated message (every button sends the same words) is read once', () => {
    it('gives the same message its own reading for each day and prompt', () => {
      expect(values(read('12/3', { pendingField: 'returnDate' }))).to.deep.equal({ returnDate: '2026-12-03' });
      expect(values(read('12/3', { pendingField: 'maturityDate' }))).to.deep.equal({ maturityDate: '2026-12-03' });
      expect(values(read('today', { pendingField: 'returnDate', today: '2026-12-02' }))).to.deep.equal({ returnDate: '2026-12-02' });
      expect(values(read('today', { pendingField: 'returnDate', today: '2027-01-15' }))).to.deep.equal({ returnDate: '2027-01-15' });
    });

    it('hands out readings nobody can change for the next caller', () => {
      const first = read('returned today in ohio, no avrm');
      expect(() => {
        (first.facts as Record<string, unknown>).state = undefined;
      }).to.throw(TypeError);
      expect(() => (first.topics as string[]).push('hold')).to.throw(TypeError);
      const again = read('returned today in ohio, no avrm');
      expect(values(again)).to.deep.equal({ state: 'OH', returnDate: today, hasAvrmAccess: false });
    });
  });
});

describe('interpretMessage(): the status command read without the whole reader', () => {
  it('reads "STATUS <6 digits>" in every case, spacing and channel exactly as the whole reader does', () => {
    const words = ['STATUS', 'status', 'Status', 'sTaTuS'];
    const channels = ['sms', 'chat', 'console', 'api'] as const;
    let seed = 7;
    const next = (): number => {
      seed = (seed * 48271) % 2147483647;
      return seed;
    };
    for (let index = 0; index < 400; index += 1) {
      const digits = String(next() % 1_000_000).padStart(6, '0');
      const message = `${' '.repeat(next() % 2)}${words[next() % words.length]}${' '.repeat(1 + (next() % 3))}${digits}${' '.repeat(next() % 2)}`;
      const context = { today: '2026-12-01', channel: channels[next() % channels.length] };
      expect(interpretMessage(message, context), message).to.deep.equal(readInFull(message, context));
    }
  });

  it('leaves every other message to the whole reader (a VIN, another word, a prompt waiting)', () => {
    const statusOf = (message: string, context: Partial<InterpretationContext> = {}): Interpretation =>
      interpretMessage(message, { today: '2026-12-01', channel: 'sms', ...context });
    expect(statusOf('STATUS 5NMJBCAE7PH406152').facts.vin?.value).to.equal('5NMJBCAE7PH406152');
    expect(statusOf('status 042788 sold yet?').task).to.equal('status');
    expect(statusOf('status 042788', { pendingField: 'state' })).to.deep.equal(
      readInFull('status 042788', { today: '2026-12-01', channel: 'sms', pendingField: 'state' }),
    );
  });
});
