import { z } from 'zod';
import { calendarDateSchema } from '../domain/calendar-date.ts';
import { intentSchema, pickupPartySchema } from '../domain/decision-request.ts';
import { usStateCodeSchema } from '../domain/us-state-schema.ts';

/**
 * One interpretation of one message, computed once and read by every surface (the dialogs, SMS, the
 * console's Ask, POST /api/v1/answers), so they can never disagree about what a dealer said. It says
 * what the dealer wants, every fact the message states (each with the words it came from, negation
 * respected), and, for questions, the topic. Nothing here decides: the rules do, on these facts.
 */

/** What the dealer wants from this message. */
export const wants = ['task', 'question', 'correction', 'navigation', 'handoff', 'smallTalk', 'outOfScope', 'answer'] as const;
export const wantSchema = z.enum(wants);
export type Want = z.infer<typeof wantSchema>;

/** The tasks the assistant runs step by step. */
export const tasks = ['returnWalkthrough', 'releaseCheck', 'status', 'contacts'] as const;
export const taskSchema = z.enum(tasks);
export type Task = z.infer<typeof taskSchema>;

export const navigations = ['back', 'cancel', 'startOver', 'menu', 'help'] as const;
export const navigationSchema = z.enum(navigations);
export type Navigation = z.infer<typeof navigationSchema>;

export const smallTalkKinds = ['greeting', 'thanks', 'goodbye', 'acknowledgement'] as const;
export const smallTalkSchema = z.enum(smallTalkKinds);
export type SmallTalk = z.infer<typeof smallTalkSchema>;

/**
 * What a question is about, in the process's own terms. Retrieval and the rules use it to pick the
 * passage and the part of a decision to state.
 */
export const topics = [
  'hold', // the 72-hour remarketing hold after a dealer purchase
  'purchase', // buying the car (for the lessee or for inventory), the Dealer Buyout team
  'notification', // telling Ally of the return: AVRM, or phone and fax without it
  'fax', // which fax number
  'odometer', // the odometer statement
  'avrmAccess', // getting an AVRM login, registering, the User ID and password
  'quote', // quotes (purchase for lessee, for inventory, lessee return quotes)
  'termination', // early termination vs normal maturity
  'inspection', // the third-party inspection, AK/HI/SD
  'smartAuction', // posting and sale on SmartAuction
  'letters', // the ET pre-sale letter, the settlement letter
  'pickup', // who picks up, release against proof of sale or bill of lading
  'transport', // transportation questions
  'remarketing', // the remarketing process in general
  'nextSteps', // "what now": the next step of the process from where the dealer is
  'contacts', // who to call, in general
  'status', // where a returned car stands
] as const;
export const topicSchema = z.enum(topics);
export type Topic = z.infer<typeof topicSchema>;

/** A fact with the exact words of the message it was read from (a substring of the message). */
const stated = <T extends z.ZodType>(value: T) => z.strictObject({ value, words: z.string().min(1) });

/** The fields a message can state. Every one is optional: only what is said is read, nothing is guessed. */
export const statedFactsSchema = z.strictObject({
  state: stated(usStateCodeSchema).optional(),
  maturityDate: stated(calendarDateSchema).optional(),
  returnDate: stated(calendarDateSchema).optional(),
  intent: stated(intentSchema).optional(),
  /** The dealer buys the car, not saying for whom ("a dealer purchase", "we're buying it"); false when negated. */
  dealerWantsToPurchase: stated(z.boolean()).optional(),
  /** The lessee means to keep or buy the car ("she wants to keep it"); false when negated. */
  lesseeWantsToPurchase: stated(z.boolean()).optional(),
  hasAvrmAccess: stated(z.boolean()).optional(),
  /** A full 17-character VIN (check digit verified). */
  vin: stated(z.string().length(17)).optional(),
  /** The last 6 to 16 characters of a VIN (SMS and agents use the last 6). */
  vinSuffix: stated(z.string().min(6).max(16)).optional(),
  pickupBy: stated(pickupPartySchema).optional(),
  proofOfSale: stated(z.boolean()).optional(),
  billOfLading: stated(z.boolean()).optional(),
  /** Whether the car sold on SmartAuction ("didn't sell" is false). */
  sold: stated(z.boolean()).optional(),
  /** The dealer says they do not know a date ("I don't know the maturity date"). */
  unknown: stated(z.enum(['maturityDate', 'returnDate', 'state', 'vin'])).optional(),
});
export type StatedFacts = z.infer<typeof statedFactsSchema>;
export type StatedFactName = keyof StatedFacts;

export const interpretationSchema = z.strictObject({
  want: wantSchema,
  task: taskSchema.optional(),
  navigation: navigationSchema.optional(),
  smallTalk: smallTalkSchema.optional(),
  /** For questions: what the question is about (most specific first). */
  topics: z.array(topicSchema),
  facts: statedFactsSchema,
  /**
   * A state name that was nearly right ("hawai"): the surface asks "Did you mean Hawaii?" instead of
   * taking it. Never set when `facts.state` is.
   */
  didYouMean: z.strictObject({ field: z.literal('state'), value: usStateCodeSchema, words: z.string() }).optional(),
  /**
   * The message as the readers read it: lower case, shorthand spelt out, near-miss spellings of process
   * words corrected ("setlement leter" → "settlement letter"). Answers are searched with these words.
   */
  readAs: z.string(),
  /** Dates given without a year, and the year chosen for them, so the reply can say which. */
  yearsAssumed: z.array(z.strictObject({ field: z.enum(['maturityDate', 'returnDate']), year: z.number().int() })),
});
export type Interpretation = z.infer<typeof interpretationSchema>;

/** What the conversation already knows when the message arrives. */
export const interpretationContextSchema = z.strictObject({
  /** "Today" in the dealer's zone (ISO date), for "today", "dec 31" and "next friday". */
  today: calendarDateSchema,
  /** The field a prompt is waiting for, if any: a bare "12/3" then fills it. */
  pendingField: z.enum(['state', 'maturityDate', 'returnDate', 'intent', 'hasAvrmAccess', 'vin', 'pickupBy', 'document']).optional(),
  /** The channel the message came on ("sms" messages are short and use shorthand). */
  channel: z.enum(['chat', 'sms', 'console', 'api']).default('api'),
});
export type InterpretationContext = z.input<typeof interpretationContextSchema>;
