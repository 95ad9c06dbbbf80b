import { paragraph, quoted, reply, type Reply } from '../channels/reply.ts';

/** What the dealer reads about a handoff, in one place (rendered per channel like every reply). */
export const handoffMessages = {
  /** Within SUPPORT_HOURS: someone will answer here. */
  connecting: (): Reply =>
    reply({
      text: [
        "I'm connecting you with a person at Ally. Stay in this conversation: their replies will appear right here.",
        "While you wait, anything you type goes to them, and I'll stay quiet until they hand you back to me.",
      ],
      tone: 'notice',
    }),
  /** Outside SUPPORT_HOURS: the hours, and the number to call now. */
  connectingAfterHours: (hours: string, contact: { name: string; reach: string } | undefined): Reply =>
    reply({
      text: [
        `People answer here ${hours}, and it's outside those hours now. I've left your conversation in their queue and they will reply here when they're back.`,
        contact ? `If it can't wait, call the ${contact.name} at ${contact.reach}.` : 'If it cannot wait, call your Ally Account Executive.',
        "Anything you type now goes to them; I'll stay quiet until they hand you back to me.",
      ],
      tone: 'notice',
    }),
  /** By text (one SMS): a person will text back, and the number for talking now. */
  connectingByText: (contact: { name: string; reach: string } | undefined): Reply =>
    reply({
      text: `A person at Ally will text you back here; until then I stay quiet.${contact ? ` To talk now, call the ${contact.name} at ${contact.reach}.` : ''}`,
    }),
  /** By text, outside SUPPORT_HOURS. */
  afterHoursByText: (hours: string, contact: { name: string; reach: string } | undefined): Reply =>
    reply({
      text: `People answer texts ${hours}; yours is in their queue.${contact ? ` If it can't wait, call the ${contact.name} at ${contact.reach}.` : ''}`,
    }),
  /** The dealer asked again while already waiting: where they stand. */
  stillWaiting: (): Reply => reply({ text: "You're in the queue for a person at Ally; they will reply here.", tone: 'notice' }),
  /** An agent took the conversation. */
  agentJoined: (agentName: string): Reply => reply({ text: `${agentName} has joined the conversation.`, tone: 'notice' }),
  /** An agent's words: theirs, so shown as quoted text (never as markup). */
  fromAgent: (agentName: string, text: string): Reply => reply({ text: paragraph`${agentName}: ${quoted(text)}` }),
  /** The agent handed the dealer back to the bot. */
  backToBot: (): Reply =>
    reply({
      text: ["The person from Ally has ended the conversation, and I'm back.", 'Type "menu" to see what I can do, or ask me a question.'],
      tone: 'notice',
    }),
};

/** The choice every "I have no answer" offers; its value is the words the message reader takes as a handoff. */
export const talkToPersonChoice = { value: 'Talk to a person', title: 'Talk to a person' } as const;
