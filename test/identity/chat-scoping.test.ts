import { expect } from 'chai';
import type { BotConversation } from '../support/connector-sink.ts';
import { textOf } from '../support/connector-sink.ts';
import { startBotHarness, type BotHarness } from '../bots/bot-test-kit.ts';
import { call, DirectLineTestClient, type Grant } from '../directline/support/direct-line-harness.ts';
import { dealerA, linkUser, seedTwoDealers, signUserToken, teamsStranger, teamsUserA, userTokenSecret, vinA, vinB } from './identity-fixtures.ts';

/** A Teams activity: channelId msteams and the user's Azure AD object id, as Teams sends them. */
async function sendFromTeams(conversation: BotConversation, aadObjectId: string, text: string): Promise<string> {
  const { status, replies } = await conversation.post(
    conversation.activity({ text, from: { id: `29:${aadObjectId.slice(0, 8)}`, name: 'Dealer', aadObjectId } }),
  );
  if (status !== 200) throw new Error(`POST /api/messages answered ${status}`);
  return replies.map(textOf).join('\n---\n');
}

describe('dealers known on every channel: what a chat user may see', () => {
  let harness: BotHarness;
  before(async () => {
    harness = await startBotHarness({ WEBCHAT_USER_TOKEN_SECRET: userTokenSecret });
    await seedTwoDealers(harness.app.baseUrl);
    expect((await linkUser(harness.app.baseUrl, dealerA.id, { aadObjectId: teamsUserA })).status).to.equal(201);
    expect((await linkUser(harness.app.baseUrl, dealerA.id, { webChatUserId: 'site-user-42' })).status).to.equal(201);
  });
  after(async () => {
    await harness.stop();
  });

  describe('Teams (channelId msteams, from.aadObjectId)', () => {
    it("a linked user reads their dealer's case by the last 6 characters of the VIN", async () => {
      const conversation = harness.conversation('msteams');
      expect(await sendFromTeams(conversation, teamsUserA, 'check status')).to.match(/last 6 characters/);
      const reply = await sendFromTeams(conversation, teamsUserA, vinA.slice(-6));
      expect(reply).to.include(vinA);
      expect(reply).not.to.match(/No case/);
    });

    it("a linked user does not read another dealer's case, by suffix or full VIN", async () => {
      const conversation = harness.conversation('msteams');
      await sendFromTeams(conversation, teamsUserA, 'check status');
      const bySuffix = await sendFromTeams(conversation, teamsUserA, vinB.slice(-6));
      expect(bySuffix).to.match(/No case of your dealership has that VIN/);
      expect(bySuffix).not.to.include(vinB);
      await sendFromTeams(conversation, teamsUserA, 'check status');
      const byFullVin = await sendFromTeams(conversation, teamsUserA, vinB);
      expect(byFullVin).to.match(/No case of your dealership/);
      expect(byFullVin).not.to.match(/Next:|returned on/i);
    });

    it('an unrecognized Teams user typing a full VIN gets no case, and is told how to link', async () => {
      const conversation = harness.conversation('msteams');
      expect(await sendFromTeams(conversation, teamsStranger, 'check status')).to.match(/full 17-character VIN/);
      const reply = await sendFromTeams(conversation, teamsStranger, vinA);
      expect(reply).to.match(/not linked/);
      expect(reply).to.match(/link my dealership/);
      expect(reply).not.to.include(vinA);
    });

    it('the same object id on another channel (not Teams) is nobody', async () => {
      const conversation = harness.conversation('webchat');
      await sendFromTeams(conversation, teamsUserA, 'check status');
      const reply = await sendFromTeams(conversation, teamsUserA, vinA);
      expect(reply).to.match(/not linked/);
      expect(reply).not.to.include(vinA);
    });
  });

  describe('web chat (local Direct Line with a signed user token)', () => {
    const now = (): number => Math.floor(harness.clock.now().toSeconds());
    const start = (body: Record<string, unknown>) => call<Grant>(`${harness.app.baseUrl}/v3/directline/conversations`, { method: 'POST', body });

    /** What the bot said: text, or the Adaptive Card it sent to web chat. */
    const botSaid = (activities: Record<string, unknown>[]): string[] =>
      activities
        .filter((activity) => activity.type === 'message' && (activity.from as { role?: string } | undefined)?.role === 'bot')
        .map((activity) => `${String(activity.text ?? '')} ${JSON.stringify(activity.attachments ?? [])}`);

    async function say(grant: Grant, text: string, expected: RegExp, extra: Record<string, unknown> = {}): Promise<string> {
      const dl = new DirectLineTestClient(harness.app.baseUrl);
      const before = botSaid((await dl.get(grant)).body.activities).length;
      const posted = await dl.post(grant, { type: 'message', text, from: { id: 'me' }, ...extra });
      expect(posted.status).to.equal(200);
      const activities = await dl.waitFor(grant, (all) =>
        botSaid(all)
          .slice(before)
          .some((reply) => expected.test(reply)),
      );
      return botSaid(activities).slice(before).join('\n');
    }

    it("a conversation started with a valid user token reads the linked dealer's case by suffix", async () => {
      const started = await start({ user: { id: 'ignored' }, userToken: signUserToken('site-user-42', { nowSeconds: now() }) });
      expect(started.status).to.equal(201);
      await say(started.body, 'check status', /last 6 characters/);
      const reply = await say(started.body, vinA.slice(-6), new RegExp(vinA));
      expect(reply).not.to.match(/not linked/);
    });

    const refusedTokens: { name: string; token: () => string; code: string }[] = [
      {
        name: 'signed with another secret',
        token: () => signUserToken('site-user-42', { nowSeconds: now(), secret: 'another-secret-that-is-long-enough-xyz' }),
        code: 'user_token_invalid',
      },
      { name: 'expired', token: () => signUserToken('site-user-42', { nowSeconds: now() - 7200, lifetimeSeconds: 3600 }), code: 'user_token_expired' },
      {
        name: 'alg none',
        token: () =>
          `${signUserToken('site-user-42', { nowSeconds: now(), header: { alg: 'none' } })
            .split('.')
            .slice(0, 2)
            .join('.')}.`,
        code: 'user_token_invalid',
      },
      {
        name: 'alg HS512 (not pinned)',
        token: () => signUserToken('site-user-42', { nowSeconds: now(), header: { alg: 'HS512' } }),
        code: 'user_token_invalid',
      },
      {
        name: 'valid for a year',
        token: () => signUserToken('site-user-42', { nowSeconds: now(), lifetimeSeconds: 365 * 24 * 3600 }),
        code: 'user_token_invalid',
      },
    ];
    for (const refused of refusedTokens) {
      it(`refuses to start with a user token ${refused.name} (401 ${refused.code})`, async () => {
        const started = await start({ userToken: refused.token() });
        expect(started.status).to.equal(401);
        expect((started.body as unknown as { error: { code: string; field: string } }).error).to.include({ code: refused.code, field: 'userToken' });
      });
    }

    it('a client that writes its own identity into channelData is nobody', async () => {
      const started = await start({ user: { id: 'site-user-42' } });
      expect(started.status).to.equal(201);
      const forged = { channelData: { webChatUser: { id: 'site-user-42', signature: 'AAAA' } } };
      await say(started.body, 'check status', /full 17-character VIN/, forged);
      const reply = await say(started.body, vinA, /not linked/, forged);
      expect(reply).not.to.include(vinA);
    });
  });
});
