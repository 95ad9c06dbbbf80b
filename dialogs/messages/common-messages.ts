import { reply, type Reply } from '../../src/channels/reply.ts';
import { talkToPersonChoice } from '../../src/handoffs/handoff-messages.ts';
import type { SmallTalk } from '../../src/understanding/index.ts';
import { acceptedDateFormats } from './input-messages.ts';
import { menuTitleOf, type MenuChoice } from './menu-messages.ts';
import {
  AVRM_PROMPT,
  CONTACT_TOPIC_PROMPT,
  INTENT_PROMPT,
  MATURITY_DATE_PROMPT,
  MENU_PROMPT,
  PICKUP_DOCUMENT_PROMPT,
  PICKUP_PARTY_PROMPT,
  QUESTION_PROMPT,
  RETURN_DATE_PROMPT,
  STATE_PROMPT,
  STATUS_VIN_PROMPT,
  VIN_PROMPT,
} from '../dialog-ids.ts';

/** The words that interrupt any step. Matched exactly (after trimming): "don't cancel" is not "cancel". */
export const interruptionWords = {
  help: ['help', '?', 'what can you do', 'options'],
  cancel: ['cancel', 'stop that', 'never mind', 'nevermind', 'quit', 'exit', 'menu', 'main menu', 'back to menu'],
  startOver: ['start over', 'restart', 'reset', 'start again', 'begin again'],
} as const;

const smallTalkAnswers: Record<SmallTalk, string> = {
  greeting: 'Hi!',
  thanks: "You're welcome.",
  goodbye: 'Bye for now. You can pick up here any time.',
  acknowledgement: 'OK.',
};

const stepHelp: Record<string, string> = {
  [MENU_PROMPT]: 'Pick what you need, or just ask a question ("what is the fax for dealer purchases?").',
  [STATE_PROMPT]: "I need the dealership's state (two-letter code like OH, or the name). It decides whether a third-party inspection is offered.",
  [MATURITY_DATE_PROMPT]: `I need the lease's scheduled maturity date, from the lease or AVRM. Dates: ${acceptedDateFormats}.`,
  [RETURN_DATE_PROMPT]: `I need the day the vehicle comes back to the dealership. Before maturity it is an early termination (ET). Dates: ${acceptedDateFormats}.`,
  [INTENT_PROMPT]: 'Who ends up with the car: the lessee buys it through you, you buy it for inventory, or it goes back to Ally.',
  [AVRM_PROMPT]: 'AVRM is the Ally Vehicle Return Manager. With access you notify Ally there; without it, you fax the signed form.',
  [VIN_PROMPT]: 'The VIN is optional: 17 characters, no I, O or Q. Reply skip to go on without it.',
  [PICKUP_PARTY_PROMPT]: 'A buying dealer comes when the car sold on SmartAuction; a transporter comes when it did not sell or was not eligible.',
  [PICKUP_DOCUMENT_PROMPT]: 'Answer yes only if you have the document in hand.',
  [CONTACT_TOPIC_PROMPT]: 'Pick the situation and I give you the one number to call, or the full directory.',
  [STATUS_VIN_PROMPT]: 'In chat, type the full 17-character VIN; over SMS the last 6 characters will do.',
  [QUESTION_PROMPT]: 'Ask anything about the Ally lease return process.',
};

export const commonMessages = {
  help: (promptId: string | undefined): Reply =>
    reply({
      text: [
        promptId && stepHelp[promptId] ? stepHelp[promptId] : (stepHelp[MENU_PROMPT] ?? ''),
        'Any time: "cancel" goes back to the menu, "start over" clears everything, and you can ask a question without losing your place.',
      ],
      tone: 'notice',
    }),
  cancelled: (): Reply => reply({ text: 'OK, stopped that. Nothing was sent to Ally.', tone: 'notice' }),
  startedOver: (): Reply => reply({ text: "OK, let's start over.", tone: 'notice' }),
  backToQuestion: (): Reply => reply({ text: 'Back to where we were:', tone: 'notice' }),
  /** "back" at the first question of a task. */
  nothingBefore: (): Reply => reply({ text: "That's the first question, so there's nothing before it.", tone: 'notice' }),
  wentBack: (): Reply => reply({ text: 'OK, back one question.', tone: 'notice' }),
  /** A greeting, thanks or goodbye in the middle of a task: a short answer, then the question again. */
  smallTalk: (kind: SmallTalk | undefined): Reply => reply({ text: kind === undefined ? 'OK.' : smallTalkAnswers[kind], tone: 'notice' }),
  /** "Did you mean Hawaii?" (`choices`: yes / no). */
  didYouMean: (name: string, choices: Reply['choices']): Reply => reply({ text: `Did you mean ${name}?`, choices }),
  /** After three unusable answers: what was needed, and the menu option that starts the same task again. */
  gaveUp: (need: string, task: MenuChoice): Reply =>
    reply({
      text: [`Let's stop here: ${need}`, `Pick "${menuTitleOf(task)}" again when you're ready, ask me a question, or talk to a person.`],
      tone: 'notice',
      // Three misses in a row lead to a person: the offer joins the menu's choices (bots/handoff-gate.ts).
      choices: [talkToPersonChoice],
    }),
  /** A menu command typed mid-task ("Return a vehicle" while asked "What's it about?"): that task instead. */
  switchedTask: (task: MenuChoice): Reply => reply({ text: `OK, switching to "${menuTitleOf(task)}". Nothing was sent to Ally.`, tone: 'notice' }),
  stateOutdated: (): Reply =>
    reply({
      text: "I've been updated since we last talked and can't pick up exactly where we left off, so we're back at the menu. Sorry for the repeat.",
      tone: 'notice',
    }),
  /** `cleared`: the failed step was removed from the conversation (only then may we say so). */
  turnFailed: (fallbackContact: string, cleared: boolean): Reply =>
    reply({
      text: [
        "Sorry, something went wrong on my side and I couldn't finish that.",
        `${cleared ? "I've cleared that step: type" : 'Type'} "menu" to carry on, or call ${fallbackContact} if it's urgent.`,
      ],
      tone: 'notice',
    }),
  /** Another turn of this conversation (another window, a retry) was saved first: this one changed nothing. */
  turnCrossed: (): Reply =>
    reply({ text: 'That message crossed with another one in this conversation, so nothing changed. Please send it again.', tone: 'notice' }),
  /** The database could not take the turn (full disk, busy or damaged file): nothing was saved. */
  notSaved: (fallbackContact: string): Reply =>
    reply({
      text: ["Sorry, I couldn't save that just now, so nothing changed.", `Please send it again in a minute, or call ${fallbackContact} if it's urgent.`],
      tone: 'notice',
    }),
};
