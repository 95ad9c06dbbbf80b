import { paragraph, quoted, reply, type Reply } from '../../src/channels/reply.ts';
import { talkToPersonChoice } from '../../src/handoffs/handoff-messages.ts';

export const questionMessages = {
  ask: (): Reply => reply({ text: 'What\'s your question? For example: "what\'s the fax for dealer purchases?" or "who picks up the car?"' }),
  /** `fromModel`: a model's answer can repeat what the dealer typed (a link, markup), so it is quoted text. */
  answer: (text: string, citations: Reply['citations'], fromModel: boolean): Reply => reply({ text: fromModel ? paragraph`${quoted(text)}` : text, citations }),
  /** `serviceCenter`: the Dealer Service Center from the rules' contact directory. */
  outOfScope: (serviceCenter: { name: string; reach: string } | undefined): Reply =>
    reply({
      text: [
        "That's outside what I know. I can help with Ally lease returns: ET or NM, quotes, notifying Ally (AVRM or fax), inspections, SmartAuction, letters and releasing the car at pickup.",
        ...(serviceCenter ? [`For anything else, call the ${serviceCenter.name} at ${serviceCenter.reach}, or talk to a person here.`] : []),
      ],
      // The dealer's choice when the bot has no answer: the bot hands the conversation to a person (bots/handoff-gate.ts).
      choices: [talkToPersonChoice],
    }),
};
