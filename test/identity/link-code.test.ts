import { expect } from 'chai';
import { startBotHarness, type BotHarness } from '../bots/bot-test-kit.ts';
import type { BotConversation } from '../support/connector-sink.ts';
import { textOf } from '../support/connector-sink.ts';
import { FakeTwilioServer } from '../support/fake-twilio-server.ts';
import { getJson } from '../support/test-app.ts';
import { call, DirectLineTestClient, type Grant } from '../directline/support/direct-line-harness.ts';
import { dealerA, seedTwoDealers, signUserToken, userTokenSecret, vinA } from './identity-fixtures.ts';

async function sendAs(conversation: BotConversation, aadObjectId: string, text: string): Promise<string> {
  const { status, replies } = await conversation.post(conversation.activity({ text, from: { id: `29:${aadObjectId.slice(0, 8)}`, aadObjectId } }));
  if (status !== 200) throw new Error(`POST /api/messages answered ${status}`);
  return replies.map(textOf).join('\n---\n');
}

/** A fresh Teams user per test: each gets its own AAD object id. */
let userCounter = 0;
function newTeamsUser(): string {
  userCounter += 1;
  return `c0de0000-0000-4000-8000-${String(userCounter).padStart(12, '0')}`;
}

describe('linking a chat user by a one-time code texted to a dealer phone', () => {
  let twilio: FakeTwilioServer;
  let harness: BotHarness;

  before(async () => {
    twilio = await new FakeTwilioServer().start();
    harness = await startBotHarness({
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM: '+16145559999',
      TWILIO_API_BASE_URL: twilio.url,
      PUBLIC_BASE_URL: 'http://127.0.0.1:3978',
      WEBCHAT_USER_TOKEN_SECRET: userTokenSecret,
    });
    await seedTwoDealers(harness.app.baseUrl);
  });
  after(async () => {
    await harness.stop();
    await twilio.stop();
  });
  // Each test starts an hour later: a phone is texted at most 3 codes an hour.
  beforeEach(() => harness.clock.advance({ minutes: 61 }));

  /** The code texted to `phone` after `since` messages, once it arrives at the fake Twilio. */
  async function codeTextedTo(phone: string, since: number): Promise<string> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const message = twilio.messages.slice(since).find((candidate) => candidate.to === phone);
      const code = message ? /\b(\d{6})\b/.exec(message.body)?.[1] : undefined;
      if (code) return code;
      if (Date.now() > deadline) throw new Error(`no code texted to ${phone}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("links a Teams user end to end: phone, texted code, then the dealer's cases by suffix; the API lists the user", async () => {
    const user = newTeamsUser();
    const conversation = harness.conversation('msteams');
    expect(await sendAs(conversation, user, 'link my dealership')).to.match(/Which phone number/);
    const before = twilio.messages.length;
    const asked = await sendAs(conversation, user, '(614) 555-0100');
    expect(asked).to.match(/If \+16145550100 is a dealership phone registered with Ally, a 6-digit code is on its way/);
    expect(asked).to.match(/Type the 6-digit code/);
    const code = await codeTextedTo('+16145550100', before);
    const message = twilio.messages.at(-1);
    expect(message?.body).to.match(/expires in 10 minutes/);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await sendAs(conversation, user, wrong)).to.match(/isn't right\. 4 tries left/);
    const linked = await sendAs(conversation, user, code);
    expect(linked).to.match(/linked to Columbus Motors/);
    // The link holds on the next turns: the last 6 characters find the dealer's case.
    await sendAs(conversation, user, 'check status');
    expect(await sendAs(conversation, user, vinA.slice(-6))).to.include(vinA);
    // In a new conversation too: the Teams user is linked, not only this conversation.
    const later = harness.conversation('msteams');
    await sendAs(later, user, 'check status');
    expect(await sendAs(later, user, vinA.slice(-6))).to.include(vinA);
    const users = await getJson(`${harness.app.baseUrl}/api/v1/dealers/${dealerA.id}/users`);
    const listed = (users.body as { items: { aadObjectId?: string; kind: string; linkedBy: string }[] }).items.find((item) => item.aadObjectId === user);
    expect(listed).to.include({ kind: 'teams', linkedBy: 'code' });
  });

  it('a code works once: after unlinking, the old code links nothing (only the newest code counts)', async () => {
    const user = newTeamsUser();
    const conversation = harness.conversation('msteams');
    let before = twilio.messages.length;
    await sendAs(conversation, user, 'link my dealership +1 614 555 0100');
    const code = await codeTextedTo('+16145550100', before);
    expect(await sendAs(conversation, user, code)).to.match(/linked to Columbus Motors/);
    const users = await getJson(`${harness.app.baseUrl}/api/v1/dealers/${dealerA.id}/users`);
    const linked = (users.body as { items: { id: string; aadObjectId?: string }[] }).items.find((item) => item.aadObjectId === user);
    expect((await fetch(`${harness.app.baseUrl}/api/v1/dealers/${dealerA.id}/users/${linked?.id ?? ''}`, { method: 'DELETE' })).status).to.equal(204);
    before = twilio.messages.length;
    await sendAs(conversation, user, 'link my dealership +1 614 555 0100');
    const fresh = await codeTextedTo('+16145550100', before);
    if (fresh !== code) expect(await sendAs(conversation, user, code)).to.match(/isn't right/);
    expect(await sendAs(conversation, user, fresh)).to.match(/linked to Columbus Motors/);
  });

  it('answers an unregistered phone exactly as a registered one, texts nothing, and no code links', async () => {
    const user = newTeamsUser();
    const conversation = harness.conversation('msteams');
    await sendAs(conversation, user, 'link my dealership');
    const before = twilio.messages.length;
    const unknown = await sendAs(conversation, user, '+1 330 555 0177');
    const known = await sendAs(harness.conversation('msteams'), newTeamsUser(), 'link my dealership 614-555-0100');
    expect(unknown.replaceAll('+13305550177', 'PHONE')).to.equal(known.replaceAll('+16145550100', 'PHONE'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(twilio.messages.slice(before).map((message) => message.to)).to.deep.equal(['+16145550100']);
    expect(await sendAs(conversation, user, '123456')).to.match(/isn't right/);
  });

  it('five wrong codes void the code', async () => {
    const user = newTeamsUser();
    const conversation = harness.conversation('msteams');
    const before = twilio.messages.length;
    await sendAs(conversation, user, 'link my dealership +16145550100');
    const code = await codeTextedTo('+16145550100', before);
    const wrong = code === '999999' ? '888888' : '999999';
    let reply = '';
    for (let attempt = 1; attempt <= 5; attempt += 1) reply = await sendAs(conversation, user, wrong);
    expect(reply).to.match(/Too many wrong codes/);
    // The right code no longer helps.
    await sendAs(conversation, user, 'link my dealership');
    expect(await sendAs(conversation, user, code)).not.to.match(/linked to/);
  });

  it('an anonymous chat (no Teams or signed user) links this conversation only', async () => {
    const conversation = harness.conversation('emulator');
    const before = twilio.messages.length;
    expect(await conversation.send('link my dealership')).to.match(/Which phone number/);
    await conversation.send('+16145550100');
    const code = await codeTextedTo('+16145550100', before);
    expect(await conversation.send(code)).to.match(/linked to Columbus Motors/);
    await conversation.send('check status');
    expect(await conversation.send(vinA.slice(-6))).to.include(vinA);
    // Another conversation of the same channel is not linked.
    const other = harness.conversation('emulator');
    await other.send('check status');
    const reply = await other.send(vinA);
    expect(reply).to.match(/not linked/);
    expect(reply).not.to.include(vinA);
  });

  it('a signed web chat user linked by code is recognized in a later conversation (Direct Line)', async () => {
    const botSaid = (activities: Record<string, unknown>[]): string[] =>
      activities
        .filter((activity) => activity.type === 'message' && (activity.from as { role?: string } | undefined)?.role === 'bot')
        .map((activity) => `${String(activity.text ?? '')} ${JSON.stringify(activity.attachments ?? [])}`);
    const dl = new DirectLineTestClient(harness.app.baseUrl);
    const startAs = async (user: string): Promise<Grant> => {
      const started = await call<Grant>(dl.url('/conversations'), {
        method: 'POST',
        body: { userToken: signUserToken(user, { nowSeconds: Math.floor(harness.clock.now().toSeconds()) }) },
      });
      expect(started.status).to.equal(201);
      return started.body;
    };
    const say = async (grant: Grant, text: string, expected: RegExp): Promise<string> => {
      const seen = botSaid((await dl.get(grant)).body.activities).length;
      expect((await dl.post(grant, { type: 'message', text })).status).to.equal(200);
      const all = await dl.waitFor(grant, (activities) =>
        botSaid(activities)
          .slice(seen)
          .some((reply) => expected.test(reply)),
      );
      return botSaid(all).slice(seen).join('\n');
    };
    const first = await startAs('site-user-99');
    const before = twilio.messages.length;
    await say(first, 'link my dealership 614 555 0100', /code is on its way/);
    const code = await codeTextedTo('+16145550100', before);
    await say(first, code, /linked to Columbus Motors/);
    const later = await startAs('site-user-99');
    await say(later, 'check status', /last 6 characters/);
    expect(await say(later, vinA.slice(-6), new RegExp(vinA))).not.to.match(/not linked/);
    const users = await getJson(`${harness.app.baseUrl}/api/v1/dealers/${dealerA.id}/users`);
    expect((users.body as { items: { webChatUserId?: string; linkedBy: string }[] }).items.find((item) => item.webChatUserId === 'site-user-99')).to.include({
      linkedBy: 'code',
    });
  });

  it('in a group chat, a code one member asked for does not link another member who types it', async () => {
    const asker = newTeamsUser();
    const bystander = newTeamsUser();
    const groupChat = harness.conversation('msteams');
    const before = twilio.messages.length;
    await sendAs(groupChat, asker, 'link my dealership +16145550100');
    const code = await codeTextedTo('+16145550100', before);
    expect(await sendAs(groupChat, bystander, code)).not.to.match(/linked to/);
    const users = await getJson(`${harness.app.baseUrl}/api/v1/dealers/${dealerA.id}/users`);
    expect((users.body as { items: { aadObjectId?: string }[] }).items.map((item) => item.aadObjectId)).not.to.include(bystander);
  });

  it('a code expires after 10 minutes', async () => {
    const user = newTeamsUser();
    const conversation = harness.conversation('msteams');
    const before = twilio.messages.length;
    await sendAs(conversation, user, 'link my dealership +16145550100');
    const code = await codeTextedTo('+16145550100', before);
    harness.clock.advance({ minutes: 11 });
    try {
      expect(await sendAs(conversation, user, code)).to.match(/expired/);
    } finally {
      harness.clock.advance({ minutes: -11 });
    }
  });

  it('texts one phone at most 3 codes an hour, whoever asks (the answer is the same)', async () => {
    const phone = '+19375550100';
    const before = twilio.messages.length;
    for (let request = 0; request < 5; request += 1) {
      const reply = await sendAs(harness.conversation('msteams'), newTeamsUser(), `link my dealership ${phone}`);
      expect(reply).to.match(/a 6-digit code is on its way/);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(twilio.messages.slice(before).filter((message) => message.to === phone)).to.have.length(3);
  });
});

describe('linking by code without outbound SMS configured', () => {
  let harness: BotHarness;
  before(async () => {
    harness = await startBotHarness();
  });
  after(async () => {
    await harness.stop();
  });

  it('says codes cannot be texted here and to ask Ally to link the account', async () => {
    const reply = await harness.conversation('msteams').send('link my dealership');
    expect(reply).to.match(/Codes can't be texted from here/);
    expect(reply).to.match(/Ask Ally/);
  });
});
