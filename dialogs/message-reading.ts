import type { TurnContext } from 'botbuilder';
import type { Clock } from '../src/clock.ts';
import { nowMillis } from '../src/clock.ts';
import { parseCalendarDate, type CalendarDate } from '../src/domain/calendar-date.ts';
import { localDate } from '../src/domain/zoned-time.ts';
import { interpretMessage, type Interpretation, type InterpretationContext } from '../src/understanding/index.ts';
import {
  AVRM_PROMPT,
  INTENT_PROMPT,
  MATURITY_DATE_PROMPT,
  PICKUP_DOCUMENT_PROMPT,
  PICKUP_PARTY_PROMPT,
  RETURN_DATE_PROMPT,
  STATE_PROMPT,
  VIN_PROMPT,
} from './dialog-ids.ts';

/** The field a prompt waits for, in the message reader's terms. */
export type PendingField = NonNullable<InterpretationContext['pendingField']>;

const pendingFieldByPrompt: Readonly<Record<string, PendingField>> = {
  [STATE_PROMPT]: 'state',
  [MATURITY_DATE_PROMPT]: 'maturityDate',
  [RETURN_DATE_PROMPT]: 'returnDate',
  [INTENT_PROMPT]: 'intent',
  [AVRM_PROMPT]: 'hasAvrmAccess',
  [VIN_PROMPT]: 'vin',
  [PICKUP_PARTY_PROMPT]: 'pickupBy',
  [PICKUP_DOCUMENT_PROMPT]: 'document',
};

export function pendingFieldOf(promptId: string | undefined): PendingField | undefined {
  return promptId === undefined ? undefined : pendingFieldByPrompt[promptId];
}

/** "Today" in the dealer's zone, from the injected clock. */
export function dealerToday(clock: Clock, zone = 'America/New_York'): CalendarDate {
  const today = parseCalendarDate(localDate(zone, nowMillis(clock)));
  if (!today) throw new Error('the clock gave no date');
  return today;
}

/**
 * Every dialog reads the dealer's message through the one shared reader. Several dialogs look at the
 * same message in one turn (the menu first, then the task that owns the prompt), so the reading is
 * kept on the turn and computed once per pending field.
 */
const readingsByTurn = new WeakMap<TurnContext, Map<string, Interpretation>>();

export function readMessage(context: TurnContext, text: string, today: CalendarDate, pendingField?: PendingField): Interpretation {
  const key = `${pendingField ?? ''}\u0000${today}\u0000${text}`;
  const readings = readingsByTurn.get(context) ?? new Map<string, Interpretation>();
  readingsByTurn.set(context, readings);
  const known = readings.get(key);
  if (known) return known;
  const reading = interpretMessage(text, pendingField === undefined ? { today, channel: 'chat' } : { today, pendingField, channel: 'chat' });
  readings.set(key, reading);
  return reading;
}
