import { reply, type Reply } from '../../src/channels/reply.ts';
import { asReplyChoices, type ChoiceSpec } from '../choice-matching.ts';

export const menuChoices = [
  { value: 'returnVehicle', title: 'Return a vehicle', synonyms: ['return', 'lease return', 'walkthrough', 'a car is being returned', 'turn in', 'new return'] },
  { value: 'releaseCheck', title: 'Someone is here to pick up a car', synonyms: ['pickup', 'pick up', 'release', 'release check', 'transporter', 'buying dealer', 'someone is here'] },
  { value: 'statusCheck', title: "Check a return's status", synonyms: ['status', 'check status', 'where is my return', 'case status'] },
  { value: 'contacts', title: 'Who to call', synonyms: ['contacts', 'contact', 'phone', 'phone numbers', 'numbers', 'directory', 'who do i call'] },
  { value: 'question', title: 'Ask a question', synonyms: ['question', 'ask', 'i have a question'] },
] as const satisfies readonly ChoiceSpec[];

export type MenuChoice = (typeof menuChoices)[number]['value'];

export const menuMessages = {
  welcome: (): Reply =>
    reply({
      text: [
        "Hi, I'm the Lease Return Assistant. I know Ally's lease return process: ET or NM, quotes, the 72-hour hold, faxes, inspections and pickups.",
      ],
    }),
  firstMenu: (): Reply => reply({ text: 'What can I help with?', choices: asReplyChoices(menuChoices) }),
  againMenu: (): Reply => reply({ text: 'Anything else?', choices: asReplyChoices(menuChoices) }),
  unknown: (input: string): Reply =>
    reply({ text: `I didn't catch "${input}". Pick an option, or ask me a question about the return process.`, tone: 'notice' }),
};
