import { expect } from 'chai';
import { matchChoice } from '../../dialogs/choice-matching.ts';
import { parseCalendarDate } from '../../src/domain/calendar-date.ts';
import { parseDate, parseIntent, parseOptionalVin, parseState, parseVinForStatus, type ParseContext } from '../../dialogs/input-parsers.ts';
import { menuChoices, menuCommandOf } from '../../dialogs/messages/menu-messages.ts';
import { contactTopics } from '../../dialogs/messages/contacts-messages.ts';
import { intentChoices, skipWords, yesNoChoices } from '../../dialogs/messages/walkthrough-messages.ts';
import { paragraphText, type Paragraph } from '../../src/channels/reply.ts';
import { plainEscaping } from '../../src/channels/text-escaping.ts';

const today = parseCalendarDate('2026-11-20');
if (!today) throw new Error('fixture');
const context: ParseContext = { today, channelId: 'msteams' };

/** A refusal as plain text reads it. */
const textOf = (problem: Paragraph): string => paragraphText(problem, plainEscaping);

describe('parseState()', () => {
  const accepted = [
    ['OH', 'OH'],
    ['oh', 'OH'],
    ['Ohio', 'OH'],
    [' hawaii ', 'HI'],
    ['District of Columbia', 'DC'],
    ['S.D.', 'SD'],
  ] as const;
  for (const [input, code] of accepted) it(`"${input}" → ${code}`, () => expect(parseState(input)).to.deep.equal({ ok: true, value: code }));
  for (const input of ['Ontario', 'XX', 'PR', '']) {
    it(`refuses "${input}" saying what to give`, () => {
      const parsed = parseState(input);
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) expect(textOf(parsed.problem)).to.match(/two-letter code/);
    });
  }
  it("quotes what was typed as the user's text, apart from its own words (renderers escape it per channel)", () => {
    const typed = '[Ally login](https://evil.example)';
    const parsed = parseState(typed);
    expect(parsed.ok).to.equal(false);
    if (!parsed.ok) expect(parsed.problem).to.have.property('parts').that.deep.includes({ quoted: typed });
  });
});

