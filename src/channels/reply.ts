import { z } from 'zod';

/**
 * What a dialog wants to say, before any channel decides how to show it. Dialogs build Replies; the
 * renderers in this folder turn them into an Adaptive Card (Teams, Web Chat), GSM-7 text (SMS) or
 * plain text. A Reply is plain JSON because prompts keep it in the saved dialog state (a restart
 * re-asks the same question).
 */
export const replyChoiceSchema = z.object({
  /** What a card submit sends back and what the dialog receives as the answer. */
  value: z.string(),
  title: z.string(),
});
export type ReplyChoice = z.infer<typeof replyChoiceSchema>;

/**
 * Text we did not write (what a user typed, a model's answer), kept apart from our own words so each
 * renderer shows it exactly as given: never as formatting, a link or markup (src/channels/text-escaping.ts).
 */
export const quotedTextSchema = z.strictObject({ quoted: z.string() });
export type QuotedText = z.infer<typeof quotedTextSchema>;

/** A paragraph: our own words, or our words with quoted text among them (build it with `paragraph`). */
export const paragraphSchema = z.union([z.string(), z.strictObject({ parts: z.array(z.union([z.string(), quotedTextSchema])) })]);
export type Paragraph = z.infer<typeof paragraphSchema>;

export function quoted(text: string): QuotedText {
  return { quoted: text };
}

/**
 * A paragraph from a template: plain `${…}` values are our own words, `${quoted(input)}` values are the
 * user's. ``paragraph`I didn't catch "${quoted(input)}".` ``
 */
export function paragraph(strings: TemplateStringsArray, ...values: (string | QuotedText)[]): Paragraph {
  const parts: (string | QuotedText)[] = [];
  strings.forEach((literal, index) => {
    if (literal !== '') parts.push(literal);
    const value = values[index];
    if (value !== undefined && value !== '') parts.push(value);
  });
  return parts.some((part) => typeof part !== 'string') ? { parts } : parts.join('');
}

/** How a channel shows our words and quoted text; one per kind of channel, in text-escaping.ts. */
export interface TextEscaping {
  own(text: string): string;
  quoted(text: string): string;
}

/** One paragraph as the channel's text. */
export function paragraphText(text: Paragraph, escaping: TextEscaping): string {
  if (typeof text === 'string') return escaping.own(text);
  return text.parts.map((part) => (typeof part === 'string' ? escaping.own(part) : escaping.quoted(part.quoted))).join('');
}

export const replySchema = z.object({
  /** Paragraphs; the first is the headline (a decision comes first, the why after). */
  text: z.array(paragraphSchema),
  /** Short label/value pairs (Termination: ET). */
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
  /** Ordered next steps. */
  steps: z.array(z.string()),
  /** People to call: the name and how to reach them ("877-290-9544, option 1"). */
  contacts: z.array(z.object({ name: z.string(), reach: z.string() })),
  /** The process sections the reply rests on. */
  citations: z.array(z.object({ section: z.string(), title: z.string() })),
  /** Answers the dealer can pick; numbered on text channels, buttons on cards. */
  choices: z.array(replyChoiceSchema),
  /** `decision`: the headline is the outcome and is shown prominently; `notice`: a side remark. */
  tone: z.enum(['normal', 'decision', 'notice']),
});
export type Reply = z.infer<typeof replySchema>;

export type ReplyInput = Partial<Omit<Reply, 'text'>> & { text: Paragraph[] | Paragraph };

/** A Reply with every list present, from only the parts a dialog cares about. */
export function reply(input: ReplyInput): Reply {
  return {
    text: Array.isArray(input.text) ? input.text : [input.text],
    facts: input.facts ?? [],
    steps: input.steps ?? [],
    contacts: input.contacts ?? [],
    citations: input.citations ?? [],
    choices: input.choices ?? [],
    tone: input.tone ?? 'normal',
  };
}
