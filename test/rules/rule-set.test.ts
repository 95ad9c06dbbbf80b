import { expect } from 'chai';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RuleSetError } from '../../src/errors.ts';
import { DecisionService } from '../../src/rules/decision-service.ts';
import { checkRuleSet } from '../../src/rules/rule-set-check.ts';
import { loadRuleSet } from '../../src/rules/rule-set.ts';
import { makeTempDir } from '../support/test-app.ts';

type Json = Record<string, unknown> & { rules: Record<string, unknown>[] };

/** A copy of rules/ with one file changed, so each test breaks exactly one thing. */
function rulesWith(fileName: string, change: (json: Json) => void): string {
  const directory = makeTempDir('lra-rules-');
  cpSync('rules', directory, { recursive: true });
  const filePath = path.join(directory, fileName);
  const json = JSON.parse(readFileSync(filePath, 'utf8')) as Json;
  change(json);
  writeFileSync(filePath, JSON.stringify(json));
  return directory;
}

function loadError(directory: string): string {
  try {
    loadRuleSet(directory);
  } catch (error) {
    expect(error).to.be.instanceOf(RuleSetError);
    return (error as Error).message;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  throw new Error('expected the rule set to be refused');
}

describe('loadRuleSet()', () => {
  it('loads the project rules, contacts and sections with a stable version', () => {
    const first = loadRuleSet('rules');
    expect(first.rules.length).to.be.greaterThan(20);
    expect(first.contacts.map((contact) => contact.id)).to.include.members([
      'dealerServiceCenter',
      'remarketingCenter',
      'dealerBuyout',
      'transportation',
      'faxLeaseReturns',
      'faxDealerPurchases',
      'avrmRegistration',
    ]);
    expect(first.sections.map((section) => section.id)).to.include.members([
      'notify-ally',
      'quotes',
      'dealer-purchase-for-lessee',
      'post-return-inspection',
      'pickup-release',
      'state-exceptions',
    ]);
    expect(first.parameters.normalMaturityWindowDays).to.equal(0);
    expect(loadRuleSet('rules').version).to.equal(first.version);
  });

  const breakages: { what: string; file: string; change: (json: Json) => void; message: RegExp }[] = [
    {
      what: 'an unknown operator',
      file: 'quotes.json',
      change: (json) => {
        json.rules[1] = { ...json.rules[1], conditions: { all: [{ fact: 'intent', operator: 'equals', value: 'x' }] } };
      },
      message: /quotes\.json: rule "quote-dealer-purchase-for-inventory": conditions.*operator/,
    },
    {
      what: 'an unknown fact',
      file: 'pickup.json',
      change: (json) => {
        json.rules[1] = { ...json.rules[1], conditions: { all: [{ fact: 'pickupParty', operator: 'equal', value: 'x' }] } };
      },
      message: /pickup\.json: rule "pickup-buying-dealer-with-proof-of-sale": unknown fact "pickupParty"/,
    },
    {
      what: 'a source that is not a process section',
      file: 'termination.json',
      change: (json) => {
        json.rules[0] = { ...json.rules[0], source: 'quote-matrix' };
      },
      message: /termination\.json: rule "termination-early": source "quote-matrix" is not a process section/,
    },
    {
      what: 'an unknown contact',
      file: 'remarketing.json',
      change: (json) => {
        const rule = json.rules[0] as { event: { params: { contacts: string[] } } };
        rule.event.params.contacts = ['dealerBuyOut'];
      },
      message: /remarketing\.json: rule "remarketing-hold-for-dealer-purchase": unknown contact "dealerBuyOut"/,
    },
    {
      what: 'a step with an unknown placeholder',
      file: 'notification.json',
      change: (json) => {
        const rule = json.rules[1] as { event: { params: { steps: { order: number; text: string }[] } } };
        rule.event.params.steps = [{ order: 30, text: 'Fax to {{faxLeaseReturn}}' }];
      },
      message: /notification\.json: rule "notification-fax-lease-return": step text uses unknown placeholder \{\{faxLeaseReturn\}\}/,
    },
    {
      what: 'a wrongly typed event parameter',
      file: 'remarketing.json',
      change: (json) => {
        const rule = json.rules[0] as { event: { params: { holdHours: unknown } } };
        rule.event.params.holdHours = '72';
      },
      message: /remarketing\.json: rule "remarketing-hold-for-dealer-purchase": event\.params\.holdHours/,
    },
    {
      what: 'a rule without a title (the line every "why" shows)',
      file: 'termination.json',
      change: (json) => {
        const { title: _title, ...untitled } = json.rules[1] as Record<string, unknown>;
        json.rules[1] = untitled;
      },
      message: /termination\.json: rule "termination-normal-maturity": title/,
    },
    {
      what: 'a duplicated rule name',
      file: 'quotes.json',
      change: (json) => {
        json.rules[1] = { ...json.rules[1], name: 'quote-lessee-return' };
      },
      message: /rule "quote-lessee-return" is defined twice/,
    },
  ];
  for (const breakage of breakages) {
    it(`refuses ${breakage.what}, naming the file and the rule`, () => {
      expect(loadError(rulesWith(breakage.file, breakage.change))).to.match(breakage.message);
    });
  }

  it('refuses a file that is not JSON, naming it', () => {
    const directory = makeTempDir('lra-rules-');
    cpSync('rules', directory, { recursive: true });
    writeFileSync(path.join(directory, 'pickup.json'), '{ "rules": [ ');
    expect(loadError(directory)).to.match(/pickup\.json: not valid JSON/);
  });
});

describe('checkRuleSet()', () => {
  it('passes for the project rules', async () => {
    const result = await checkRuleSet(new DecisionService(loadRuleSet('rules'), { cacheSize: 0 }));
    expect(result.evaluations).to.be.greaterThan(300);
  });

  it('refuses a rule set where two rules decide the same thing, naming the second rule', async () => {
    const directory = rulesWith('termination.json', (json) => {
      const rule = json.rules[1] as { conditions: unknown };
      rule.conditions = { all: [{ fact: 'daysBeforeMaturity', operator: 'lessThanInclusive', value: 1000 }] };
    });
    try {
      const error = await checkRuleSet(new DecisionService(loadRuleSet(directory), { cacheSize: 0 })).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(RuleSetError);
      expect((error as Error).message).to.match(/two rules decided "termination" \(the second is "termination-normal-maturity"\)/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses a rule that can never fire', async () => {
    const directory = rulesWith('post-return.json', (json) => {
      const rule = json.rules[4] as { conditions: unknown };
      rule.conditions = { all: [{ fact: 'intent', operator: 'equal', value: 'lesseeReturns' }] };
    });
    try {
      const error = await checkRuleSet(new DecisionService(loadRuleSet(directory), { cacheSize: 0 })).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect((error as Error).message).to.match(/"advice-smartauction" never fired/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
