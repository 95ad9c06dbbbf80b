import { expect } from 'chai';
import { startBotHarness, type BotHarness } from '../bots/bot-test-kit.ts';

/** Conversation repair in "Someone is here to pick up a car", over real Bot Framework activities. */
describe('conversation repair in the release check', () => {
  let harness: BotHarness;
  before(async () => {
    harness = await startBotHarness();
  });
  after(async () => {
    await harness.stop();
  });

  async function releaseCheckAt(answers: readonly string[]) {
    const conversation = harness.conversation();
    for (const answer of ['Someone is here to pick up a car', ...answers]) await conversation.send(answer);
    return conversation;
  }

  it('"back" at the document question re-asks who is there', async () => {
    const conversation = await releaseCheckAt(['The buying dealer']);
    const reply = await conversation.send('back');
    expect(reply).to.match(/back one question/);
    expect(reply).to.match(/Who's there to pick up the car\?/);
    expect(await conversation.send('A transporter')).to.match(/Bill of Lading\?/);
  });

  it('"back" at the first question says there is nothing before it', async () => {
    const conversation = await releaseCheckAt([]);
    const reply = await conversation.send('go back');
    expect(reply).to.match(/nothing before it/);
    expect(reply).to.match(/Who's there/);
  });

  it('"actually it\'s a transporter" at the proof-of-sale question changes the party and asks for its document', async () => {
    const conversation = await releaseCheckAt(['The buying dealer']);
    const reply = await conversation.send("actually it's a transporter");
    expect(reply).to.match(/Changed who is picking up to a transporter/);
    expect(reply).to.match(/Bill of Lading\?/);
    expect(reply).not.to.match(/proof of sale\?/);
    const outcome = await conversation.send('no');
    expect(outcome).to.match(/Do not release/);
    expect(outcome).to.match(/Bill of Lading/);
  });

  it('who is there and their document in one message goes straight to the outcome', async () => {
    const conversation = await releaseCheckAt([]);
    const reply = await conversation.send('a transporter with the bill of lading');
    expect(reply).to.match(/Release the vehicle/);
    expect(reply).not.to.match(/Did the driver give you/);
  });

  it('"thanks" at a question is small talk: a short answer and the question again, never a miss', async () => {
    const conversation = await releaseCheckAt([]);
    for (let turn = 0; turn < 3; turn += 1) {
      const reply = await conversation.send('thanks');
      expect(reply).to.match(/welcome/i);
      expect(reply).to.match(/Who's there/);
      expect(reply).not.to.match(/Let's stop here/);
    }
  });
});
