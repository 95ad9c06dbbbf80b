import { expect } from 'chai';
import { renderAdaptiveCard } from '../../src/channels/adaptive-card.ts';
import { replyFormatFor } from '../../src/channels/channel-capabilities.ts';
import { renderPlainText } from '../../src/channels/plain-text.ts';
import { renderForChannel } from '../../src/channels/render-reply.ts';
import { paragraph, quoted, reply } from '../../src/channels/reply.ts';
import { isGsm7, renderSms, toGsm7 } from '../../src/channels/sms-text.ts';

const menu = reply({
  text: 'What can I help with?',
  choices: [
    { value: 'a', title: 'Return a vehicle' },
    { value: 'b', title: 'Who to call' },
  ],
});
const decision = reply({
  text: ['Early termination (ET), Lessee Return: Ally starts remarketing right away.', 'Why: it comes back 30 days before the maturity date.'],
  tone: 'decision',
  facts: [{ label: 'Termination', value: 'ET' }],
  steps: Array.from(
    { length: 9 },
    (_, index) =>
      `Step ${index + 1} — keep the vehicle accessible: a third-party inspector should come within 1 to 5 days (longer in non-metropolitan areas). “Quoted” text…`,
  ),
  contacts: [{ name: 'Ally Remarketing Center', reach: '877-290-9544, option 1' }],
  citations: [{ section: 'quotes', title: 'Quotes and the type of termination (ET or NM)' }],
});

describe('replyFormatFor()', () => {
  const cases = [
    ['msteams', 'adaptiveCard'],
    ['webchat', 'adaptiveCard'],
    ['directline', 'adaptiveCard'],
    ['sms', 'sms'],
    ['emulator', 'plainText'],
    ['test', 'plainText'],
    [undefined, 'plainText'],
  ] as const;
  for (const [channel, format] of cases) it(`${String(channel)} → ${format}`, () => expect(replyFormatFor(channel)).to.equal(format));
});

describe('renderAdaptiveCard()', () => {
  it("writes a v1.4 card with the last reply's choices as Action.Submit buttons carrying the choice", () => {
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

describe('quoted text (what a user typed, shown back)', () => {
  const echo = (typed: string) => reply({ text: paragraph`I didn't catch "${quoted(typed)}". Pick one.`, tone: 'notice' });
  const cardText = (typed: string): string => {
    const [message] = renderForChannel('webchat', [echo(typed)]);
    return message?.kind === 'card' ? (message.card.body[0] as { text: string }).text : '';
  };

  // Every ASCII punctuation mark escaped (CommonMark makes each literal), scheme separators and www. defanged.
  const escaped = [
    ['[Ally login](https://evil.example)', '\\[Ally login\\]\\(https\\[\\:\\]\\/\\/evil\\.example\\)'],
    ['**bold**', '\\*\\*bold\\*\\*'],
    ['<b>x</b>', '\\<b\\>x\\<\\/b\\>'],
    ['https://evil.example', 'https\\[\\:\\]\\/\\/evil\\.example'],
    ['www.evil.com', 'www\\[\\.\\]evil\\.com'],
    ['a@evil.com', 'a\\@evil\\.com'],
    ['&#91;x&#93;', '\\&\\#91\\;x\\&\\#93\\;'],
    [
      '# _x_ ~~y~~ `z` > - + ! | {{DATE(2026-01-01T00:00:00Z)}}',
      '\\# \\_x\\_ \\~\\~y\\~\\~ \\`z\\` \\> \\- \\+ \\! \\| \\{\\{DATE\\(2026\\-01\\-01T00\\:00\\:00Z\\)\\}\\}',
    ],
    ["O'Brien & Söhne", "O\\'Brien \\& Söhne"],
  ] as const;
  for (const [typed, card] of escaped) {
    it(`card: ${typed} → ${card}`, () => expect(cardText(typed)).to.equal(`I didn't catch "${card}". Pick one.`));
  }

  it('card: our own words around the quote keep their plain escaping', () => {
    const [message] = renderForChannel('msteams', [reply({ text: paragraph`Fax *now* to ${'866-851-0577'}: "${quoted('x.y')}"` })]);
    expect(message?.kind === 'card' ? message.card.body[0] : undefined).to.include({ text: 'Fax \\*now\\* to 866-851-0577: "x\\.y"' });
  });

  it('plain text and SMS show it as typed (SMS in GSM-7); the card summary too', () => {
    const typed = '**bold** <b>x</b> https://evil.example';
    expect(renderForChannel('emulator', [echo(typed)])).to.deep.equal([{ kind: 'text', text: `I didn't catch "${typed}". Pick one.` }]);
    expect(renderForChannel('sms', [echo(typed)])).to.deep.equal([{ kind: 'text', text: `I didn't catch "${typed}". Pick one.` }]);
    expect(renderForChannel('sms', [echo('[a](b)')])).to.deep.equal([{ kind: 'text', text: `I didn't catch "(a)(b)". Pick one.` }]);
    expect(renderForChannel('webchat', [echo(typed)])[0]).to.include({ summary: `I didn't catch "${typed}". Pick one.` });
  });

  it('drops control and bidirectional formatting characters from the quote on every channel', () => {
    const typed = 'Ally \u202Enigol\u0007\u2066';
    expect(cardText(typed)).to.equal(`I didn't catch "Ally nigol". Pick one.`);
    expect(renderForChannel('emulator', [echo(typed)])).to.deep.equal([{ kind: 'text', text: `I didn't catch "Ally nigol". Pick one.` }]);
  });
});
