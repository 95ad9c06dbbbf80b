import assert from 'node:assert/strict';
import { parseSmsCommand } from '../../src/sms/sms-command.ts';
import { escapeXml, twimlMessage } from '../../src/sms/twiml.ts';
import { isValidTwilioSignature, twilioSignature } from '../../src/sms/twilio-signature.ts';

describe('parseSmsCommand()', () => {
  const cases: [string, ReturnType<typeof parseSmsCommand>][] = [
    ['STATUS 1M8GDM9AXKP042788', { kind: 'status', target: '1M8GDM9AXKP042788' }],
    ['  status\t 042788  ', { kind: 'status', target: '042788' }],
    ['Status 1M8 GDM9AX KP042788', { kind: 'status', target: '1M8 GDM9AX KP042788' }],
    ['release 042788', { kind: 'release', target: '042788' }],
    ['STATUS', { kind: 'status', target: '' }],
    ['contacts', { kind: 'contacts' }],
    ['Help?', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['STOP', { kind: 'stop' }],
    ['stop.', { kind: 'stop' }],
    ['Unsubscribe', { kind: 'stop' }],
    ['start', { kind: 'start' }],
    ["don't stop", { kind: 'unknown' }],
    ['stop it now', { kind: 'unknown' }],
    ['statusreport 042788', { kind: 'unknown' }],
    ['help me with status', { kind: 'unknown' }],
  ];
  for (const [body, expected] of cases) {
    it(`${JSON.stringify(body)} → ${expected.kind}`, () => {
      assert.deepEqual(parseSmsCommand(body), expected);
    });
  }
});

describe('twilioSignature()', () => {
  it('matches the example in Twilio’s security documentation', () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    assert.equal(twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('rejects a missing or different signature', () => {
    const params = new URLSearchParams({ Body: 'STATUS 042788', From: '+16145550100' });
    const good = twilioSignature('token', 'https://a.example/api/v1/sms', params);
    assert.ok(isValidTwilioSignature('token', 'https://a.example/api/v1/sms', params, good));
    assert.ok(!isValidTwilioSignature('token', 'https://a.example/api/v1/sms', params, undefined));
    assert.ok(!isValidTwilioSignature('token', 'https://b.example/api/v1/sms', params, good));
    assert.ok(!isValidTwilioSignature('other', 'https://a.example/api/v1/sms', params, good));
  });
});

describe('twimlMessage()', () => {
  it('escapes XML in the reply and sends an empty Response for "say nothing"', () => {
    assert.equal(escapeXml(`<a & 'b' "c">`), '&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;');
    assert.match(twimlMessage('Tom & Jerry <Motors>'), /<Message>Tom &amp; Jerry &lt;Motors&gt;<\/Message>/);
    assert.match(twimlMessage(null), /<Response\/>$/);
  });
});
