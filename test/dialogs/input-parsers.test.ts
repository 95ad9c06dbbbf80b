import { expect } from 'chai';
import { DateTime } from 'luxon';
import { matchChoice } from '../../dialogs/choice-matching.ts';
import { parseDate, parseIntent, parseOptionalVin, parseState, parseVinForStatus, type ParseContext } from '../../dialogs/input-parsers.ts';
import { menuChoices } from '../../dialogs/messages/menu-messages.ts';
import { intentChoices, skipWords, yesNoChoices } from '../../dialogs/messages/walkthrough-messages.ts';

const context: ParseContext = { now: DateTime.fromISO('2026-11-20T10:00:00', { zone: 'America/New_York' }), channelId: 'msteams' };

describe('parseState()', () => {
  const accepted = [['OH', 'OH'], ['oh', 'OH'], ['Ohio', 'OH'], [' hawaii ', 'HI'], ['District of Columbia', 'DC'], ['S.D.', 'SD']] as const;
  for (const [input, code] of accepted) it(`"${input}" → ${code}`, () => expect(parseState(input)).to.deep.equal({ ok: true, value: code }));
  for (const input of ['Ontario', 'XX', 'PR', '']) {
    it(`refuses "${input}" saying what to give`, () => {
      const parsed = parseState(input);
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) expect(parsed.problem).to.match(/two-letter code/);
    });
  }
});

describe('parseDate()', () => {
  const accepted = [
    ['2026-12-01', '2026-12-01'], ['2026-1-5', '2026-01-05'], ['11/26/2026', '2026-11-26'], ['1/5/27', '2027-01-05'],
    ['11-26-2026', '2026-11-26'], ['Nov 26 2026', '2026-11-26'], ['November 26, 2026', '2026-11-26'], ['26 November 2026', '2026-11-26'],
    ['Dec 1st, 2026', '2026-12-01'], ['today', '2026-11-20'], ['Tomorrow', '2026-11-21'], ['yesterday', '2026-11-19'],
  ] as const;
  for (const [input, iso] of accepted) it(`"${input}" → ${iso}`, () => expect(parseDate(input, context)).to.deep.equal({ ok: true, value: iso }));

  const refused = [
    ['2026-02-30', /isn't a real calendar date/],
    ['2/30/2026', /isn't a real calendar date/],
    ['13/45/2026', /isn't a real calendar date/],
    ['Feb 30 2026', /isn't a real calendar date/],
    ['next week', /can't read/],
    ['2062-01-01', /10 years/],
  ] as const;
  for (const [input, problem] of refused) {
    it(`refuses "${input}"`, () => {
      const parsed = parseDate(input, context);
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) expect(parsed.problem).to.match(problem);
    });
  }
});

describe('parseIntent() and choices', () => {
  const cases = [
    ['1', 'lesseeReturn'], ['lesseeReturn', 'lesseeReturn'], ['the lessee is returning it', 'lesseeReturn'],
    ['We buy it for inventory', 'dealerPurchaseForInventory'], ['dealer buys it for the lessee', 'dealerPurchaseForLessee'],
    ['3', 'dealerPurchaseForLessee'],
  ] as const;
  for (const [input, intent] of cases) it(`"${input}" → ${intent}`, () => expect(parseIntent(input, intentChoices)).to.deep.equal({ ok: true, value: intent }));
  it('refuses an unknown intent', () => expect(parseIntent('lease it again', intentChoices).ok).to.equal(false));
  it('"4" is not a choice among three', () => expect(parseIntent('4', intentChoices).ok).to.equal(false));

  const yesNo = [['yes', 'yes'], ['Yep', 'yes'], ['1', 'yes'], ['no', 'no'], ['2', 'no'], ["we don't", 'no']] as const;
  for (const [input, value] of yesNo) it(`yes/no "${input}" → ${value}`, () => expect(matchChoice(input, yesNoChoices)?.value).to.equal(value));

  it('menu: a whole answer picks, a question that mentions a word does not', () => {
    expect(matchChoice('status', menuChoices)?.value).to.equal('statusCheck');
    expect(matchChoice('who do I call about transport?', menuChoices, { partial: false })).to.equal(undefined);
  });
});

describe('VINs', () => {
  it('accepts a valid VIN with spaces and lower case', () => expect(parseOptionalVin('1hgcm8263 3a004352', skipWords)).to.deep.equal({ ok: true, value: '1HGCM82633A004352' }));
  it('"skip" means no VIN', () => expect(parseOptionalVin('Skip', skipWords)).to.deep.equal({ ok: true, value: '' }));
  it('names a wrong check digit', () => {
    const parsed = parseOptionalVin('1HGCM82633A004353', skipWords);
    expect(parsed.ok).to.equal(false);
    if (!parsed.ok) expect(parsed.problem).to.match(/check digit/);
  });
  it('status over SMS accepts the last 6 characters; elsewhere it needs 17', () => {
    expect(parseVinForStatus('004352', { ...context, channelId: 'sms' }).ok).to.equal(true);
    expect(parseVinForStatus('004352', context).ok).to.equal(false);
  });
});
