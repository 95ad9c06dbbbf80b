import { reply, type Reply } from '../../src/channels/reply.ts';
import { talkToPersonChoice } from '../../src/handoffs/handoff-messages.ts';
import { isUsStateCode, stateName, type UsStateCode } from '../../src/domain/us-states.ts';
import type { ChoiceSpec } from '../choice-matching.ts';
import { asReplyChoices } from '../choice-matching.ts';
import { acceptedDateFormats } from './input-messages.ts';

export const intentChoices = [
  {
    value: 'lesseeReturn',
    title: 'Lessee returns it to Ally',
    synonyms: ['return', 'returning', 'lessee return', 'give it back', 'turn in', 'return to ally', 'nobody buys', 'no one buys'],
  },
  {
    value: 'dealerPurchaseForInventory',
    title: 'We buy it for inventory',
    synonyms: ['inventory', 'for inventory', 'dealer purchase for inventory', 'we buy it', 'dealer buys it', 'we keep it'],
  },
  {
    value: 'dealerPurchaseForLessee',
    title: 'We buy it for the lessee',
    synonyms: [
      'lessee buys',
      'lessee keeps it',
      'lessee wants to buy',
      'purchase for lessee',
      'dealer purchase for lessee',
      'resale to lessee',
      'for the lessee',
      'buy it for the lessee',
      'buys it for the lessee',
      'buyout',
    ],
  },
] as const satisfies readonly ChoiceSpec[];

export const yesNoChoices = [
  { value: 'yes', title: 'Yes', synonyms: ['y', 'yeah', 'yep', 'yup', 'sure', 'we do', 'i do', 'correct', 'true', 'have it', 'got it'] },
  { value: 'no', title: 'No', synonyms: ['n', 'nope', 'not yet', 'we dont', 'i dont', 'no access', 'false', 'dont have it', 'none'] },
] as const satisfies readonly ChoiceSpec[];

export const skipWords = ['skip', 'no', 'none', 'n/a', 'na', 'no vin', 'later', 'dont have it'] as const;

const whereToFind = {
  maturityDate:
    'No problem. The maturity date (the scheduled end of the lease) is on the lease contract, and in AVRM; your Ally Account Executive can also tell you. Once you have it:',
  returnDate: 'The return date is the day the vehicle comes back to your dealership (today, if it is on your lot now).',
  state: "It's the state your dealership is in (where the car is returned).",
  vin: 'The VIN is on the lease contract, the registration, or the lower corner of the windshield. It is optional here: reply skip.',
} as const;

/** How an answer is named and written when it changes ("the state" / "Ohio"). */
export const fieldLabels = {
  state: 'the state',
  maturityDate: 'the maturity date',
  returnDate: 'the return date',
  intent: 'what happens to the car',
  hasAvrmAccess: 'AVRM access',
  vin: 'the VIN',
} as const;

export function describeAnswer(field: keyof typeof fieldLabels, value: unknown): string {
  if (field === 'state' && typeof value === 'string' && isUsStateCode(value)) return stateName(value);
  if (field === 'intent') return intentChoices.find((choice) => choice.value === value)?.title ?? String(value);
  if (field === 'hasAvrmAccess') return value === true ? 'yes' : 'no';
  return String(value);
}

/** An answer taken from a message without its question being asked ("Got it: Ohio; lease matures 2026-12-30"). */
export function notedAnswer(field: keyof typeof fieldLabels, value: unknown): string {
  switch (field) {
    case 'maturityDate':
      return `lease matures ${String(value)}`;
    case 'returnDate':
      return `back on ${String(value)}`;
    case 'hasAvrmAccess':
      return value === true ? 'you have AVRM access' : 'no AVRM access';
    case 'vin':
      return `VIN ${String(value)}`;
    default:
      return describeAnswer(field, value);
  }
}

export const walkthroughMessages = {
  askState: (remembered: UsStateCode | undefined): Reply =>
    reply({
      text: "Let's work out this return. Which state is the dealership in? (OH or Ohio)",
      choices: remembered ? [{ value: remembered, title: `${stateName(remembered)} (${remembered})` }] : [],
    }),
  askMaturityDate: (): Reply => reply({ text: `When does the lease mature (the scheduled end date)? For example 11/26/2026.` }),
  askReturnDate: (): Reply => reply({ text: 'And the day the vehicle comes back to you?', choices: [{ value: 'today', title: 'Today' }] }),
  odometerReminder: (): Reply =>
    reply({ text: 'While the lessee is still there: give them a copy of their signed Ally Odometer Statement before they leave.', tone: 'notice' }),
  askIntent: (): Reply => reply({ text: 'What happens to the car?', choices: asReplyChoices(intentChoices) }),
  askAvrm: (): Reply => reply({ text: 'Do you have access to AVRM (Ally Vehicle Return Manager)?', choices: asReplyChoices(yesNoChoices) }),
  askVin: (): Reply => reply({ text: 'Last one, optional: the VIN, for the summary. Or skip.', choices: [{ value: 'skip', title: 'Skip' }] }),
  needs: {
    state: "I need the dealership's US state, as a code (OH) or a name (Ohio).",
    maturityDate: `I need the lease's scheduled maturity date (${acceptedDateFormats}).`,
    returnDate: `I need the day the vehicle comes back (${acceptedDateFormats}).`,
    intent: 'I need to know who ends up with the car: returned to Ally, bought by you for inventory, or bought for the lessee.',
    hasAvrmAccess: 'I need a yes or no: do you have AVRM access?',
    vin: 'I need a valid 17-character VIN, or "skip".',
  },
  /** Facts the dealer stated that changed or filled answers ("Changed the state to Ohio."). */
  changes: (changed: readonly string[], noted: readonly string[], yearsAssumed: readonly string[]): Reply =>
    reply({
      text: [
        ...changed.map((line) => `Changed ${line}.`),
        ...(noted.length > 0 ? [`Got it: ${noted.join('; ')}.`] : []),
        ...yearsAssumed.map((line) => `No year given, so I took ${line}.`),
      ],
      tone: 'notice',
    }),
  /** Where a dealer finds what they don't know. */
  whereToFind: (field: 'maturityDate' | 'returnDate' | 'state' | 'vin'): Reply => reply({ text: whereToFind[field], tone: 'notice' }),
  /** Three unusable answers: what is needed, and that nothing told so far is lost. */
  paused: (need: string, serviceCenter: { name: string; reach: string } | undefined): Reply =>
    reply({
      text: [
        `Let's stop here: ${need}`,
        `I kept what you told me. Pick "Return a vehicle" again, or just type the answer, and we carry on from there.`,
        serviceCenter
          ? `Or talk to a person here, or call the ${serviceCenter.name} at ${serviceCenter.reach} to talk it through with someone.`
          : 'Or ask me a question, or talk to a person here.',
      ],
      tone: 'notice',
      // Three misses in a row lead to a person: the offer joins the menu's choices (bots/handoff-gate.ts).
      choices: [talkToPersonChoice],
    }),
  contradiction: (message: string): Reply => reply({ text: `Those answers don't fit together: ${message}`, tone: 'notice' }),
};
