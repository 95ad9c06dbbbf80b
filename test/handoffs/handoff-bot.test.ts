import { expect } from 'chai';
import { z } from 'zod';
import { startBotHarness, walkthroughAnswers, type BotHarness } from '../bots/bot-test-kit.ts';
import { openCase, registerDealer, sampleVin } from '../cases/case-fixtures.ts';
import { textOf, type BotConversation } from '../support/connector-sink.ts';
import { getJson, postJson } from '../support/test-app.ts';

const listSchema = z.object({
  counts: z.object({ waiting: z.number(), active: z.number(), ended: z.number() }),
  items: z.array(z.object({ id: z.string(), conversationId: z.string(), reason: z.string(), status: z.string() })),
});
const detailSchema = z.object({
  id: z.string(),
  status: z.string(),
  reason: z.string(),
  transcript: z.array(z.object({ from: z.string(), text: z.string() })),
  facts: z.record(z.string(), z.unknown()),
  messages: z.array(z.object({ role: z.string(), text: z.string(), author: z.unknown() })),
});

/** Handoff to a person from a bot conversation (issue 15): what leads there, the hold, and back to the bot. */
describe('handoff to a person in a bot conversation', () => {
  let harness: BotHarness;
  before(async () => {
    harness = await startBotHarness();
  });
  after(async () => {
    await harness.stop();
  });
  beforeEach(() => {
    // Friday 10:00 in New York: within the default SUPPORT_HOURS.
    harness.clock.set('2026-11-20T15:00:00Z');
  });

  const api = (path: string) => `${harness.app.baseUrl}/api/v1/handoffs${path}`;

  async function handoffOf(conversation: BotConversation) {
    const list = listSchema.parse((await getJson(api('?status=waiting,active,ended'))).body);
    const item = list.items.find((entry) => entry.conversationId === conversation.options.conversationId);
    if (!item) throw new Error('no handoff for the conversation');
    return detailSchema.parse((await getJson(api(`/${item.id}`))).body);
  }

  it('"can I talk to a person?" hands over: says what to expect, emits handoff.initiate with the transcript, queues it', async () => {
    const conversation = harness.conversation();
    await conversation.send('1');
    await conversation.send('OH');
    const before = harness.sink.activitiesFor(conversation.options.conversationId).length;
    const reply = await conversation.send('can I talk to a person?');
    expect(reply).to.match(/connecting you with a person/i);
    const sent = harness.sink.activitiesFor(conversation.options.conversationId).slice(before);
    const event = sent.find((activity) => activity.type === 'event');
    expect(event, 'a handoff.initiate event').to.exist;
    expect(event).to.include({ name: 'handoff.initiate' });
    const transcript = z
      .object({ activities: z.array(z.object({ text: z.string() })) })
      .parse(event?.attachments?.find((attachment) => attachment.contentType === 'application/json')?.content);
    expect(transcript.activities.map((activity) => activity.text)).to.include.members(['OH', 'can I talk to a person?']);

    const handoff = await handoffOf(conversation);
    expect(handoff).to.include({ status: 'waiting', reason: 'asked' });
    expect(handoff.facts).to.include({ state: 'OH' });
    expect(handoff.transcript.some((entry) => entry.from === 'bot' && /Which state/.test(entry.text))).to.equal(true);
  });

  it("stays silent while held, passes the dealer's messages to the agent, delivers the agent's replies, and answers again after the end", async () => {
    const conversation = harness.conversation();
    await conversation.send('agent');
    const handoff = await handoffOf(conversation);

    const { replies } = await conversation.post(conversation.activity({ text: 'is anyone there? the VIN ends 042788' }));
    expect(replies, 'the bot answers nothing while held').to.have.length(0);
    // A redelivered activity is recorded once.
    const again = conversation.activity({ text: 'second message' });
    await conversation.post(again);
    await conversation.post(again);

    const taken = await postJson(api(`/${handoff.id}/take`), {});
    expect(taken.status).to.equal(200);
    expect((await postJson(api(`/${handoff.id}/take`), {})).status, 'taken twice').to.equal(409);
    const before = harness.sink.activitiesFor(conversation.options.conversationId).length;
    const sentReply = await postJson(api(`/${handoff.id}/messages`), { text: 'Hi, this is Dana. Which VIN?' });
    expect(sentReply.status).to.equal(201);
    expect(sentReply.body).to.include({ role: 'agent', delivery: 'sent' });
    await harness.sink.waitUntil(() => harness.sink.activitiesFor(conversation.options.conversationId).length > before);
    const proactive = harness.sink.activitiesFor(conversation.options.conversationId).slice(before).map(textOf).join('\n');
    expect(proactive).to.include('Hi, this is Dana. Which VIN?');

    const detail = detailSchema.parse((await getJson(api(`/${handoff.id}`))).body);
    expect(detail.messages.filter((message) => message.role === 'dealer').map((message) => message.text)).to.deep.equal([
      'is anyone there? the VIN ends 042788',
      'second message',
    ]);
    expect(detail.messages.find((message) => message.role === 'agent')?.author).to.deep.equal({ kind: 'administrator' });

    expect((await postJson(api(`/${handoff.id}/end`), {})).status).to.equal(200);
    const endNotice = harness.sink.activitiesFor(conversation.options.conversationId).map(textOf).join('\n');
    expect(endNotice).to.match(/I'm back/);
    expect(await conversation.send('menu')).to.include('1. Return a vehicle');
    expect((await postJson(api(`/${handoff.id}/messages`), { text: 'late' })).status, 'no replies after the end').to.equal(409);
  });

  it('three misses in a row offer a person, and picking that choice hands over', async () => {
    const conversation = harness.conversation();
    await conversation.send('1');
    await conversation.send('Ontario');
    await conversation.send('XX');
    const gaveUp = await conversation.send('Narnia');
    expect(gaveUp).to.match(/Let.s stop here/);
    const offered = /(\d)\. Talk to a person/.exec(gaveUp);
    expect(offered, 'a numbered "Talk to a person" choice').to.not.equal(null);
    const reply = await conversation.send(offered?.[1] ?? '');
    expect(reply).to.match(/connecting you with a person/i);
    expect(await handoffOf(conversation)).to.include({ status: 'waiting', reason: 'misses' });
  });

  it('offers a person when the bot has no answer, and the choice hands over', async () => {
    const conversation = harness.conversation('webchat');
    await conversation.join();
    const reply = await conversation.post(conversation.activity({ text: "what's the weather in Paris?" }));
    const card = JSON.stringify(reply.replies.map((activity) => activity.attachments));
    expect(card).to.include('"choice":"Talk to a person"');
    const handed = await conversation.send({ value: { choice: 'Talk to a person' } });
    expect(handed).to.match(/connecting you with a person/i);
    expect(await handoffOf(conversation)).to.include({ status: 'waiting', reason: 'noAnswer' });
  });

  it('outside SUPPORT_HOURS gives the hours and the number to call (rules/contacts.json)', async () => {
    harness.clock.set('2026-11-21T15:00:00Z'); // Saturday
    const conversation = harness.conversation();
    const reply = await conversation.send('I want to speak with a representative');
    expect(reply).to.match(/outside those hours/);
    expect(reply).to.include('Mon-Fri 08:00-20:00');
    expect(reply).to.include('888-919-2559');
  });

  it("Teams: no handoff.initiate event is sent to the channel (only stored), and the agent's reply arrives as a card through continueConversation", async () => {
    const conversation = harness.conversation('msteams', undefined, '29:teams-user');
    await conversation.send('hi');
    const before = harness.sink.activitiesFor(conversation.options.conversationId).length;
    await conversation.send('talk to a human please');
    const sent = harness.sink.activitiesFor(conversation.options.conversationId).slice(before);
    expect(sent.map((activity) => activity.type)).to.deep.equal(['message']);
    const handoff = await handoffOf(conversation);
    await postJson(api(`/${handoff.id}/take`), {});
    const count = harness.sink.activitiesFor(conversation.options.conversationId).length;
    await postJson(api(`/${handoff.id}/messages`), { text: 'Dana here, **not bold**' });
    const reply = harness.sink.activitiesFor(conversation.options.conversationId).slice(count);
    expect(reply).to.have.length(1);
    expect(reply[0]?.attachments?.[0]?.contentType).to.equal('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(reply[0]?.attachments), "the agent's words are escaped, never markup").to.include('\\\\*\\\\*not bold\\\\*\\\\*');
  });

  it('a reply the channel refuses is kept and marked failed', async () => {
    const conversation = harness.conversation();
    await conversation.send('representative');
    const handoff = await handoffOf(conversation);
    await postJson(api(`/${handoff.id}/take`), {});
    harness.sink.failWith = 500;
    try {
      const sent = await postJson(api(`/${handoff.id}/messages`), { text: 'are you there?' });
      expect(sent.status).to.equal(201);
      expect(sent.body).to.include({ delivery: 'failed' });
    } finally {
      harness.sink.failWith = undefined;
    }
    const detail = await handoffOf(conversation);
    expect(detail.messages.at(-1)).to.include({ role: 'agent', text: 'are you there?' });
  });

  it('shows the agent the facts the walkthrough collected and the case of the VIN given', async () => {
    await registerDealer(harness.app.baseUrl, { id: 'handoff-motors', phones: ['+16145550188'] });
    expect((await openCase(harness.app.baseUrl, { dealerId: 'handoff-motors', vin: sampleVin })).status).to.equal(201);
    const conversation = harness.conversation();
    for (const answer of walkthroughAnswers({ state: 'OH', maturity: '2026-12-20', returned: '2026-12-01', intent: '1', avrm: 'yes', vin: sampleVin })) {
      await conversation.send(answer);
    }
    await conversation.send('can I get an agent');
    const handoff = await handoffOf(conversation);
    expect(handoff.facts).to.include({ state: 'OH', maturityDate: '2026-12-20', returnDate: '2026-12-01', vin: sampleVin });
    const detail = z.object({ case: z.object({ vin: z.string(), dealerId: z.string() }).nullable() }).parse((await getJson(api(`/${handoff.id}`))).body);
    expect(detail.case).to.include({ vin: sampleVin, dealerId: 'handoff-motors' });
  });

  it('"who do I talk to about the hold?" is a question, not a handoff', async () => {
    const conversation = harness.conversation();
    const reply = await conversation.send('who do I talk to about the 72 hour hold?');
    expect(reply).not.to.match(/connecting you/i);
    expect(reply).to.include('877-290-9544');
  });
});