describe('parseDate()', () => {
  const accepted = [
    ['2026-12-01', '2026-12-01'],
    ['2026-1-5', '2026-01-05'],
    ['11/26/2026', '2026-11-26'],
    ['1/5/27', '2027-01-05'],
    ['11-26-2026', '2026-11-26'],
    ['Nov 26 2026', '2026-11-26'],
    ['November 26, 2026', '2026-11-26'],
    ['26 November 2026', '2026-11-26'],
    ['Dec 1st, 2026', '2026-12-01'],
    ['today', '2026-11-20'],
    ['Tomorrow', '2026-11-21'],
    ['yesterday', '2026-11-19'],
    // Ten years either way is still plausible; a day more is not.
    ['2036-11-20', '2036-11-20'],
    ['2016-11-20', '2016-11-20'],
  ] as const;
  for (const [input, iso] of accepted) it(`"${input}" → ${iso}`, () => expect(parseDate(input, context)).to.deep.equal({ ok: true, value: iso }));

  const refused = [
    ['2026-02-30', /isn't a real calendar date/],
    ['2/30/2026', /isn't a real calendar date/],
    ['13/45/2026', /isn't a real calendar date/],
    ['Feb 30 2026', /isn't a real calendar date/],
    ['next week', /can't read/],
    ['2062-01-01', /10 years/],
    ['2036-11-21', /10 years/],
    ['11/19/2016', /10 years/],
  ] as const;
  for (const [input, problem] of refused) {
    it(`refuses "${input}"`, () => {
      const parsed = parseDate(input, context);
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) expect(textOf(parsed.problem)).to.match(problem);
    });
  }
});

describe('parseIntent() and choices', () => {
  const cases = [
    ['1', 'lesseeReturn'],
    ['lesseeReturn', 'lesseeReturn'],
    ['the lessee is returning it', 'lesseeReturn'],
    ['We buy it for inventory', 'dealerPurchaseForInventory'],
    ['dealer buys it for the lessee', 'dealerPurchaseForLessee'],
    ['3', 'dealerPurchaseForLessee'],
  ] as const;
  for (const [input, intent] of cases) it(`"${input}" → ${intent}`, () => expect(parseIntent(input, intentChoices)).to.deep.equal({ ok: true, value: intent }));
  it('refuses an unknown intent', () => expect(parseIntent('lease it again', intentChoices).ok).to.equal(false));
  it('"4" is not a choice among three', () => expect(parseIntent('4', intentChoices).ok).to.equal(false));

  const yesNo = [
    ['yes', 'yes'],
    ['Yep', 'yes'],
    ['1', 'yes'],
    ['no', 'no'],
    ['2', 'no'],
    ["we don't", 'no'],
  ] as const;
  for (const [input, value] of yesNo) it(`yes/no "${input}" → ${value}`, () => expect(matchChoice(input, yesNoChoices)?.value).to.equal(value));

  it('menu: a whole answer picks, a question that mentions a word does not', () => {
    expect(matchChoice('status', menuChoices)?.value).to.equal('statusCheck');
    expect(matchChoice('who do I call about transport?', menuChoices, { partial: false })).to.equal(undefined);
  });

  it('menu: "check a return status" is the status check, not a tie between "return" and "status"', () => {
    expect(matchChoice('check a return status', menuChoices)?.value).to.equal('statusCheck');
    expect(matchChoice('I want to check the status of a return', menuChoices)?.value).to.equal('statusCheck');
  });

  it('menu: a status question names the status check even when only whole answers count', () => {
    for (const question of ["what's the status of my return?", 'where is my car?', 'what is the return status of VIN 004352?']) {
      expect(matchChoice(question, menuChoices, { partial: false })?.value, question).to.equal('statusCheck');
    }
    expect(matchChoice('how long does a return take?', menuChoices, { partial: false })).to.equal(undefined);
  });

  it('contact topics keep matching by their words ("return" is the lessee-return topic)', () => {
    expect(matchChoice('return', contactTopics)?.value).to.equal('lesseeReturn');
    expect(matchChoice('Return a vehicle', contactTopics)?.value).to.equal('lesseeReturn'); // why the menu command is checked first
  });
});

describe('menuCommandOf()', () => {
  const commands = [
    ['Return a vehicle', 'returnVehicle'],
    ['return a vehicle.', 'returnVehicle'],
    ["Check a return's status", 'statusCheck'],
    ['check a return status', 'statusCheck'],
    ['Who to call', 'contacts'],
    ['Someone is here to pick up a car', 'releaseCheck'],
    ['Ask a question', 'question'],
  ] as const;
  for (const [text, task] of commands) it(`"${text}" → ${task}`, () => expect(menuCommandOf(text)).to.equal(task));
  for (const text of ['return', 'status', 'lessee return', 'pickup', 'yes', '3', 'I want to return a vehicle for the lessee']) {
    it(`"${text}" is an answer, not a command`, () => expect(menuCommandOf(text)).to.equal(undefined));
  }
});

describe('VINs', () => {
  it('accepts a valid VIN with spaces and lower case', () =>
    expect(parseOptionalVin('1hgcm8263 3a004352', skipWords)).to.deep.equal({ ok: true, value: '1HGCM82633A004352' }));
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
  for (const channelId of ['msteams', 'webchat', 'emulator']) {
    it(`status in ${channelId}: the end of a VIN is told to give the full VIN, not a character count`, () => {
      const parsed = parseVinForStatus('3A004352', { ...context, channelId });
      expect(parsed.ok).to.equal(false);
      if (!parsed.ok) {
        expect(parsed.problem).to.match(/full 17-character VIN; over SMS the last 6/);
        expect(parsed.problem).not.to.match(/this one has/);
      }
    });
  }
  it('status in chat: a VIN too short to be its end still gets the precise problem', () => {
    const parsed = parseVinForStatus('ABC', context);
    expect(parsed.ok).to.equal(false);
    if (!parsed.ok) expect(parsed.problem).to.match(/17 characters; this one has 3/);
  });
});
