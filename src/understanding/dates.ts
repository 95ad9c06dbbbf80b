import * as chrono from 'chrono-node';
import type { CalendarDate } from '../domain/calendar-date.ts';
import { parseCalendarDate } from '../domain/calendar-date.ts';
import { found, type Found, type MessageText } from './text.ts';

export type DateField = 'maturityDate' | 'returnDate';

export interface DateReading {
  readonly maturityDate?: { value: CalendarDate; words: string };
  readonly returnDate?: { value: CalendarDate; words: string };
  readonly yearsAssumed: { field: DateField; year: number }[];
}

/** Words that say which date a date is, read in the clause before it ("lease ends 12/30", "returned today"). */
const maturityCue =
  /\b(?:matur\w*|mat(?:\.|\b)|(?:it|she|he) was up(?= back\b)|(?:it|she|he)(?:'s| is|s)? (?:isn'?t|is not|not|ain'?t|won'?t be|will not be) up (?:till|until|til|on|in)|(?:lease|term|contract) (?:(?:is|was|wasn't|isn't|is not|was not|will be|would be|not|isnt|wasnt|would'?ve|would have|will have|should'?ve|should have|would'?ve been|would have been) )?(?:up|over|done|due|end\w*|expir\w*|finish\w*)|ends?(?! up\b)|ending(?! up\b)|expir\w*|end of (?:the )?(?:lease|term)|term(?:ination)? date|lease date|runs? (?:through|thru|until|till|to)|(?:was|is|wasn't|isn't|was not|is not|not) (?:\w+ )?due(?: (?:until|till|til|on|in|back))?)\b/;
const returnCue =
  /\b(?:return\w*(?! (?:site|web ?site|manager|quotes?|options?|process|portal))|bring\w* (?:it |her |him |them |the car )?(?:in|back|by)|bring\w* (?:it|her|him|them|the (?:car|vehicle|truck|suv|lease))\b|turn(?:ed|ing)? (?:it |her |him |them |the car |(?:her|his|their|the) (?:[\w-]+ )?(?:lease|car|vehicle|truck|suv) )?in|turn-?ins?|brought|dropp?\w*(?: (?:it|her|him|them|the car|the vehicle))? off|(?<!(?:password|login|log in|user id|email|letter|credentials|it all) )(?:came|comes|coming|come) (?:back|in)|back|drop\w*|arriv\w*|received|got it|(?:it|the (?:car|vehicle|truck|suv|unit|lease)) (?:got|made it) (?:here|in|to us)|handed (?:it )?(?:over|back|in)(?! (?:the |a |his |her |their |me |us )*(?:bill of lading|bol|proof|paperwork|papers|docs?|documents?|keys?|bill of sale)\b)|left (?:it|the car|the vehicle|her car|his car)(?: with us| here| at the (?:store|dealership))?)\b/;

/** Words of the other steps and things a date in a message may belong to. */
const otherStepCue =
  /\b(?:inspect\w*|sold|sells|bought|won|listed|posted|went up|put up|picked up|pick(?:s|ing)? (?:it |them |the car |the vehicle )?up|pick ?-?ups?|(?:in|into|on|through|thru|via) avrm|password|log ?in|logged (?:in|into|on)|user ?id|credentials|e-?mail|letter|call(?:ed)?|call ?backs?|told ally|notified|reported|set (?:\w+ )?up|sign(?:ed)? up|started|hired|joined|register\w*|activat\w*|approv\w*)\b/;

/** A number of returns ("6 returns", "a bunch of turn-ins"): how many came back, not when one did. */
const countedReturns =
  /\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|a (?:lot|bunch|ton|pile) of|lots of|so many|too many) (?:lease |more )?(?:returns|turn-?ins)\b/g;

/** Words that put what a date is said of still ahead ("comes in friday", "bringing it back on the 15th"). */
const stillAhead =
  /\b(?:will|gonna|going to|fixin to|fixing to|about to|bringing|brings|tomorrow|comes|coming|returning|turning|turns|arrives|arriving|dropping|drops|due|scheduled|planning|plans|expected|expecting)\b/;

/** The nth weekday (0 = Sunday) of a month; n = -1 for the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): Date {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1));
    return new Date(Date.UTC(year, month - 1, 1 + ((weekday - first.getUTCDay() + 7) % 7) + 7 * (n - 1)));
  }
  const last = new Date(Date.UTC(year, month, 0));
  return new Date(Date.UTC(year, month, -((last.getUTCDay() - weekday + 7) % 7)));
}

/** Holidays dealers date things by, as the day they fall on in a given year (chrono reads none of them). */
const holidays: readonly (readonly [RegExp, (year: number) => Date])[] = [
  [/\b(?:the )?saturday after thanksgiving\b/g, (year) => new Date(nthWeekday(year, 11, 4, 4).getTime() + 2 * 86_400_000)],
  [/\b(?:the )?sunday after thanksgiving\b/g, (year) => new Date(nthWeekday(year, 11, 4, 4).getTime() + 3 * 86_400_000)],
  [/\b(?:the )?(?:day|friday) after thanksgiving\b|\bblack friday\b/g, (year) => new Date(nthWeekday(year, 11, 4, 4).getTime() + 86_400_000)],
  [/\bthanksgiving(?: day)?\b/g, (year) => nthWeekday(year, 11, 4, 4)],
  [/\bchristmas eve\b|\bxmas eve\b/g, (year) => new Date(Date.UTC(year, 11, 24))],
  [/\b(?:christmas|xmas)(?: day)?\b/g, (year) => new Date(Date.UTC(year, 11, 25))],
  [/\bnew years? eve\b|\bnew year'?s eve\b/g, (year) => new Date(Date.UTC(year, 11, 31))],
  [/\bnew year'?s?(?: day)?\b/g, (year) => new Date(Date.UTC(year, 0, 1))],
  [/\bmemorial day\b/g, (year) => nthWeekday(year, 5, 1, -1)],
  [/\b(?:independence day|(?:the )?(?:4th|fourth) of july|july (?:4th|fourth))\b/g, (year) => new Date(Date.UTC(year, 6, 4))],
  [/\blabor day\b/g, (year) => nthWeekday(year, 9, 1, 1)],
  [/\bhalloween\b/g, (year) => new Date(Date.UTC(year, 9, 31))],
  [/\bveterans day\b/g, (year) => new Date(Date.UTC(year, 10, 11))],
];

/** The day a holiday falls on nearest to today (this year's, last year's or next year's). */
function nearestHoliday(dayIn: (year: number) => Date, today: CalendarDate): CalendarDate | undefined {
  const now = Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)));
  const year = Number(today.slice(0, 4));
  const candidates = [year - 1, year, year + 1].map(dayIn).sort((a, b) => Math.abs(a.getTime() - now) - Math.abs(b.getTime() - now));
  return candidates[0] ? parseCalendarDate(candidates[0].toISOString().slice(0, 10)) : undefined;
}

/** Phrases chrono misses or misreads: the phrase, how many days before today it names, whether it replaces chrono's reading. */
const fixedDays: readonly (readonly [RegExp, number, boolean])[] = [
  // "the day before yesterday": two days back (chrono reads it as yesterday).
  [/\b(?:the )?day before yesterday\b/g, 2, true],
  // "just now": today.
  [/\bjust now\b/g, 0, false],
  // "this AM", "this a.m.": today, as chrono reads "this morning".
  [/\bthis (?:a\.?m|p\.?m)\b\.?/g, 0, false],
  // "yday", "yest": yesterday as it is texted.
  [/\b(?:yday|y'day|yest|ystrdy|ystdy|yesterdy|yestrday|ysterday)\b/g, 1, false],
  // "tody", "tdy": today as fingers slip on it ("tody" is also a bird, so no spelling check corrects it).
  [/\b(?:tody|tdy|tday|todya|todat|toady|tooday|tiday)\b/g, 0, false],
];

/** A maturity or return word just before ("matures twelve fifteen"). */
const dateCueBefore = new RegExp(`(?:${maturityCue.source}|${returnCue.source})[^.,;!?]{0,12}$`);

const maturityThenBack = new RegExp(`(${maturityCue.source})\\s+back\\b`, 'g');

/**
 * Dates, read by chrono-node against the dealer's "today": "12/3", "dec 31", "next friday", "end of
 * the month", "today". A date without a year takes the nearest sensible year (chrono's choice around
 * today) and is listed in `yearsAssumed` so the reply can say which. Which date it is comes from the
 * words before it; a bare date answers the pending prompt.
 */
export function readDates(text: MessageText, today: CalendarDate, pendingField: string | undefined): DateReading {
  const reference = new Date(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)), 12);
  const reading: {
    maturityDate?: { value: CalendarDate; words: string };
    returnDate?: { value: CalendarDate; words: string };
    yearsAssumed: DateReading['yearsAssumed'];
  } = {
    yearsAssumed: [],
  };
  // "3.15.27": dots between date parts read as slashes (one character for one, so positions hold).
  // "12-3", "11.30": a month and a day joined by a dash or a dot read as "12/3" too, unless a length of time follows
  // ("1-5 days") or it is part of a longer number.
  const dated = text.lower
    .replace(/\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})\b/g, '$1/$2/$3')
    // "back in oct, 10/4": a month named before the full date it is in says nothing more (chrono would read "oct, 10").
    .replace(/\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+(?=\d{1,2}\/\d)/g, (month) => ' '.repeat(month.length))
    // ("matures twelve fifteen", "its twelve fifteen" at a date prompt: a month and a day said as numbers, as voice typing writes them.)
    .replace(spokenMonthDay, (words: string, month: string, day: string, offset: number, whole: string) => {
      const monthNumber = cardinalWords.indexOf(month) + 1;
      const dayNumber = dayWordValue(day);
      const cued = pendingField === 'maturityDate' || pendingField === 'returnDate' || dateCueBefore.test(whole.slice(Math.max(0, offset - 40), offset));
      return cued && monthNumber >= 1 && monthNumber <= 12 && dayNumber !== undefined ? `${monthNumber}/${dayNumber}`.padEnd(words.length, ' ') : words;
    })
    .replace(
      /(?<![\d/.-])\b(1[0-2]|0?[1-9])[-.](3[01]|[12]\d|0?[1-9])\b(?![\d/.-]|\s*(?:business |biz )?(?:days?|hrs?|hours?|weeks?|wks?|months?|mins?|minutes?|%|x\b))/g,
      '$1/$2',
    );
  for (const result of chrono.en.casual.parse(dated, reference)) {
    const start = result.start;
    // "now what" is not a date, nor is a length of time ("holds it for 72 hours", "within 5 days").
    if (/^(?:now|right now)$/.test(result.text.trim())) continue;
    // "for a sec", "give me a minute": a moment, not a day.
    if (/\b(?:a )?(?:sec|second|minute|min|moment)s?\b/.test(result.text)) continue;
    if (/^(?:for |in |within |up to )?(?:\d+|an?|one|two|three|four|five|six|seven)\s*(?:hours?|hrs?|days?|weeks?|months?)$/.test(result.text.trim())) continue;
    // "came back last week", "a few days ago": a stretch of time, not the day it happened.
    // ("over the weekend": two days, not one.)
    if (
      /^(?:last|this|next|past|the other) (?:week|month|year|weekend)$|^(?:the )?weekend,?$|^(?:a )?(?:couple|few)(?: of)? (?:days|weeks)(?: ago)?$/.test(
        result.text.trim(),
      )
    )
      continue;
    // "2 weeks before maturity", "3 days after the sale": an offset from another event, not from today.
    if (
      /\b(?:before|after|prior|later|earlier|early)$/.test(result.text.trim()) &&
      !/^\s*(?:today|now|yesterday)\b/.test(dated.slice(result.index + result.text.length))
    )
      continue;
    // "3 weeks", "72 hours": a duration, not a date. A date names a day.
    if (
      !start.isCertain('day') &&
      !start.isCertain('weekday') &&
      !/\b(today|tomorrow|yesterday|tonight|end of|this (?:morning|afternoon|evening)|last night)\b/.test(result.text)
    )
      continue;
    // ("june 30th next year": chrono keeps this year's date; the year after today's is meant.)
    const nextYear = !start.isCertain('year') && /^\s*(?:of )?next year\b/.test(dated.slice(result.index + result.text.length));
    const value = parseCalendarDate(
      `${String(nextYear ? Number(today.slice(0, 4)) + 1 : (start.get('year') ?? 0)).padStart(4, '0')}-${String(start.get('month') ?? 0).padStart(2, '0')}-${String(start.get('day') ?? 0).padStart(2, '0')}`,
    );
    if (!value) continue;
    const at = found(text, result.index, result.text.length);
    // "maturity is jan 12, not jan 21": the date said not to be it is no date of the return.
    if (/\b(?:not|isn't|wasn't|never)\s+(?:the\s+|on\s+)?$/.test(text.lower.slice(Math.max(0, at.index - 12), at.index))) continue;
    // "I typed 2/8 by mistake": the date said to be a slip is no date of the return.
    if (
      /^\s*(?:by mistake|by accident|in error|wrongly|instead)\b/.test(text.lower.slice(at.end)) ||
      /\b(?:typed|put|entered|wrote)\s+$/.test(text.lower.slice(Math.max(0, at.index - 10), at.index)) ||
      // ("i put the lease end as 1/31/26, it should be 1/31/27": the date given before, now taken back.)
      (/\b(?:typed|put|entered|wrote|gave|had)\b[^.,;!?]{0,25}\bas\s+$/.test(text.lower.slice(Math.max(0, at.index - 40), at.index)) &&
        /^[^.;!?]{0,6}[,;-]?\s*(?:it )?(?:should (?:be|have been|say)|is actually|it'?s actually|needs to be|but it'?s)\b/.test(text.lower.slice(at.end)))
    )
      continue;
    const field = fieldOf(text, at, pendingField);
    if (!field || reading[field]) continue;
    // "came back friday": a weekday without "next" is the one just past when it says when the car came back.
    const pastWeekday =
      field === 'returnDate' &&
      value > today &&
      start.isCertain('weekday') &&
      !start.isCertain('day') &&
      !/\b(?:next|this|coming)\b/.test(result.text) &&
      // ("comes in friday", "returning it friday", "due friday": said of what is still ahead.)
      !stillAhead.test(text.lower);
    reading[field] = { value: pastWeekday ? shiftDays(value, -7) : value, words: at.words };
    if (start.isCertain('month') && !start.isCertain('year')) reading.yearsAssumed.push({ field, year: start.get('year') ?? 0 });
  }
  // (The longer name first: "christmas eve" is not also christmas.)
  const holidaySpans: [number, number][] = [];
  for (const [phrase, dayIn] of holidays) {
    for (const match of text.lower.matchAll(phrase)) {
      const end = match.index + match[0].length;
      if (holidaySpans.some(([from, to]) => match.index < to && end > from)) continue;
      holidaySpans.push([match.index, end]);
      const at = found(text, match.index, match[0].length);
      const field = fieldOf(text, at, pendingField);
      const value = nearestHoliday(dayIn, today);
      if (field && value) reading[field] = { value, words: at.words };
    }
  }
  for (const [phrase, daysBack, replacesChrono] of fixedDays) {
    for (const match of text.lower.matchAll(phrase)) {
      const at = found(text, match.index, match[0].length);
      const field = fieldOf(text, at, pendingField);
      if (field && (replacesChrono || !reading[field])) reading[field] = { value: shiftDays(today, -daysBack), words: at.words };
    }
  }
  // "the 28th": a day of the month alone. A return day is the latest one not after today; a maturity day the next one from today.
  // ("the 15th of next month": the month said after the day.)
  // ("lease ends next month on the 9th": the month said before the day.)
  for (const match of text.lower.matchAll(
    /\b(?:the )?(?<day>\d{1,2})(?:st|nd|rd|th) of (?<month>next|this|last) month\b|\b(?<month2>next|this|last) month,? on the (?<day2>\d{1,2})(?:st|nd|rd|th)\b/g,
  )) {
    const day = Number(match.groups?.day ?? match.groups?.day2);
    const month = match.groups?.month ?? match.groups?.month2;
    const at = found(text, match.index, match[0].length);
    const field = fieldOf(text, at, pendingField);
    if (!field || reading[field]) continue;
    const value = dayOfMonthFrom(today, month === 'next' ? 1 : month === 'last' ? -1 : 0, day);
    if (value) reading[field] = { value, words: at.words };
  }
  // ("on the twenty-fifth, not the twenty-sixth": a day written in words reads as its number.)
  const spelled = text.lower.replace(ordinalWordPattern, (words) => {
    const number = ordinalWordValue(words);
    return number === undefined ? words : `${number}th`.padEnd(words.length, ' ');
  });
  for (const match of spelled.matchAll(/\b(?:the )?(\d{1,2})(?:st|nd|rd|th)\b(?! (?:of|day|week|month|year|hour|party|parties))/g)) {
    const day = Number(match[1]);
    if (day < 1 || day > 31) continue;
    const at = found(text, match.index, match[0].length);
    // "january 31, not the 13th": the day said not to be it is no date of the return.
    if (/\b(?:not|isn't|wasn't|never)\s+(?:on\s+)?$/.test(text.lower.slice(Math.max(0, at.index - 12), at.index))) continue;
    const field = fieldOf(text, at, pendingField);
    if (!field || reading[field]) continue;
    // "ended last month on the 10th", "matured on the 3rd": said in the past, the day is the one just past.
    const context = text.lower.slice(Math.max(0, match.index - 40), match.index);
    const lastMonth = /\blast month\b/.test(context);
    // ("bringing the car back on the 15th": a return still ahead is the next one.)
    const past =
      (field === 'returnDate' && !stillAhead.test(context)) || lastMonth || /\b(?:ended|matured|expired|was up|was over|was due|ran out)\b/.test(context);
    // "matured back in October, the 20th": the month named just before gives the day its month.
    const monthNamed = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+(?:the\s+)?$/.exec(
      text.lower.slice(Math.max(0, match.index - 20), match.index),
    );
    const monthIndex = monthNamed ? monthNames.indexOf(monthNamed[1] ?? '') + 1 : 0;
    const value =
      monthIndex > 0
        ? nearestDate(today, monthIndex, day, past ? 'past' : 'nearest')
        : lastMonth
          ? dayOfLastMonth(today, day)
          : nearestDayOfMonth(today, day, past ? 'past' : 'future');
    if (!value) continue;
    reading[field] = { value, words: at.words };
    reading.yearsAssumed.push({ field, year: Number(value.slice(0, 4)) });
  }
  return reading;
}

