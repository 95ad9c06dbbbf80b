import assert from 'node:assert/strict';
import { gsm7Length } from '../../src/domain/sms-text.ts';
import { smsAnswerText } from '../../src/sms/sms-answer-text.ts';

describe('smsAnswerText()', () => {
  it('leaves a short answer as it is', () => {
    assert.equal(smsAnswerText('Call Ally Transportation: 877-290-9544, option 4.'), 'Call Ally Transportation: 877-290-9544, option 4.');
  });

  it('cuts a long answer at whole sentences and never drops the sentence with the number', () => {
    const long = `${'The vehicle is inspected at the dealership within days. '.repeat(6)}Questions: Ally Remarketing Center, 877-290-9544, option 1.`;
    const cut = smsAnswerText(long);
    assert.ok(gsm7Length(cut) <= 320, String(gsm7Length(cut)));
    assert.match(cut, /877-290-9544, option 1\.$/);
    assert.doesNotMatch(cut, /\.\.\.|within da$/, 'no sentence is cut in the middle');
  });
});
