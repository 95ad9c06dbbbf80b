import { paragraph, quoted } from '../../src/channels/reply.ts';

/**
 * What the dealer reads when an answer can't be used: precise, and how to say it instead. What they
 * typed is `quoted`, so no channel shows it as formatting or a link.
 */
export const acceptedDateFormats = '2026-11-26, 11/26/2026, Nov 26 2026, or today / tomorrow / yesterday';

export const inputMessages = {
  unknownState: (input: string) => paragraph`"${quoted(input)}" isn't a US state I know. Give the two-letter code (OH) or the name (Ohio).`,
  unreadableDate: (input: string) => paragraph`I can't read "${quoted(input)}" as a date. Try ${acceptedDateFormats} (month before day).`,
  impossibleDate: (input: string) => paragraph`${quoted(input)} isn't a real calendar date. Check the day and month (month comes first: 11/26/2026).`,
  implausibleDate: (iso: string) => `${iso} is more than 10 years from today; check the year.`,
  unknownIntent: (input: string) => paragraph`I didn't catch what happens to the car from "${quoted(input)}". Pick one of the options (or its number).`,
  unknownPickupParty: (input: string) => paragraph`Is "${quoted(input)}" the buying dealer or a transporter? Pick one of the options (or its number).`,
  yesOrNo: (input: string) => paragraph`Just yes or no, please ("${quoted(input)}" could go either way).`,
  unknownChoice: (input: string) => paragraph`I didn't catch "${quoted(input)}". Pick one of the options (or its number).`,
  badVin: (problem: string) => `That VIN doesn't check out: ${problem}`,
  /** Off SMS nothing scopes a search by the end of a VIN to one dealer, so chat needs all 17 characters. */
  fullVinInChat: 'In chat, type the full 17-character VIN; over SMS the last 6 will do.',
  empty: "I didn't get any text. Type your answer, please.",
} as const;