const ordinalUnits: Readonly<Record<string, number>> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
  twentieth: 20,
  thirtieth: 30,
};
/** "the twenty-fifth", "thirty first": a day of the month in words (after "the", so "first thing" is no date). */
const ordinalWordPattern =
  /(?<=\bthe )(?:(?:twenty|thirty)[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)\b(?=\s*(?:$|[,.;!?]|(?:and|or|not|but|of|for|when|so|i|we)\b))/g;
function ordinalWordValue(words: string): number | undefined {
  const [, tens, unit] = /^(?:(twenty|thirty)[- ]?)?(\w+)$/.exec(words) ?? [];
  const value = (tens === 'twenty' ? 20 : tens === 'thirty' ? 30 : 0) + (ordinalUnits[unit ?? ''] ?? 0);
  return value >= 1 && value <= 31 && ordinalUnits[unit ?? ''] !== undefined ? value : undefined;
}

const cardinalWords = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const spokenMonthDay = new RegExp(
  `\\b(${cardinalWords.slice(0, 12).join('|')}) ((?:twenty|thirty)(?:[- ](?:${cardinalWords.slice(0, 9).join('|')}|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))?|${cardinalWords.join('|')}|${Object.keys(ordinalUnits).join('|')})\\b`,
  'g',
);
/** "fifteen", "twenty one", "twenty-first": a day of the month said in words. */
function dayWordValue(words: string): number | undefined {
  const ordinal = ordinalWordValue(words);
  if (ordinal !== undefined) return ordinal;
  const [, tens, unit] = /^(?:(twenty|thirty)[- ]?)?(\w+)?$/.exec(words) ?? [];
  const value = (tens === 'twenty' ? 20 : tens === 'thirty' ? 30 : 0) + (unit ? cardinalWords.indexOf(unit) + 1 : 0);
  return value >= 1 && value <= 31 && (unit === undefined || cardinalWords.indexOf(unit) >= 0) ? value : undefined;
}

/** A day of the month this month, or months away (negative: before). */
function dayOfMonthFrom(today: CalendarDate, months: number, day: number): CalendarDate | undefined {
  const index = Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 + months;
  return parseCalendarDate(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** A month and day without a year: the year that puts it nearest today (or the latest not after today, for 'past'). */
function nearestDate(today: CalendarDate, month: number, day: number, direction: 'past' | 'nearest'): CalendarDate | undefined {
  const year = Number(today.slice(0, 4));
  const at = (y: number): CalendarDate | undefined => parseCalendarDate(`${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  const candidates = [year - 1, year, year + 1].map(at).filter((date): date is CalendarDate => date !== undefined);
  if (direction === 'past') return candidates.filter((date) => date <= today).at(-1);
  const distance = (date: CalendarDate): number => Math.abs(Date.parse(date) - Date.parse(today));
  return [...candidates].sort((a, b) => distance(a) - distance(b))[0];
}

function dayOfLastMonth(today: CalendarDate, day: number): CalendarDate | undefined {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
  return parseCalendarDate(`${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

function nearestDayOfMonth(today: CalendarDate, day: number, direction: 'past' | 'future'): CalendarDate | undefined {
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  for (let step = 0; step < 3; step += 1) {
    const candidate = parseCalendarDate(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    if (candidate && (direction === 'past' ? candidate <= today : candidate >= today)) return candidate;
    month += direction === 'past' ? -1 : 1;
    if (month === 0) [year, month] = [year - 1, 12];
    if (month === 13) [year, month] = [year + 1, 1];
  }
  return undefined;
}

function fieldOf(text: MessageText, at: Found, pendingField: string | undefined): DateField | undefined {
  // ("6 returns today and im drowning": how many cars came back, not when this one did.)
  const before = text.lower.slice(Math.max(0, at.index - 60), at.index).replace(countedReturns, (phrase) => ' '.repeat(phrase.length));
  const clauses = before.split(/[.;,!?]|\band\b/);
  const clause = clauses.at(-1) ?? '';
  // ("it already matured, back on nov 15th": "back" opening the clause after a maturity says when, earlier.)
  if (/^\s*back (?:on|in)\s+(?:the\s+)?(?:[a-z]{3,9}\.?\s+)?$/.test(clause) && lastIndex(clauses.at(-2) ?? '', maturityCue) >= 0) return 'maturityDate';
  const maturity = lastIndex(clause, maturityCue);
  // "matured back on 10/1": "back" after a maturity word means "earlier", not that the car came back.
  // "our returned Jeep": "returned" describing the car, not saying when it came back.
  const returned = lastIndex(
    clause
      .replace(maturityThenBack, '$1')
      .replace(/\b(?:our|the|a|this|that|their|his|her) returned (?=\w)/g, (phrase) => ' '.repeat(phrase.length))
      // ("call me back this afternoon": a call returned, not the car.)
      .replace(/\b(?:call|ring|phone|text|get|write|hear)(?:s|ed|ing)? (?:(?:me|us|him|her|them|you) )?back\b/g, (phrase) => ' '.repeat(phrase.length)),
    returnCue,
  );
  // "the inspection on our returned Jeep was done yesterday", "our returned car sold yesterday", "the password came in
  // this morning": the date is another step's (or another thing's), and fills no prompt either.
  const otherStep = lastIndex(clause, otherStepCue);
  if (otherStep > maturity && otherStep > returned) return undefined;
  // ("supposed to pick up our Ally return on Friday": the return named as the thing another step is done to.)
  if (otherStep > maturity && returnIsWhatAStepIsDoneTo(clause, otherStep, returned)) return undefined;
  // "we're in today", "matured 11/20 in today": "in" just before the day says when the car came in (not "ends in …").
  if (/\bin\s+(?:on\s+)?$/.test(clause) && !/\b(?:ends?|ending|matur\w*|expir\w*|up|due|over|done|finish\w*)\s+in\s+(?:on\s+)?$/.test(clause))
    return 'returnDate';
  if (maturity >= 0 || returned >= 0) return maturity > returned ? 'maturityDate' : 'returnDate';
  // ("two returns from the weekend … start with the one from sunday": one of the returns told about, by its day.)
  if (
    /\bthe (?:one|ones|car|cars|vehicle|unit)s? (?:from|of)\s+(?:last\s+|this past\s+)?$/.test(clause) &&
    lastIndex(text.lower.slice(0, at.index), returnCue) >= 0
  )
    return 'returnDate';
  const after = text.lower.slice(at.end, at.end + 30);
  // "12/15 is the return date" names this date; in "mat 12/15 ret 12/1" the word labels the next one.
  const labelsNextDate = /^\s*(?:is |was )?(?:the )?(?:maturity|lease end|return)\w*(?: date)?\s*(?:is |was |on |of |:\s*|-\s*|=\s*)?\d/.test(after);
  // "12/13 for maturity", "12/3 as the return date".
  if (!labelsNextDate && /^\s*(?:is |was |for |as )?(?:the )?(?:maturity|lease end)/.test(after)) return 'maturityDate';
  // ("she's got til 2/10/27 on the lease": the day the lease runs to.)
  if (/^\s*(?:left )?on (?:the|her|his|their|this|that) (?:lease|contract)\b/.test(after) || /\b(?:got|has|have) (?:un)?til\s+$/.test(clause))
    return 'maturityDate';
  if (!labelsNextDate && /^\s*(?:is |was |for |as )?(?:the )?return/.test(after)) return 'returnDate';
  // "i meant the 29th not the 30th for when it came in": the words after the date, in its clause, say which it is.
  // (Only where the words say the date is when something happened: "… for when it came in", "… is the day it ended".)
  // ("it was friday it came in": the words right after the date, saying what happened on it, too.)
  const ownClause = text.lower.slice(at.end).split(/[.;,!?]|\band\b/)[0] ?? '';
  const rest =
    /\b(?:when|the day|the date)\b.*/.exec(ownClause)?.[0] ??
    /^ (?:that )?(?:it|she|he|they|the (?:car|vehicle|lessee|customer)) (?:came|come|was|got|dropped|turned|brought|left)\b.*/.exec(ownClause)?.[0] ??
    '';
  const maturityAfter = rest.search(maturityCue);
  const returnedAfter = rest.search(returnCue);
  if (pendingField !== 'maturityDate' && pendingField !== 'returnDate' && (maturityAfter >= 0 || returnedAfter >= 0)) {
    if (returnedAfter < 0 || (maturityAfter >= 0 && maturityAfter < returnedAfter)) return 'maturityDate';
    return 'returnDate';
  }
  // "I gave you the wrong maturity, it's 6/30/2027": the field named in the clause before, when the date's own clause
  // says nothing else ("… and I can't get into AVRM this morning" is another thing's time). At a prompt for a date,
  // only when the clause before says that field was wrong ("the maturity date I gave you was wrong, it's march 15").
  const shortClause = clause.trim().split(/\s+/).length <= 3;
  const earlier = before
    .split(/[.;!?]/)
    .slice(-2)
    .join(' ');
  const maturityEarlier = lastIndex(earlier, maturityCue);
  const returnedNamed = lastIndex(earlier.replace(maturityThenBack, '$1'), returnCue);
  // ("they bought our turn-in on smartauction and theyre coming friday": the return named as what was bought.)
  const returnedEarlier = returnIsWhatAStepIsDoneTo(earlier, lastIndex(earlier, otherStepCue), returnedNamed) ? -1 : returnedNamed;
  const earlierField = maturityEarlier >= 0 || returnedEarlier >= 0 ? (maturityEarlier > returnedEarlier ? 'maturityDate' : 'returnDate') : undefined;
  if (pendingField === 'maturityDate' || pendingField === 'returnDate') {
    // ("came in 11/29, and it matures in february, 2/10" at the return-date prompt: the clause just before names the other date.)
    const previousClause = before.split(/[.;,!?]/).at(-2) ?? '';
    const otherField = pendingField === 'returnDate' ? 'maturityDate' : 'returnDate';
    if (shortClause && lastIndex(previousClause, otherField === 'maturityDate' ? maturityCue : returnCue) >= 0 && earlierField === otherField)
      return otherField;
    const saidWrong = /\b(?:wrong|incorrect|mistake|typo|not right|off|messed up|fat[- ]?finger\w*|mis-?typed)\b/.test(earlier);
    return shortClause && saidWrong && earlierField ? earlierField : pendingField;
  }
  return shortClause ? earlierField : undefined;
}

/** "supposed to pick up our Ally return", "bought our turn-in": the return named as the thing another step is done to. */
function returnIsWhatAStepIsDoneTo(clause: string, otherStep: number, returned: number): boolean {
  return (
    otherStep >= 0 &&
    returned > otherStep &&
    /^\S+(?: up| it up)? (?:our|the|a|an|this|that|their|his|her) (?:ally |lease |leased )*$/.test(clause.slice(otherStep, returned))
  );
}

function lastIndex(text: string, pattern: RegExp): number {
  let index = -1;
  for (const match of text.matchAll(new RegExp(pattern.source, 'g'))) index = match.index;
  return index;
}

function shiftDays(date: CalendarDate, days: number): CalendarDate {
  const moved = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days));
  return parseCalendarDate(moved.toISOString().slice(0, 10)) ?? date;
}
