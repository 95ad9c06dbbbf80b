import { expect } from 'chai';
import { isGsm7 } from '../../src/channels/sms-text.ts';
import { textOf, type SentActivity } from '../support/connector-sink.ts';
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
    const decision = all.slice(-6).map(textOf).join('\n');
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
