import { expect } from 'chai';
import type { DecisionRequestInput } from '../../src/domain/decision-request.ts';
import { stepsForStage, type Decision } from '../../src/domain/decision.ts';
import { ValidationError } from '../../src/errors.ts';
import { DecisionService } from '../../src/rules/decision-service.ts';
import { loadRuleSet } from '../../src/rules/rule-set.ts';
import { projectDecisionService, request } from '../support/decision-fixtures.ts';

const service = projectDecisionService();
const decide = (overrides: Partial<DecisionRequestInput>): Promise<Decision> => service.decide(request(overrides));
const rulesFired = (decision: Decision): string[] => decision.trace.map((entry) => entry.rule);
const phoneOptions = (decision: Decision): string[] => decision.contacts.map((contact) => `${contact.phone}${contact.option ? `/${contact.option}` : ''}`);

describe('DecisionService', () => {
  describe('decide(): termination type', () => {
    const cases: { returnDate: string; window?: number; expected: 'ET' | 'NM' }[] = [
      { returnDate: '2026-06-14', expected: 'ET' },
      { returnDate: '2026-01-02', expected: 'ET' },
      { returnDate: '2026-06-15', expected: 'NM' },
      { returnDate: '2026-06-20', expected: 'NM' },
      { returnDate: '2026-06-05', window: 10, expected: 'NM' },
      { returnDate: '2026-06-04', window: 10, expected: 'ET' },
    ];
    for (const { returnDate, window, expected } of cases) {
      it(`returned ${returnDate} for a 2026-06-15 maturity${window ? ` with a ${window}-day window` : ''} is ${expected}`, async () => {
        const ruleSet = loadRuleSet('rules');
        const withWindow = window === undefined ? service : new DecisionService({ ...ruleSet, parameters: { normalMaturityWindowDays: window } });
        const decision = await withWindow.decide(request({ returnDate }));
        expect(decision.termination).to.equal(expected);
        const entry = decision.trace.find((trace) => trace.rule.startsWith('termination-'));
        expect(entry?.source).to.equal('quotes');
        expect(entry?.facts).to.include({ normalMaturityWindowDays: window ?? 0 });
      });
    }
  });

  describe('decide(): quotes and remarketing for each intent', () => {
    const table = [
      { intent: 'lesseeReturn', isReturnQuote: true, proof: false, holdHours: 0, immediate: true, contact: '877-290-9544/1', source: 'lessee-return' },
      {
        intent: 'dealerPurchaseForInventory',
        isReturnQuote: true,
        proof: false,
        holdHours: 72,
        immediate: false,
        contact: '877-290-9544/2',
        source: 'dealer-purchase-for-inventory',
      },
      {
        intent: 'dealerPurchaseForLessee',
        isReturnQuote: false,
        proof: true,
        holdHours: 72,
        immediate: false,
        contact: '877-290-9544/2',
        source: 'dealer-purchase-for-lessee',
      },
    ] as const;
    for (const row of table) {
      it(`${row.intent}: return quote ${row.isReturnQuote}, proof of resale ${row.proof}, hold ${row.holdHours} h`, async () => {
        const decision = await decide({ intent: row.intent });
        expect(decision.quote).to.deep.equal({ type: row.intent, isReturnQuote: row.isReturnQuote, requiresProofOfResale: row.proof });
        expect(decision.remarketing).to.deep.equal({ holdHours: row.holdHours, startsImmediately: row.immediate });
        expect(phoneOptions(decision)).to.include(row.contact);
        expect(decision.trace.some((entry) => entry.rule.startsWith('quote-') && entry.source === row.source)).to.equal(true);
        if (row.holdHours === 72) expect(decision.steps.join(' ')).to.contain('72 hours');
      });
    }
  });

  describe('decide(): notification method', () => {
    const table = [
      { intent: 'lesseeReturn', avrm: true, method: 'AVRM', fax: null },
      { intent: 'lesseeReturn', avrm: false, method: 'fax', fax: '877-290-9555' },
      { intent: 'dealerPurchaseForInventory', avrm: false, method: 'fax', fax: '866-851-0577' },
      { intent: 'dealerPurchaseForLessee', avrm: false, method: 'fax', fax: '866-851-0577' },
      { intent: 'dealerPurchaseForLessee', avrm: true, method: 'AVRM', fax: null },
    ] as const;
    for (const row of table) {
      it(`${row.intent} ${row.avrm ? 'with' : 'without'} AVRM → ${row.method}${row.fax ? ` ${row.fax}` : ''}`, async () => {
        const decision = await decide({ intent: row.intent, hasAvrmAccess: row.avrm });
        expect(decision.notification).to.deep.equal({ method: row.method, faxNumber: row.fax });
        const dealerServiceCenter = decision.contacts.some((contact) => contact.phone === '888-919-2559');
        expect(dealerServiceCenter).to.equal(!row.avrm);
        if (!row.avrm) {
          expect(decision.steps.join(' '))
            .to.contain(row.fax ?? '')
            .and.to.contain('allyvehiclereturnmanager.com')
            .and.to.contain('48 hours')
            .and.to.contain('Account Executive');
        }
      });
    }
  });

  describe('decide(): state exceptions', () => {
    for (const state of ['AK', 'HI', 'SD', 'ak']) {
      it(`${state}: no third-party inspection, call the Remarketing Center option 1`, async () => {
        const decision = await decide({ state, intent: 'dealerPurchaseForInventory' });
        expect(decision.inspection.available).to.equal(false);
        expect(phoneOptions(decision)).to.include('877-290-9544/1');
        const entry = decision.trace.find((trace) => trace.rule === 'inspection-not-offered-in-state');
        expect(entry).to.deep.include({ source: 'state-exceptions', facts: { state: state.toUpperCase() } });
      });
      it(`${state}: a lessee return's steps never speak of an inspection that will not happen`, async () => {
        const steps = (await decide({ state, intent: 'lesseeReturn' })).steps.join(' ');
        expect(steps)
          .to.contain('SmartAuction')
          .and.not.to.match(/after the inspection|inspector/i);
      });
    }
    for (const state of ['OH', 'CA', 'DC', 'ND', 'NY']) {
      it(`${state}: inspection offered within 1 to 5 days`, async () => {
        const decision = await decide({ state });
        expect(decision.inspection.available).to.equal(true);
        expect(decision.steps.join(' ')).to.contain('1 to 5 days');
        expect(rulesFired(decision)).to.include('inspection-offered');
      });
    }
  });

  describe('decide(): letters', () => {
    const table = [
      { intent: 'lesseeReturn', returnDate: '2026-05-01', etLetters: true, settlement: true, rule: 'letters-early-termination-return' },
      { intent: 'lesseeReturn', returnDate: '2026-06-15', etLetters: false, settlement: true, rule: 'letters-normal-maturity-return' },
      { intent: 'dealerPurchaseForInventory', returnDate: '2026-05-01', etLetters: false, settlement: false, rule: 'letters-dealer-purchase' },
      { intent: 'dealerPurchaseForLessee', returnDate: '2026-05-01', etLetters: false, settlement: false, rule: 'letters-dealer-purchase' },
    ] as const;
    for (const row of table) {
      it(`${row.intent} returned ${row.returnDate}: ET letters ${row.etLetters}, settlement letter ${row.settlement}`, async () => {
        const decision = await decide({ intent: row.intent, returnDate: row.returnDate });
        expect(decision.letters).to.deep.equal({ etPreSaleLetter: row.etLetters, settlementLetter: row.settlement, settlementAfterAuctionSale: row.etLetters });
        const entry = decision.trace.find((trace) => trace.rule.startsWith('letters-'));
        expect(entry?.rule).to.equal(row.rule);
        expect(entry?.source).to.equal('customer-letters');
        expect(entry?.facts).to.have.property('intent');
        expect(decision.steps.some((step) => /settlement letter/.test(step))).to.equal(row.settlement);
      });
    }

    it('says for a normal-maturity lessee return that Ally mails the lessee a settlement letter', async () => {
      const decision = await decide({ intent: 'lesseeReturn', returnDate: '2026-06-15' });
      expect(decision.termination).to.equal('NM');
      expect(decision.steps.join(' ')).to.match(/Ally mails the lessee a settlement letter/);
      expect(decision.steps.join(' ')).not.to.match(/after the vehicle sells/);
    });

    for (const state of ['AK', 'HI', 'SD'] as const) {
      it(`in ${state} does not say the ET pre-sale letter follows an inspection that does not happen there`, async () => {
        const decision = await decide({ intent: 'lesseeReturn', returnDate: '2026-05-01', state });
        expect(decision.letters.etPreSaleLetter).to.equal(true);
        const letter = decision.steps.find((step) => /Pre-Sale Letter/.test(step)) ?? '';
        expect(letter).not.to.match(/Pre-Sale Letter after the inspection/);
        expect(letter).to.match(/does not say what it follows/);
        expect(letter).to.match(/Remarketing Center/);
        expect(phoneOptions(decision)).to.include('877-290-9544/1');
        expect(rulesFired(decision)).to.include('letters-early-termination-return-without-inspection');
      });
    }
  });

  describe('decide(): steps by case stage', () => {
    it('limits the odometer-copy step to a case not yet past the notification', async () => {
      const decision = await decide({ intent: 'lesseeReturn' });
      const copy = decision.steps.find((step) => /copy of the signed Ally Odometer Statement/.test(step));
      expect(copy).to.be.a('string');
      expect(stepsForStage(decision, 'returned')).to.include(copy);
      expect(stepsForStage(decision, 'notified')).to.include(copy);
      for (const stage of ['inspected', 'postedToSmartAuction', 'sold', 'notSold', 'pickedUp'] as const) {
        expect(stepsForStage(decision, stage), stage).not.to.include(copy);
      }
      expect(stepsForStage(decision, 'sold').some((step) => /inspector should come/.test(step))).to.equal(false);
      expect(stepsForStage(decision, 'pickedUp').some((step) => /Pickup comes 1 to 7 days later/.test(step))).to.equal(false);
    });
  });

  describe('decide(): release at pickup', () => {
    const table = [
      { pickup: { by: 'buyingDealer', proofOfSale: true }, release: true, missing: null },
      { pickup: { by: 'buyingDealer' }, release: false, missing: 'proofOfSale' },
      { pickup: { by: 'buyingDealer', billOfLading: true }, release: false, missing: 'proofOfSale' },
      { pickup: { by: 'transporter', billOfLading: true }, release: true, missing: null },
      { pickup: { by: 'transporter', billOfLading: false }, release: false, missing: 'billOfLading' },
      { pickup: { by: 'transporter', proofOfSale: true }, release: false, missing: 'billOfLading' },
    ] as const;
    for (const row of table) {
      it(`${JSON.stringify(row.pickup)} → ${row.release ? 'release' : `do not release (missing ${row.missing})`}`, async () => {
        const decision = await decide({ pickup: row.pickup });
        expect(decision.pickup).to.deep.equal({ releaseAllowed: row.release, missingDocument: row.missing });
        expect(decision.trace.some((entry) => entry.rule.startsWith('pickup-') && entry.source === 'pickup-release')).to.equal(true);
        // Pickup questions go to Transportation (option 4), whoever is picking up.
        expect(phoneOptions(decision)).to.include('877-290-9544/4');
      });
    }
    it('says nothing about release when no pickup is given', async () => {
      const decision = await decide({});
      expect(decision).not.to.have.property('pickup');
      expect(decision.steps.join(' ')).to.contain('Bill of Lading');
    });
  });

  describe('decide(): eligible quotes and contradictions', () => {
    const eligible = [
      { input: { intent: 'dealerPurchaseForLessee' }, quotes: ['purchaseForLessee'] },
      { input: { intent: 'lesseeReturn' }, quotes: ['dealerPurchaseForInventory', 'lesseeReturn'] },
      { input: { intent: 'dealerPurchaseForInventory' }, quotes: ['dealerPurchaseForInventory', 'lesseeReturn'] },
      { input: { intent: 'dealerPurchaseForLessee', lesseeWantsToPurchase: true }, quotes: ['purchaseForLessee'] },
      { input: { intent: 'lesseeReturn', lesseeWantsToPurchase: false, dealerWantsToPurchase: false }, quotes: ['lesseeReturn'] },
      { input: { intent: 'dealerPurchaseForInventory', lesseeWantsToPurchase: false, dealerWantsToPurchase: true }, quotes: ['dealerPurchaseForInventory'] },
    ] as const;
    for (const row of eligible) {
      it(`${JSON.stringify(row.input)} → ${row.quotes.join(', ')}`, async () => {
        const decision = await decide(row.input);
        expect([...decision.eligibleQuotes].sort()).to.deep.equal([...row.quotes].sort());
      });
    }
    const contradictions = [
      { intent: 'lesseeReturn', lesseeWantsToPurchase: true },
      { intent: 'dealerPurchaseForInventory', lesseeWantsToPurchase: true },
      { intent: 'dealerPurchaseForLessee', lesseeWantsToPurchase: false },
      { intent: 'lesseeReturn', dealerWantsToPurchase: true },
      { intent: 'dealerPurchaseForInventory', dealerWantsToPurchase: false },
    ] as const;
    for (const input of contradictions) {
      it(`${JSON.stringify(input)} is refused, naming intent`, async () => {
        const error = await decide(input).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).to.be.instanceOf(ValidationError);
        expect((error as ValidationError).field).to.equal('intent');
        expect((error as ValidationError).code).to.equal('contradictory_intent');
      });
    }
  });

  describe('decide(): early termination guidance', () => {
    it('an ET points to the Steps for Evaluating Lease ET Vehicle Return Options and the calculator', async () => {
      const steps = (await decide({ returnDate: '2026-03-01' })).steps.join(' ');
      expect(steps).to.contain('Steps for Evaluating Lease ET Vehicle Return Options').and.to.contain('Vehicle Return Option Calculator');
    });
    it('an NM does not', async () => {
      const steps = (await decide({})).steps.join(' ');
      expect(steps).not.to.contain('Vehicle Return Option Calculator');
    });
    it('always starts with the odometer statement copy for the lessee', async () => {
      const decision = await decide({});
      expect(decision.steps[0]).to.contain('Odometer Statement');
    });
  });

  describe('decide(): trace', () => {
    it('names a process section for every rule that fired, with the facts it read', async () => {
      const ruleSet = loadRuleSet('rules');
      const sectionIds = new Set(ruleSet.sections.map((section) => section.id));
      const decision = await decide({ state: 'HI', hasAvrmAccess: false, returnDate: '2026-06-01', pickup: { by: 'transporter' } });
      expect(decision.trace.length).to.be.greaterThan(8);
      for (const entry of decision.trace) expect(sectionIds.has(entry.source), entry.rule).to.equal(true);
      const notification = decision.trace.find((entry) => entry.rule === 'notification-fax-lease-return');
      expect(notification?.facts).to.deep.equal({ hasAvrmAccess: false, intent: 'lesseeReturn' });
      expect(decision.rulesVersion).to.match(/^[0-9a-f]{12}$/);
    });
  });

  describe('decide() under concurrency', () => {
    it('gives the same answers to many overlapping decisions as to the same decisions one by one', async () => {
      const uncached = projectDecisionService({ cacheSize: 0 });
      const inputs: Partial<DecisionRequestInput>[] = [];
      for (const state of ['OH', 'HI', 'SD', 'TX']) {
        for (const intent of ['lesseeReturn', 'dealerPurchaseForInventory', 'dealerPurchaseForLessee'] as const) {
          for (const returnDate of ['2026-06-01', '2026-06-15']) {
            for (const hasAvrmAccess of [true, false])
              inputs.push({ state, intent, returnDate, hasAvrmAccess, pickup: { by: 'transporter', billOfLading: hasAvrmAccess } });
          }
        }
      }
      const sequential: Decision[] = [];
      for (const input of inputs) sequential.push(await uncached.decide(request(input)));
      const overlapping = await Promise.all([...inputs, ...inputs, ...inputs].map((input) => uncached.decide(request(input))));
      for (const [index, decision] of overlapping.entries()) expect(decision).to.deep.equal(sequential[index % inputs.length]);
    });
  });
});
