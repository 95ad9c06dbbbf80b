import { paragraphText, type Reply } from './reply.ts';
import { plainEscaping } from './text-escaping.ts';

/** Options that let the SMS renderer reuse the plain layout in a more compact form. */
export interface PlainTextOptions {
  /** Leave out the "Source:" line (SMS: every character counts). */
  citations: boolean;
  /** Heading above the numbered choices. */
  choicesHeading: string;
}

const defaults: PlainTextOptions = { citations: true, choicesHeading: 'Reply with a number or the words:' };

/**
 * Replies as plain text blocks (Emulator, tests, the terminal chat): paragraphs, "Label: value"
 * lines, numbered steps, contacts, and numbered choices ("2" selects the second one). One block per
 * logical part so the SMS renderer can pack them into messages.
 */
export function plainTextBlocks(replies: readonly Reply[], options: Partial<PlainTextOptions> = {}): string[] {
  const settings = { ...defaults, ...options };
  const blocks: string[] = [];
  let choices: Reply['choices'] = [];
  for (const item of replies) {
    blocks.push(...item.text.map((paragraph) => paragraphText(paragraph, plainEscaping)));
    if (item.facts.length > 0) blocks.push(item.facts.map((fact) => `${fact.label}: ${fact.value}`).join('\n'));
    if (item.steps.length > 0) blocks.push(['Next steps:', ...item.steps.map((step, index) => `${index + 1}. ${step}`)].join('\n'));
    if (item.contacts.length > 0) blocks.push(['Who to call:', ...item.contacts.map((contact) => `- ${contact.name}: ${contact.reach}`)].join('\n'));
    if (settings.citations && item.citations.length > 0) blocks.push(`(Source: ${item.citations.map((citation) => citation.title).join('; ')})`);
    if (item.choices.length > 0) choices = item.choices;
  }
  if (choices.length > 0) blocks.push([settings.choicesHeading, ...choices.map((choice, index) => `${index + 1}. ${choice.title}`)].join('\n'));
  return blocks;
}

export function renderPlainText(replies: readonly Reply[]): string {
  return plainTextBlocks(replies).join('\n\n');
}
