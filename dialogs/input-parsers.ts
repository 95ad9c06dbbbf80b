import { DateTime } from 'luxon';
import { calendarDateSchema, type CalendarDate } from '../src/domain/calendar-date.ts';
import { intentSchema, pickupPartySchema } from '../src/domain/decision-request.ts';
import { findUsState } from '../src/domain/us-states.ts';
import { usStateCodeSchema } from '../src/domain/us-state-schema.ts';
import { checkVin, normalizeVinInput } from '../src/domain/vin.ts';
import { addDays } from '../src/domain/zoned-time.ts';
import { vinOrSuffixSchema } from '../src/domain/vin-schema.ts';
import type { Paragraph } from '../src/channels/reply.ts';
import { matchChoice, type ChoiceSpec } from './choice-matching.ts';
import { inputMessages } from './messages/input-messages.ts';

/**
 * Forgiving readers for what dealers type, each ending in the same zod schema the API uses, so the
 * bot and the API accept and refuse the same facts. A refusal says precisely what was wrong.
 */
export type Parsed = { ok: true; value: string } | { ok: false; problem: Paragraph };

export interface ParseContext {
  /** Today's date in the dealer's time zone (for "today", and to refuse dates decades away). */
  today: CalendarDate;
  channelId: string;
  /** A recognized chat user (issue 15): scoped to one dealer's cases like an SMS phone, so a VIN's end will do. */
  dealerScoped?: boolean;
}

const ok = (value: string): Parsed => ({ ok: true, value });
const refuse = (problem: Paragraph): Parsed => ({ ok: false, problem });

export function parseState(input: string): Parsed {
  const code = findUsState(input.replace(/[.]/g, ''));
  const checked = usStateCodeSchema.safeParse(code ?? input);
  return checked.success ? ok(checked.data) : refuse(inputMessages.unknownState(input));
}

const relativeDays: Record<string, number> = { today: 0, tomorrow: 1, yesterday: -1 };
const monthNameFormats = ['MMM d yyyy', 'MMMM d yyyy', 'd MMM yyyy', 'd MMMM yyyy'];
/** Dates further than this from today are almost always a typo in the year. */
const plausibleYears = 10;

export function parseDate(input: string, context: ParseContext): Parsed {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const offset = relativeDays[text];
  if (offset !== undefined) return ok(addDays(context.today, offset));

  let iso: string | undefined;
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const usMatch = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text);
  if (isoMatch) iso = `${isoMatch[1]}-${pad(isoMatch[2])}-${pad(isoMatch[3])}`;
  else if (usMatch) {
    // US order (month/day/year): the prompt says so, and dealers are in the US.
    const year = usMatch[3]?.length === 2 ? `20${usMatch[3]}` : usMatch[3];
    iso = `${year}-${pad(usMatch[1])}-${pad(usMatch[2])}`;
  } else if (/^[a-z]{3,9}\.? \d{1,2}(st|nd|rd|th)?,? \d{4}$|^\d{1,2} [a-z]{3,9}\.?,? \d{4}$/.test(text)) {
    const cleaned = text.replace(/[.,]/g, '').replace(/(\d)(st|nd|rd|th)/, '$1');
    const parsed = monthNameFormats.map((format) => DateTime.fromFormat(cleaned, format, { locale: 'en-US', zone: 'utc' })).find((date) => date.isValid);
    if (!parsed) {
      const looksLikeMonth = monthNameFormats.some((format) => DateTime.fromFormat(cleaned, format, { locale: 'en-US' }).invalidReason === 'unit out of range');
      return refuse(looksLikeMonth ? inputMessages.impossibleDate(input) : inputMessages.unreadableDate(input));
    }
    iso = parsed.toISODate() ?? undefined;
  }
  if (iso === undefined) return refuse(inputMessages.unreadableDate(input));
  const checked = calendarDateSchema.safeParse(iso);
  if (!checked.success) return refuse(inputMessages.impossibleDate(input));
  if (!isWithinYears(checked.data, context.today, plausibleYears)) return refuse(inputMessages.implausibleDate(checked.data));
  return ok(checked.data);
}

/** Whether `date` is at most `years` calendar years before or after `today` (YYYY-MM-DD text compares in date order). */
function isWithinYears(date: CalendarDate, today: CalendarDate, years: number): boolean {
  const shifted = (delta: number): string => `${Number(today.slice(0, 4)) + delta}${today.slice(4)}`;
  return date >= shifted(-years) && date <= shifted(years);
}

function pad(part: string | undefined): string {
  return (part ?? '').padStart(2, '0');
}

/** A choice from a fixed list, then checked with the field's own schema when it has one. */
export function parseChoice(input: string, choices: readonly ChoiceSpec[], problem: (input: string) => Paragraph, partial = true): Parsed {
  const choice = matchChoice(input, choices, { partial });
  return choice ? ok(choice.value) : refuse(problem(input));
}

export function parseIntent(input: string, choices: readonly ChoiceSpec[]): Parsed {
  const picked = parseChoice(input, choices, inputMessages.unknownIntent);
  if (!picked.ok) return picked;
  return intentSchema.safeParse(picked.value).success ? picked : refuse(inputMessages.unknownIntent(input));
}

export function parsePickupParty(input: string, choices: readonly ChoiceSpec[]): Parsed {
  const picked = parseChoice(input, choices, inputMessages.unknownPickupParty);
  if (!picked.ok || picked.value === 'notSure') return picked;
  return pickupPartySchema.safeParse(picked.value).success ? picked : refuse(inputMessages.unknownPickupParty(input));
}

/** An optional VIN: "skip" gives the empty string. */
export function parseOptionalVin(input: string, skipWords: readonly string[]): Parsed {
  if (skipWords.includes(input.trim().toLowerCase())) return ok('');
  const result = checkVin(input);
  return result.valid ? ok(result.vin) : refuse(inputMessages.badVin(result.message));
}

/**
 * For a status check: over SMS the last 6+ characters will do (the phone number scopes the search to
 * the dealer's cases). In Teams or web chat the user has no dealer scope, so the full VIN is required,
 * and an end of a VIN gets told exactly that rather than a character count.
 */
export function parseVinForStatus(input: string, context: ParseContext): Parsed {
  const checked = vinOrSuffixSchema.safeParse(input);
  if (context.channelId === 'sms' || context.dealerScoped === true) {
    if (checked.success) return ok(normalizeVinInput(input));
    return refuse(inputMessages.badVin(checked.error.issues[0]?.message ?? ''));
  }
  if (checked.success && 'suffix' in checked.data) return refuse(inputMessages.fullVinInChat);
  const result = checkVin(input);
  return result.valid ? ok(result.vin) : refuse(inputMessages.badVin(result.message));
}

export function parseAnyText(input: string): Parsed {
  return input.trim() === '' ? refuse(inputMessages.empty) : ok(input.trim());
}
