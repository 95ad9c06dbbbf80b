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

export const replySchema = z.object({
  /** Paragraphs; the first is the headline (a decision comes first, the why after). */
  text: z.array(z.string()),
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

export type ReplyInput = Partial<Omit<Reply, 'text'>> & { text: string[] | string };

/** A Reply with every list present, from only the parts a dialog cares about. */
export function reply(input: ReplyInput): Reply {
  return {
    text: typeof input.text === 'string' ? [input.text] : input.text,
    facts: input.facts ?? [],
    steps: input.steps ?? [],
    contacts: input.contacts ?? [],
    citations: input.citations ?? [],
    choices: input.choices ?? [],
    tone: input.tone ?? 'normal',
  };
}
