import type { Activity, TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Reply } from '../src/channels/reply.ts';
import { withoutUnsafeCharacters } from '../src/domain/safe-text.ts';

/**
 * Dialogs never send activities themselves: they add Replies to the turn, and the bot renders all of
 * them at the end of the turn for the channel (one card for Teams, texts ≤ 320 characters for SMS).
 * One message per turn instead of one per sentence is also one HTTP call to the channel instead of many.
 */
const repliesByTurn = new WeakMap<TurnContext, Reply[]>();

export function say(context: TurnContext, ...replies: Reply[]): void {
  const list = repliesByTurn.get(context);
  if (list) list.push(...replies);
  else repliesByTurn.set(context, [...replies]);
}

/** The replies gathered so far in this turn, removed from the turn. */
export function takeReplies(context: TurnContext): Reply[] {
  const list = repliesByTurn.get(context) ?? [];
  repliesByTurn.delete(context);
  return list;
}

export function hasReplies(context: TurnContext): boolean {
  return (repliesByTurn.get(context)?.length ?? 0) > 0;
}

const submitSchema = z.object({ choice: z.string().min(1) });

/**
 * What the dealer answered: the `choice` of an Adaptive Card button (activity.value), else the text.
 * Teams prefixes text with an <at> mention in group chats; that is not part of the answer. Control and
 * bidirectional formatting characters are dropped rather than refused (a chat message cannot get a 400),
 * so no parser, question or quoted reply ever sees them.
 */
export function answerOf(activity: Partial<Activity>): string | undefined {
  const submitted = submittedChoice(activity);
  if (submitted !== undefined) return withoutUnsafeCharacters(submitted);
  if (typeof activity.text !== 'string') return undefined;
  const text = withoutUnsafeCharacters(activity.text.replace(/<at>[^<]*<\/at>/g, ''), { multiline: true }).trim();
  return text === '' ? undefined : text;
}

/** True when the answer came from a card button (its value is exact, never a question). */
export function isSubmit(activity: Partial<Activity>): boolean {
  return submittedChoice(activity) !== undefined;
}

/** The card button's choice, if the activity carries one. Typed messages carry no value: no parse for them (a failed parse builds its issues). */
function submittedChoice(activity: Partial<Activity>): string | undefined {
  const value: unknown = activity.value;
  if (typeof value !== 'object' || value === null) return undefined;
  return submitSchema.safeParse(value).data?.choice;
}
