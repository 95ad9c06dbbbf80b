import { adaptiveCardVersion, maxCardActions } from './channel-capabilities.ts';
import { paragraphText, type Reply } from './reply.ts';
import { markdownEscaping } from './text-escaping.ts';

/**
 * The subset of the Adaptive Card schema (v1.4, accepted by Teams and Web Chat) that replies use,
 * as small typed builders: the typed builders from the newer Microsoft packages need Node 22.
 */
export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  weight?: 'Bolder';
  size?: 'Small' | 'Medium' | 'Large';
  isSubtle?: boolean;
  color?: 'Attention' | 'Good' | 'Accent';
  spacing?: 'Small' | 'Medium';
}

export interface FactSet {
  type: 'FactSet';
  facts: { title: string; value: string }[];
}

/** What a choice button sends back: `choice` reaches the dialogs as the answer (activity.value). */
export interface ChoiceSubmitData {
  choice: string;
  /** Teams: messageBack shows the dealer's pick in the chat and delivers `value` to the bot. */
  msteams: { type: 'messageBack'; text: string; displayText: string; value: { choice: string } };
}

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: ChoiceSubmitData;
}

export type CardElement = TextBlock | FactSet;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: typeof adaptiveCardVersion;
  body: CardElement[];
  actions?: SubmitAction[];
}

export function textBlock(text: string, style: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...style };
}

export function factSet(facts: { title: string; value: string }[]): FactSet {
  return { type: 'FactSet', facts };
}

export function submitAction(title: string, choice: string): SubmitAction {
  return {
    type: 'Action.Submit',
    title,
    data: { choice, msteams: { type: 'messageBack', text: title, displayText: title, value: { choice } } },
  };
}

/** Adaptive Card TextBlocks read a subset of Markdown: our words and quoted text are escaped for it. */
const plain = markdownEscaping.own;

/**
 * Several replies of one turn as one card: their blocks in order, and the choices of the last reply
 * that offers any (only the pending question can be answered).
 */
export function renderAdaptiveCard(replies: readonly Reply[]): AdaptiveCard {
  const body: CardElement[] = [];
  let choices: Reply['choices'] = [];
  for (const item of replies) {
    item.text.forEach((paragraph, index) => {
      const spacing = body.length > 0 && index === 0 ? { spacing: 'Medium' as const } : {};
      const text = paragraphText(paragraph, markdownEscaping);
      if (index === 0 && item.tone === 'decision') body.push(textBlock(text, { weight: 'Bolder', size: 'Medium', color: 'Accent', ...spacing }));
      else if (item.tone === 'notice') body.push(textBlock(text, { isSubtle: true, ...spacing }));
      else body.push(textBlock(text, spacing));
    });
    if (item.facts.length > 0) body.push(factSet(item.facts.map((fact) => ({ title: plain(fact.label), value: plain(fact.value) }))));
    if (item.steps.length > 0) {
      body.push(textBlock('Next steps', { weight: 'Bolder', spacing: 'Medium' }));
      for (const [index, step] of item.steps.entries()) body.push(textBlock(`${index + 1}. ${plain(step)}`, { spacing: 'Small' }));
    }
    if (item.contacts.length > 0) {
      body.push(textBlock('Who to call', { weight: 'Bolder', spacing: 'Medium' }));
      body.push(factSet(item.contacts.map((contact) => ({ title: plain(contact.name), value: plain(contact.reach) }))));
    }
    if (item.citations.length > 0) {
      body.push(textBlock(`Source: ${item.citations.map((citation) => plain(citation.title)).join(' · ')}`, { size: 'Small', isSubtle: true }));
    }
    if (item.choices.length > 0) choices = item.choices;
  }
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: adaptiveCardVersion,
    body,
  };
  if (choices.length > 0) card.actions = choices.slice(0, maxCardActions).map((choice) => submitAction(choice.title, choice.value));
  return card;
}
