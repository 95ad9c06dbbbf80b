import { expect } from 'chai';
import { isGsm7, toGsm7 } from '../../src/channels/sms-text.ts';
import { textOf, type SentActivity } from '../support/connector-sink.ts';
import { FakeOpenAiServer } from '../support/fake-openai-server.ts';
import { startBotHarness, walkthroughAnswers, type BotHarness } from './bot-test-kit.ts';

const cardType = 'application/vnd.microsoft.card.adaptive';

interface CardLike {
  type: string;
  version: string;
  actions?: { type: string; title: string; data: { choice: string } }[];
}

function cardOf(activity: SentActivity | undefined): CardLike {
  const attachment = activity?.attachments?.[0];
  expect(attachment?.contentType).to.equal(cardType);
  return attachment?.content as CardLike;
}

/** The same conversation on each channel: cards for Teams and Web Chat, GSM-7 ≤ 320 for SMS, text elsewhere. */
describe('rendering per channel (over HTTP)', () => {
  let harness: BotHarness;
  before(async () => {
    harness = await startBotHarness();
  });
  after(async () => {
    await harness.stop();
  });

  for (const channelId of ['msteams', 'webchat']) {
    it(`${channelId}: one Adaptive Card per turn (≤ v1.5) whose buttons answer the prompt`, async () => {
      const conversation = harness.conversation(channelId);
      const { replies } = await conversation.post(conversation.activity({ text: 'hi' }));
      expect(replies).to.have.length(1);
      const card = cardOf(replies[0]);
      expect(card.type).to.equal('AdaptiveCard');
      expect(Number(card.version)).to.be.at.most(1.5);
      const titles = (card.actions ?? []).map((action) => action.title);
      expect(titles).to.include('Return a vehicle');
      const returnAction = card.actions?.find((action) => action.title === 'Return a vehicle');
      expect(returnAction?.type).to.equal('Action.Submit');

      // Pressing the button sends its data as activity.value (no text): it answers the pending prompt.
      const next = await conversation.post(conversation.activity({ value: returnAction?.data }));
      expect(textOf(next.replies[0] ?? { type: 'message' })).to.match(/Which state/);
    });
  }

  it('msteams: the decision is one card with the outcome, facts, steps and numbers', async () => {
    const conversation = harness.conversation('msteams');
    const answers = walkthroughAnswers({ state: 'OH', maturity: '2026-12-20', returned: 'today', intent: 'dealerPurchaseForInventory', avrm: 'no' });
    let last: SentActivity[] = [];
    for (const answer of answers) last = (await conversation.post(conversation.activity({ text: answer }))).replies;
    expect(last).to.have.length(1);
    const text = textOf(last[0] ?? { type: 'message' });
    expect(text).to.match(/72 hours/);
    expect(text).to.include('866-851-0577');
    expect(text).to.include('Termination: ET');
    expect(last[0]?.summary).to.match(/Early termination/);
  });

  it('sms: numbered choices, "2" selects the second, every message GSM-7 and ≤ 320 characters', async () => {
    const conversation = harness.conversation('sms', undefined, '+15135550123');
    const all: SentActivity[] = [];
    const send = async (text: string): Promise<SentActivity[]> => {
      const { replies } = await conversation.post(conversation.activity({ text }));
      all.push(...replies);
      return replies;
    };
    const menu = await send('hi');
    expect(menu.map(textOf).join('\n')).to.match(/^1\. Return a vehicle$/m);
    expect(menu.map(textOf).join('\n')).to.match(/^2\. Someone is here to pick up a car$/m);
    expect((await send('2')).map(textOf).join('\n')).to.match(/pick up the car\?/);
    await send('menu');
    for (const answer of walkthroughAnswers({ state: 'south dakota', maturity: '12/20/2026', returned: 'today', intent: '1', avrm: '2' })) await send(answer);
    // The decision's messages (AK, HI and SD add a note on the ET letters), then "Anything else?".
    const decision = all.slice(-8).map(textOf).join('\n');
    expect(decision).to.match(/ET/);
    expect(decision).to.include('877-290-9555');
    for (const activity of all) {
      const text = activity.text ?? '';
      expect(activity.attachments ?? []).to.have.length(0);
      expect(text.length, text).to.be.at.most(320);
      expect(isGsm7(text), text).to.equal(true);
    }
  });

  it('emulator: one plain-text message with numbered choices', async () => {
    const conversation = harness.conversation('emulator');
    const { replies } = await conversation.post(conversation.activity({ text: 'hi' }));
    expect(replies).to.have.length(1);
    expect(replies[0]?.attachments ?? []).to.have.length(0);
    expect(replies[0]?.text).to.match(/^1\. Return a vehicle$/m);
  });
});

