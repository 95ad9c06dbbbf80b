import assert from 'node:assert/strict';
import { gsm7Length, isGsm7, toSmsText } from '../../src/domain/sms-text.ts';

describe('toSmsText()', () => {
  it('replaces characters GSM-7 lacks with look-alikes it has', () => {
    const text = toSmsText('Don’t release — “proof of sale”… • ok');
    assert.equal(text, 'Don\'t release - "proof of sale"... - ok');
    assert.ok(isGsm7(text));
    assert.ok(isGsm7(toSmsText('emoji 🚗 here')));
  });

  it('keeps replies within 320 septets, cut at a word', () => {
    const long = toSmsText('word '.repeat(200));
    assert.ok(gsm7Length(long) <= 320);
    assert.match(long, /word\.\.\.$/);
    assert.equal(gsm7Length('[€]'), 6);
  });
});
