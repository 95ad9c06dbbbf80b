import { nowMillis, type Clock } from '../src/clock.ts';
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
 * same message in one turn (the menu first, then the task that owns the prompt): the reader remembers
 * recent readings (src/understanding/interpret-message.ts), so the message is read once.
 */
export function readMessage(text: string, today: CalendarDate, pendingField?: PendingField): Interpretation {
  return interpretMessage(text, pendingField === undefined ? { today, channel: 'chat' } : { today, pendingField, channel: 'chat' });
}
