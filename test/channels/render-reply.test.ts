import { expect } from 'chai';
import { renderAdaptiveCard } from '../../src/channels/adaptive-card.ts';
import { replyFormatFor } from '../../src/channels/channel-capabilities.ts';
import { renderPlainText } from '../../src/channels/plain-text.ts';
import { renderForChannel } from '../../src/channels/render-reply.ts';
import { reply } from '../../src/channels/reply.ts';
import { isGsm7, renderSms, toGsm7 } from '../../src/channels/sms-text.ts';

const menu = reply({ text: 'What can I help with?', choices: [{ value: 'a', title: 'Return a vehicle' }, { value: 'b', title: 'Who to call' }] });
const decision = reply({
  text: ['Early termination (ET), Lessee Return: Ally starts remarketing right away.', 'Why: it comes back 30 days before the maturity date.'],
  tone: 'decision',
  facts: [{ label: 'Termination', value: 'ET' }],
  steps: Array.from({ length: 9 }, (_, index) => `Step ${index + 1} — keep the vehicle accessible: a third-party inspector should come within 1 to 5 days (longer in non-metropolitan areas). “Quoted” text…`),
  contacts: [{ name: 'Ally Remarketing Center', reach: '877-290-9544, option 1' }],
  citations: [{ section: 'quotes', title: 'Quotes and the type of termination (ET or NM)' }],
});

describe('replyFormatFor()', () => {
  const cases = [
    ['msteams', 'adaptiveCard'], ['webchat', 'adaptiveCard'], ['directline', 'adaptiveCard'], ['sms', 'sms'],
    ['emulator', 'plainText'], ['test', 'plainText'], [undefined, 'plainText'],
  ] as const;
  for (const [channel, format] of cases) it(`${String(channel)} → ${format}`, () => expect(replyFormatFor(channel)).to.equal(format));
});

describe('renderAdaptiveCard()', () => {
  it('writes a v1.4 card with the last reply\'s choices as Action.Submit buttons carrying the choice', () => {
    const card = renderAdaptiveCard([decision, menu]);
    expect(card.version).to.equal('1.4');
    expect(card.actions?.map((action) => action.title)).to.deep.equal(['Return a vehicle', 'Who to call']);
    expect(card.actions?.[0]?.data.choice).to.equal('a');
    expect(card.actions?.[0]?.data.msteams.type).to.equal('messageBack');
    expect(card.body[0]).to.include({ type: 'TextBlock', weight: 'Bolder' });
    expect(JSON.stringify(card.body)).to.include('877-290-9544, option 1');
  });

  it('escapes Markdown so a "*" in a name stays a "*"', () => {
    const card = renderAdaptiveCard([reply({ text: 'a *b* c' })]);
    expect(card.body[0]).to.include({ text: 'a \\*b\\* c' });
  });
});

describe('renderSms()', () => {
  it('packs replies into GSM-7 messages of at most 320 characters, in order, numbering choices', () => {
    const messages = renderSms([decision, menu]);
    expect(messages.length).to.be.greaterThan(2);
    for (const message of messages) {
      expect(message.length, message).to.be.at.most(320);
      expect(isGsm7(message), message).to.equal(true);
    }
    const joined = messages.join('\n');
    expect(joined.indexOf('Early termination')).to.be.lessThan(joined.indexOf('Step 9'));
    expect(joined).to.match(/^1\. Return a vehicle$/m);
    expect(joined).to.match(/^2\. Who to call$/m);
    expect(joined).not.to.include('Source:');
  });

  it('splits a single over-long paragraph at word boundaries', () => {
    const messages = renderSms([reply({ text: 'word '.repeat(200) })]);
    expect(messages.length).to.equal(4);
    for (const message of messages) expect(message.length).to.be.at.most(320);
  });
});

describe('toGsm7()', () => {
  const cases = [
    ['“quoted” – dash — and…', '"quoted" - dash - and...'],
    ['café ü', 'café ü'],
    ['naïve ç Ç', 'naive c Ç'],
    ['[a] {b} ~ | €', '(a) (b) - / EUR'],
    ['emoji 🚗', 'emoji ?'],
  ] as const;
  for (const [input, output] of cases) it(`${input} → ${output}`, () => expect(toGsm7(input)).to.equal(output));
});

describe('renderPlainText() / renderForChannel()', () => {
  it('numbers steps and choices for text channels', () => {
    const text = renderPlainText([decision, menu]);
    expect(text).to.match(/^1\. Step 1/m);
    expect(text).to.match(/Source: Quotes/);
    expect(text).to.match(/^2\. Who to call$/m);
  });

  it('gives one message for cards and plain text, several for a long SMS', () => {
    expect(renderForChannel('msteams', [decision, menu])).to.have.length(1);
    expect(renderForChannel('emulator', [decision, menu])).to.have.length(1);
    expect(renderForChannel('sms', [decision, menu]).length).to.be.greaterThan(1);
    expect(renderForChannel('sms', [])).to.deep.equal([]);
  });
});
