import { paragraph, quoted, reply, type Reply } from '../../src/channels/reply.ts';
import { asReplyChoices, normalizeWords, type ChoiceSpec } from '../choice-matching.ts';

/**
 * The menu. `commands`: what, typed as the whole message at any step (the page's shortcut buttons type
 * the title), leaves that step and starts this task; the title always counts. Only phrases that are no
 * answer to any question the dialogs ask: "return" alone is an answer at "What's it about?", so it is not one.
 */
export const menuChoices = [
  {
    value: 'returnVehicle',
    title: 'Return a vehicle',
    synonyms: ['return', 'lease return', 'walkthrough', 'a car is being returned', 'turn in', 'new return'],
    commands: ['return a car', 'start a return', 'new return'],
  },
  {
    value: 'releaseCheck',
    title: 'Someone is here to pick up a car',
    synonyms: ['pickup', 'pick up', 'release', 'release check', 'transporter', 'buying dealer', 'someone is here'],
    commands: ['release check', 'someone is here'],
  },
  {
    value: 'statusCheck',
    title: "Check a return's status",
    synonyms: ['status', 'check status', 'where is my return', 'case status', 'check a return status', 'check the status'],
    askedAs: [
      'return status',
      'status of a return',
      'status of my return',
      'status of the return',
      'status of a car',
      'status of my car',
      'status of the car',
      'status of a vehicle',
      'status of my vehicle',
      'status of the vehicle',
      'where is my return',
      'where is my car',
      'where is my vehicle',
      'where does my return stand',
    ],
    commands: ['check a return status', 'check status', 'check the status'],
  },
  {
    value: 'contacts',
    title: 'Who to call',
    synonyms: ['contacts', 'contact', 'phone', 'phone numbers', 'numbers', 'directory', 'who do i call'],
    commands: ['who do i call'],
  },
  { value: 'question', title: 'Ask a question', synonyms: ['question', 'ask', 'i have a question'], commands: ['i have a question'] },
] as const satisfies readonly (ChoiceSpec & { commands: readonly string[] })[];

export type MenuChoice = (typeof menuChoices)[number]['value'];

export const menuChoiceValues = menuChoices.map((choice) => choice.value) as [MenuChoice, ...MenuChoice[]];

/** The task a whole message names as a menu command ("Return a vehicle", "check status"), if any. */
export function menuCommandOf(text: string): MenuChoice | undefined {
  const words = normalizeWords(text);
  return words === '' ? undefined : menuCommands.get(words);
}

/** Every command's words, normalized once (this is asked of every message at every step). */
const menuCommands = new Map<string, MenuChoice>(
  menuChoices.flatMap((choice) => [choice.title, ...choice.commands].map((phrase) => [normalizeWords(phrase), choice.value] as const)).reverse(),
);

export function menuTitleOf(task: MenuChoice): string {
  return menuChoices.find((choice) => choice.value === task)?.title ?? task;
}

export const menuMessages = {
  welcome: (): Reply =>
    reply({
      text: ["Hi, I'm the Lease Return Assistant. I know Ally's lease return process: ET or NM, quotes, the 72-hour hold, faxes, inspections and pickups."],
    }),
  firstMenu: (): Reply => reply({ text: 'What can I help with?', choices: asReplyChoices(menuChoices) }),
  againMenu: (): Reply => reply({ text: 'Anything else?', choices: asReplyChoices(menuChoices) }),
  unknown: (input: string): Reply =>
    reply({ text: paragraph`I didn't catch "${quoted(input)}". Pick an option, or ask me a question about the return process.`, tone: 'notice' }),
};