/**
 * What a dealer typed, quoted back by the bot ("I didn't catch …"), is the dealer's text, not the bot's:
 * Web Chat and Teams render card TextBlocks as Markdown (Web Chat with HTML and linkify on), so there it
 * must arrive escaped, with no link, URL or tag left to render; SMS is plain and shows it as typed.
 */
describe('text the bot quotes back (over HTTP)', () => {
  let harness: BotHarness;
  before(async () => {
    harness = await startBotHarness();
  });
  after(async () => {
    await harness.stop();
  });

  /** What a Markdown host would turn into a link, a URL, a tag or formatting. */
  const live = [/\]\(/, /:\/\//, /\bwww\./i, /(^|[^\\])</, /(^|[^\\])\*\*/];

  const typedInputs = [
    { typed: '[Ally login](https://evil.example)', card: '\\[Ally login\\]\\(https\\[\\:\\]\\/\\/evil\\.example\\)' },
    { typed: '**bold**', card: '\\*\\*bold\\*\\*' },
    { typed: '<b>x</b>', card: '\\<b\\>x\\<\\/b\\>' },
    { typed: 'https://evil.example', card: 'https\\[\\:\\]\\/\\/evil\\.example' },
  ];

  async function quotedReply(channelId: string, typed: string): Promise<string> {
    const conversation = harness.conversation(channelId, undefined, '+15135550144');
    await conversation.post(conversation.activity({ text: 'hi' }));
    const { replies } = await conversation.post(conversation.activity({ text: typed }));
    const text = replies.map(textOf).join('\n');
    expect(text).to.match(/I didn't catch/);
    return text;
  }

  it('a link, bold, a tag and a URL: escaped with nothing live in Teams and Web Chat cards, as typed over SMS', async () => {
    for (const { typed, card } of typedInputs) {
      for (const channelId of ['webchat', 'msteams']) {
        const text = await quotedReply(channelId, typed);
        expect(text, `${channelId} ${typed}`).to.include(`"${card}"`);
        for (const pattern of live) expect(text, `${channelId} ${typed} ${String(pattern)}`).not.to.match(pattern);
      }
      expect(await quotedReply('sms', typed), `sms ${typed}`).to.include(`"${toGsm7(typed)}"`);
    }
  });

  it('control and bidirectional formatting characters typed in chat never reach a reply', async () => {
    for (const channelId of ['webchat', 'msteams', 'sms', 'emulator']) {
      const text = await quotedReply(channelId, 'Ally \u202Enigol\u0000\u2066');
      expect(text, channelId).to.include('"Ally nigol"');
    }
  });

  it("a model's text never reaches the card: the reply is composed from the process text", async () => {
    const fake = await new FakeOpenAiServer().start();
    const llm = await startBotHarness({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, OPENAI_MODEL: 'fake-model' });
    try {
      fake.behaviour = { kind: 'reply', answer: 'Register at [Ally login](https://evil.example) to get AVRM access.', citedSections: ['avrm-access'] };
      const conversation = llm.conversation('webchat');
      await conversation.post(conversation.activity({ text: 'hi' }));
      const { replies } = await conversation.post(conversation.activity({ text: 'How do I get access to AVRM?' }));
      const text = replies.map(textOf).join('\n');
      expect(fake.requests, 'the model was asked').to.have.length(1);
      expect(text).to.include('allyvehiclereturnmanager.com');
      expect(text).not.to.include('evil');
      for (const pattern of live) expect(text, String(pattern)).not.to.match(pattern);
    } finally {
      await llm.stop();
      await fake.stop();
    }
  });
});
