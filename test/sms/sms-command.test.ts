import assert from 'node:assert/strict';
import { parseSmsCommand } from '../../src/sms/sms-command.ts';
import { isSignedByTwilio, twilioSignatureFor, twimlReply } from '../../src/sms/twilio-webhook.ts';

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

describe('twilioSignatureFor() and isSignedByTwilio()', () => {
  it('matches the example in Twilio’s security documentation', () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    assert.equal(twilioSignatureFor('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('rejects a missing or different signature', () => {
    const params = new URLSearchParams({ Body: 'STATUS 042788', From: '+16145550100' });
    const good = twilioSignatureFor('token', 'https://a.example/api/v1/sms', params);
    assert.ok(isSignedByTwilio('token', 'https://a.example/api/v1/sms', params, good));
    assert.ok(!isSignedByTwilio('token', 'https://a.example/api/v1/sms', params, undefined));
    assert.ok(!isSignedByTwilio('token', 'https://b.example/api/v1/sms', params, good));
    assert.ok(!isSignedByTwilio('other', 'https://a.example/api/v1/sms', params, good));
    assert.ok(!isSignedByTwilio('token', '/api/v1/sms', params, good), 'a relative URL (no PUBLIC_BASE_URL) is never signed');
    const tampered = new URLSearchParams(params);
    tampered.set('Body', 'RELEASE 042788');
    assert.ok(!isSignedByTwilio('token', 'https://a.example/api/v1/sms', tampered, good));
  });

  it('signs a repeated parameter over every value, sorted', () => {
    const form = new URLSearchParams([
      ['MediaUrl', 'https://b.example/2'],
      ['MediaUrl', 'https://a.example/1'],
      ['From', '+16145550100'],
    ]);
    const signature = twilioSignatureFor('token', 'https://a.example/api/v1/sms', form);
    assert.ok(isSignedByTwilio('token', 'https://a.example/api/v1/sms', form, signature));
    assert.ok(
      !isSignedByTwilio(
        'token',
        'https://a.example/api/v1/sms',
        new URLSearchParams([
          ['MediaUrl', 'https://b.example/2'],
          ['From', '+16145550100'],
        ]),
        signature,
      ),
    );
  });
});

describe('twimlReply()', () => {
  it('escapes XML in the reply and sends an empty Response for "say nothing"', () => {
    assert.match(
      twimlReply('Tom & Jerry <Motors>'),
      /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>Tom &amp; Jerry &lt;Motors&gt;<\/Message><\/Response>$/,
    );
    assert.match(twimlReply(null), /<Response\/>$/);
    assert.doesNotMatch(twimlReply(null), /Message/);
  });
});
