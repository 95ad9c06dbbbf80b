import { expect } from 'chai';
import { checkGrounding } from '../../src/knowledge/answer-checker.ts';
import { ContactDirectory } from '../../src/rules/contact-directory.ts';
import { loadRuleSet } from '../../src/rules/rule-set.ts';

describe('checkGrounding()', () => {
  const ruleSet = loadRuleSet('rules');
  const directory = new ContactDirectory(ruleSet.contacts);
  const check = (answer: string, citedSections: string[], retrievedSections = citedSections): string[] =>
    checkGrounding({ answer, citedSections, retrievedSections, sections: ruleSet.sections, directory });

  const grounded: [string, string[]][] = [
    ['Ally holds remarketing for 72 hours.', ['dealer-purchase-for-inventory']],
    ['Call 877-290-9544, option 4.', ['pickup-release']],
    ['Fax it to (866) 851-0577.', ['notify-without-avrm']],
    ['The User ID can take up to forty-eight hours.', ['avrm-access']],
    ['Pickup comes within 1 to 7 days.', ['pickup-release']],
    ['Dealer Buyout: 877-290-9544, option 2.', ['smartauction']],
  ];
  for (const [answer, cited] of grounded) {
    it(`accepts "${answer}"`, () => {
      expect(check(answer, cited)).to.deep.equal([]);
    });
  }

  const ungrounded: [string, string[], string[], RegExp][] = [
    ['Call 888-919-2599.', ['avrm-access'], ['avrm-access'], /888-919-2599/],
    ['Ally holds remarketing for 96 hours.', ['dealer-purchase-for-inventory'], ['dealer-purchase-for-inventory'], /96 hours/],
    ['Ally holds remarketing for ninety-six hours.', ['dealer-purchase-for-inventory'], ['dealer-purchase-for-inventory'], /96 hours/],
    ['Transportation: 877-290-9544, option 7.', ['pickup-release'], ['pickup-release'], /option 7/],
    ['Inspections take 1 to 5 days.', ['smartauction'], ['smartauction'], /days/],
    ['It sits for up to 6 days.', ['smartauction', 'state-exceptions'], ['smartauction'], /not retrieved/],
    ['It sits for up to 6 days.', [], ['smartauction'], /no section/],
  ];
  for (const [answer, cited, retrieved, problem] of ungrounded) {
    it(`rejects "${answer}" citing [${cited.join(', ')}]`, () => {
      expect(check(answer, cited, retrieved).join('; ')).to.match(problem);
    });
  }
});
