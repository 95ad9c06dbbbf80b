import assert from 'node:assert/strict';
import { gsm7Length, isGsm7 } from '../../src/domain/sms-text.ts';
import { smsAnswerText } from '../../src/sms/sms-answer-text.ts';

const fitsTwoSegments = (message: string): void => assert.ok(isGsm7(message) && gsm7Length(message) <= 320, `${gsm7Length(message)}: ${message}`);

describe('smsAnswerText()', () => {
  it('leaves a short answer as it is', () => {
    assert.equal(smsAnswerText('Call Ally Transportation: 877-290-9544, option 4.'), 'Call Ally Transportation: 877-290-9544, option 4.');
  });

  it('writes typographic marks in GSM-7', () => {
    assert.equal(smsAnswerText('Don’t release it — ask for the Bill of Lading…'), "Don't release it - ask for the Bill of Lading...");
  });

  it('cuts a long answer at whole sentences and never drops the sentence with the number', () => {
    const long = `${'The vehicle is inspected at the dealership within days. '.repeat(6)}Questions: Ally Remarketing Center, 877-290-9544, option 1.`;
    const cut = smsAnswerText(long);
    fitsTwoSegments(cut);
    assert.match(cut, /877-290-9544, option 1\.$/);
    assert.doesNotMatch(cut, /\.\.\.|within da$/, 'no sentence is cut in the middle');
  });

  it('keeps a fax sentence from the start of a long answer and drops later sentences instead', () => {
    const long = [
      'For a dealer purchase, fax the signed Ally SmartLease Odometer Statement/Third Party Inspection form to 866-851-0577.',
      'Ally then delays the remarketing process for 72 hours so the purchase can be finalized.',
      'A third-party inspector visits the dealership within 1 to 5 days to record the excess wear.',
      'The vehicle is posted on SmartAuction after the inspection and stays there for up to 6 days.',
    ].join(' ');
    const cut = smsAnswerText(long);
    fitsTwoSegments(cut);
    assert.match(cut, /^For a dealer purchase, fax .* to 866-851-0577\. /);
    assert.doesNotMatch(cut, /SmartAuction/, 'the last sentence is the one left out');
  });

  it('keeps a sentence whole when it has a web address or a dotted phone number in it', () => {
    const long = [
      'To get AVRM access, register as a New User at allyvehiclereturnmanager.com and wait for the User ID.',
      'The User ID and password can take up to 48 hours to arrive after you register.',
      'Until then, call the Ally Dealer Service Center at 888.919.2559 for quotes and to notify Ally of the return.',
      'Your Ally Account Executive answers other questions about AVRM access and your login.',
    ].join(' ');
    const cut = smsAnswerText(long);
    fitsTwoSegments(cut);
    assert.match(cut, /^To get AVRM access, register as a New User at allyvehiclereturnmanager\.com/);
    assert.match(cut, /call the Ally Dealer Service Center at 888\.919\.2559 for quotes/);
  });

  it('drops citation-style extras before any sentence', () => {
    const answer = [
      'Do not release the vehicle until the transporter gives you a copy of the Bill of Lading (Source: Transporter Picks-Up Vehicle) [1].',
      'The transporter picks it up when the vehicle is not eligible for SmartAuction (SA) or does not sell there.',
      'For transportation questions call Ally Transportation at 877-290-9544, option 4 (see Contacts).',
      'A buying dealer needs proof of sale.',
    ].join(' ');
    assert.ok(gsm7Length(answer) > 320, 'the test needs an answer that is too long');
    const cut = smsAnswerText(answer);
    fitsTwoSegments(cut);
    assert.doesNotMatch(cut, /Source:|\[1\]|see Contacts|\(SA\)/);
    assert.match(cut, /Bill of Lading\. The transporter picks it up .* 877-290-9544, option 4\. A buying dealer needs proof of sale\.$/);
  });

  it('keeps every number even when the sentences with numbers alone are too long', () => {
    const sentence = (number: string) =>
      `If the vehicle was returned in a state without third-party inspections, which today are Alaska, Hawaii and South Dakota, call the Ally Remarketing Center at ${number}, and say that it is a lease return.`;
    const cut = smsAnswerText(`${sentence('877-290-9544')} ${sentence('888-919-2559')}`);
    fitsTwoSegments(cut);
    assert.match(cut, /877-290-9544/);
    assert.match(cut, /888-919-2559/);
  });
});
